using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuroCompiler.Cli;

/// <summary>
/// .NET fixes the width of <c>Vector&lt;T&gt;</c> when the runtime starts, at 256 bits unless
/// <c>DOTNET_MaxVectorTBitWidth</c> says otherwise, and no setting in the app's runtimeconfig changes
/// it. The CPU backend's kernels are written over <c>Vector&lt;T&gt;</c>, so on a processor with
/// AVX-512 they do twice the lanes per instruction when the runtime starts with 512 (COBA's loop
/// 1.6x faster, CUBA's 1.15x, on this project's 2-core Zen 5 machine). So <c>neuroc run</c> and
/// <c>neuroc verify</c> start themselves once more with that setting, where 512-bit vectors are
/// accelerated and the variable is not set already. Every lane does the same IEEE operations at any
/// width, so the results are the same bits. <c>NEUROC_NO_RELAUNCH=1</c> turns it off;
/// <c>NEUROC_FORCE_RELAUNCH=1</c> takes this path on any processor (for testing it).
/// <para>
/// The child is one with its parent: the parent passes Ctrl-C and SIGTERM on to it and waits for it,
/// and the child dies with the parent (<see cref="DieWithParent"/>), so killing neuroc, even with
/// SIGKILL, never leaves a child that goes on and later writes results.
/// </para>
/// </summary>
public static class WideVectors
{
    public const string Variable = "DOTNET_MaxVectorTBitWidth";

    /// <summary>Set in the child: the parent's process id, which the child checks is still its parent.</summary>
    public const string ParentVariable = "NEUROC_PARENT";

    public const string ForceVariable = "NEUROC_FORCE_RELAUNCH";

    /// <summary>Whether to start again with 512-bit vectors.</summary>
    public static bool ShouldRelaunch(string[] args, bool accelerated512, int vectorBytes, Func<string, string?> environment) =>
        args.Length > 0 && args[0] is "run" or "verify" &&
        (accelerated512 && vectorBytes < 64 || environment(ForceVariable) is "1") &&
        environment(Variable) is null && environment("NEUROC_NO_RELAUNCH") is null;

    /// <summary>Runs neuroc again with 512-bit vectors and returns its exit code; null to go on in this process.</summary>
    public static int? Relaunch(string[] args)
    {
        if (!ShouldRelaunch(args, Vector512.IsHardwareAccelerated, Vector<byte>.Count, Environment.GetEnvironmentVariable) ||
            Environment.ProcessPath is not { } host || !OperatingSystem.IsLinux())
        {
            return null;
        }
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(WideVectors).Assembly.Location); // started as `dotnet neuroc.dll`
        }
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment[Variable] = "512";
        start.Environment[ParentVariable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        start.Environment.Remove(ForceVariable);
        try
        {
            // This thread starts the child and waits for it until it ends, so the child's parent-death
            // signal (which follows the thread that forked it) fires only when this process dies.
            using var child = Process.Start(start);
            if (child is null)
            {
                return null;
            }
            // Ctrl-C reaches the child too when it comes from the terminal (same process group), a
            // signal sent to this process alone does not: pass both on; the child stops cleanly.
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => PassOn(context, child));
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => PassOn(context, child));
            child.WaitForExit();
            return child.ExitCode;
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return null; // cannot start a process here: run in this one, at 256 bits
        }
    }

    /// <summary>
    /// In a child started by <see cref="Relaunch"/>: asks the kernel for SIGKILL when the parent dies
    /// (prctl PR_SET_PDEATHSIG), then checks the parent is still the one that started it, since it may
    /// have died before the request; if it has, ends at once.
    /// </summary>
    public static void DieWithParent()
    {
        if (Environment.GetEnvironmentVariable(ParentVariable) is not { } parent || !OperatingSystem.IsLinux())
        {
            return;
        }
        Environment.SetEnvironmentVariable(ParentVariable, null);
        Posix.DieWith(Posix.SigKill);
        if (Posix.ParentId().ToString(CultureInfo.InvariantCulture) != parent)
        {
            Environment.Exit(128 + Posix.SigKill);
        }
    }

    private static void PassOn(PosixSignalContext context, Process child)
    {
        context.Cancel = true;
        Posix.Kill(child.Id, Posix.Number(context.Signal));
    }
}
