using System.Runtime.InteropServices;
using NeuroCompiler.Core.Diagnostics;

namespace NeuroCompiler.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM. Inside a <see cref="Graceful"/> scope (a simulation, which checks
/// <see cref="Token"/> at every step boundary, and the writing of results, which checks it before each
/// file and before the swap) a signal cancels the token: the work stops there, the command removes
/// what it staged and says so in one line. Anywhere else (parsing, compiling, building synapses,
/// mapping, printing) no output is being written and nothing polls the token, so the process ends at
/// once, after the same one line. The exit code is 128 + the signal's number: 130 for SIGINT, 143 for SIGTERM.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly TextWriter _error;
    private readonly Action<int> _terminate;
    private readonly List<PosixSignalRegistration> _registrations = new();
    private readonly Lock _gate = new();
    private int _graceful;

    /// <param name="error">Where the one line goes.</param>
    /// <param name="terminate">Ends the process with an exit code (outside graceful work); tests pass their own.</param>
    public Interruption(TextWriter error, Action<int>? terminate = null)
    {
        _error = error;
        _terminate = terminate ?? Environment.Exit;
    }

    /// <summary>Listens for SIGINT and SIGTERM (where the platform has them) until disposed.</summary>
    public static Interruption Listen(TextWriter error)
    {
        var interruption = new Interruption(error);
        try
        {
            foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
            {
                interruption._registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    context.Cancel = true;
                    interruption.Request(context.Signal);
                }));
            }
        }
        catch (PlatformNotSupportedException)
        {
            // No POSIX signals here: Ctrl-C keeps the runtime's default.
        }
        return interruption;
    }

    public CancellationToken Token => _source.Token;

    /// <summary>The first signal received; null while none was.</summary>
    public PosixSignal? Signal { get; private set; }

    public bool Requested => Signal is not null;

    /// <summary>Whether graceful work is under way now: a signal would stop it at the next check of <see cref="Token"/>.</summary>
    public bool GracefulNow
    {
        get
        {
            lock (_gate)
            {
                return _graceful > 0;
            }
        }
    }

    /// <summary>What the process exits with after the signal: 128 + its number.</summary>
    public int ExitCode => 128 + Posix.Number(Signal ?? PosixSignal.SIGINT);

    /// <summary>Marks work that stops cleanly at <see cref="Token"/>; a signal during it cancels the token instead of ending the process.</summary>
    public IDisposable Graceful()
    {
        lock (_gate)
        {
            _graceful++;
        }
        return new Scope(this);
    }

    /// <summary>What a signal does (the signal handler calls it; tests may too).</summary>
    public void Request(PosixSignal signal)
    {
        lock (_gate)
        {
            Signal ??= signal;
            if (_graceful > 0)
            {
                _source.Cancel();
                return;
            }
        }
        _error.WriteLine(Line("stopped at once (no output was being written)"));
        _error.Flush();
        _terminate(ExitCode);
    }

    /// <summary>The one line to print: <c>neuroc: error NC0507: interrupted by SIGINT: what happened</c>.</summary>
    public string Line(string what) =>
        DiagnosticCatalogue.CommandLine(ErrorCode.Interrupted, $"interrupted by {Signal ?? PosixSignal.SIGINT}: {what}");

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _source.Dispose();
    }

    private sealed class Scope(Interruption owner) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                lock (owner._gate)
                {
                    owner._graceful--;
                }
            }
        }
    }
}
