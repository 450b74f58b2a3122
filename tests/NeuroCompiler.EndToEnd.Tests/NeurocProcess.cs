using System.Diagnostics;
using System.Runtime.InteropServices;
using NeuroCompiler.Cli;

namespace NeuroCompiler.EndToEnd.Tests;

/// <summary>
/// neuroc started as a process of its own (<c>dotnet neuroc.dll ...</c>), for what only a real process
/// shows: signals, a lock another process holds, the child a relaunch starts.
/// </summary>
internal sealed class NeurocProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _error;

    private NeurocProcess(Process process)
    {
        _process = process;
        _output = process.StandardOutput.ReadToEndAsync();
        _error = process.StandardError.ReadToEndAsync();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <param name="environment">Variables to set; NEUROC_CACHE should be among them.</param>
    public static NeurocProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return new NeurocProcess(Process.Start(start)!);
    }

    /// <summary>The process's children (Linux: /proc/PID/task/*/children).</summary>
    public IReadOnlyList<int> Children() =>
        Directory.GetDirectories($"/proc/{Id}/task")
            .SelectMany(task => File.Exists(Path.Combine(task, "children")) ? File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries) : [])
            .Select(int.Parse).ToList();

    /// <summary>
    /// Whether any thread of the process still runs. A killed process's main thread can be a zombie
    /// while its other threads still exit, holding its files (and locks) open: every thread counts.
    /// </summary>
    public static bool Alive(int id)
    {
        try
        {
            return Directory.GetDirectories($"/proc/{id}/task").Any(task => Running($"{task}/stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool Running(string statFile)
    {
        try
        {
            string stat = File.ReadAllText(statFile);
            return stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static bool Locked(string folder)
    {
        string lockFile = Path.Combine(Path.GetDirectoryName(folder)!, $".{Path.GetFileName(folder)}.lock");
        if (!File.Exists(lockFile))
        {
            return false;
        }
        try
        {
            using var probe = new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; false if the process ended first or a minute and a half passed (a machine under load starts slowly).</summary>
    public bool WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }
            if (_process.HasExited)
            {
                return false;
            }
            Thread.Sleep(20);
        }
        return false;
    }

    public static bool WaitUntilGone(int id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Alive(id) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }
        return !Alive(id);
    }

    public void Signal(int signal) => Assert.Equal(0, kill(Id, signal));

    public void KillHard() => _process.Kill(entireProcessTree: false);

    public async Task<(int Code, string Output, string Error)> Exit()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await _process.WaitForExitAsync(timeout.Token);
        return (_process.ExitCode, await _output, await _error);
    }

    public override string ToString() => _process.HasExited ? _error.Result : $"process {Id}, running";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int process, int signal);
}
