namespace NeuroCompiler.Interpreter;

/// <summary>
/// Runs one body on the calling thread and on helper threads (worker 0 is the caller), and returns
/// when all are done. Helpers spin while a run is likely to follow soon, so handing out a step
/// costs well under a microsecond; they back off to yielding when idle.
/// </summary>
public sealed class WorkerPool : IDisposable
{
    private readonly Thread[] _threads;
    private Action<int>? _body;
    private volatile int _generation;
    private int _remaining;
    private volatile bool _stopping;
    private Exception? _failure;

    public WorkerPool(int workers)
    {
        Count = Math.Max(1, workers);
        _threads = Enumerable.Range(1, Count - 1).Select(w => new Thread(() => Loop(w)) { IsBackground = true, Name = $"neuroc worker {w}" }).ToArray();
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    public int Count { get; }

    public void Run(Action<int> body)
    {
        if (Count == 1)
        {
            body(0);
            return;
        }
        _body = body;
        _failure = null;
        Volatile.Write(ref _remaining, Count - 1);
        _generation++;
        body(0);
        int spins = 0;
        while (Volatile.Read(ref _remaining) != 0)
        {
            Pause(ref spins);
        }
        if (_failure is { } failure)
        {
            throw new AggregateException("a simulation worker failed", failure);
        }
    }

    private void Loop(int worker)
    {
        int seen = 0;
        while (true)
        {
            int spins = 0;
            while (_generation == seen && !_stopping)
            {
                Pause(ref spins);
            }
            if (_stopping)
            {
                return;
            }
            seen = _generation;
            try
            {
                _body!(worker);
            }
            catch (Exception e)
            {
                _failure = e;
            }
            Interlocked.Decrement(ref _remaining);
        }
    }

    /// <summary>
    /// Waits a little: a busy spin for the first ~50 µs (a step's next region usually starts within
    /// microseconds), then yielding the core so an idle pool does not starve other work.
    /// </summary>
    private static void Pause(ref int spins)
    {
        if (++spins < 20_000)
        {
            Thread.SpinWait(8);
        }
        else
        {
            Thread.Yield();
        }
    }

    public void Dispose()
    {
        _stopping = true;
        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }
}
