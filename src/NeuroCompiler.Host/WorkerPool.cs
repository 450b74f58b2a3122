using NeuroCompiler.Core.Nesting;

namespace NeuroCompiler.Host;

/// <summary>
/// Runs one body on the calling thread and on helper threads (worker 0 is the caller), and returns
/// when all are done. A waiting thread spins for a few microseconds (a step's next region usually
/// starts that soon) and then blocks, so a pool never holds a core that another process needs: on a
/// 2-core machine shared with other work, spinning threads starve the worker that still has work.
/// </summary>
public sealed class WorkerPool : IDisposable
{
    /// <summary>Spin iterations before blocking: about 10 µs.</summary>
    private const int SpinLimit = 1_000;

    private readonly Thread[] _threads;
    private readonly object _gate = new();
    private Action<int>? _body;
    private int _generation;
    private int _remaining;
    private int _sleepers;
    private volatile bool _stopping;
    private Exception? _failure;

    public WorkerPool(int workers)
    {
        Count = Math.Max(1, workers);
        _threads = Enumerable.Range(1, Count - 1).Select(w => new Thread(() => Loop(w), DeepStack.StackBytes) { IsBackground = true, Name = $"neuroc worker {w}" }).ToArray();
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
        Interlocked.Increment(ref _generation);
        WakeSleepers();
        body(0);
        WaitUntil(0, static (pool, _) => Volatile.Read(ref pool._remaining) == 0);
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
            WaitUntil(seen, static (pool, seen) => Volatile.Read(ref pool._generation) != seen || pool._stopping);
            if (_stopping)
            {
                return;
            }
            seen = Volatile.Read(ref _generation);
            try
            {
                _body!(worker);
            }
            catch (Exception e)
            {
                _failure = e;
            }
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                WakeSleepers();
            }
        }
    }

    /// <summary>
    /// Spins, then sleeps on the gate. Whoever changes a condition increments or decrements with a
    /// full fence and then reads <see cref="_sleepers"/>; a sleeper increments it with a full fence
    /// before its last check, so either it sees the change or the changer sees it and pulses.
    /// </summary>
    private void WaitUntil(int state, Func<WorkerPool, int, bool> done)
    {
        for (int spins = 0; spins < SpinLimit; spins++)
        {
            if (done(this, state))
            {
                return;
            }
            Thread.SpinWait(8);
        }
        lock (_gate)
        {
            Interlocked.Increment(ref _sleepers);
            while (!done(this, state))
            {
                Monitor.Wait(_gate);
            }
            Interlocked.Decrement(ref _sleepers);
        }
    }

    private void WakeSleepers()
    {
        if (Volatile.Read(ref _sleepers) > 0)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        Interlocked.MemoryBarrier();
        WakeSleepers();
        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }
}
