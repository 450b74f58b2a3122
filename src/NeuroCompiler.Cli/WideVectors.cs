using System.ComponentModel;
using System.Diagnostics;
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
/// width, so the results are the same bits. <c>NEUROC_NO_RELAUNCH=1</c> turns it off.
/// </summary>
public static class WideVectors
{
    public const string Variable = "DOTNET_MaxVectorTBitWidth";

    /// <summary>Whether to start again with 512-bit vectors.</summary>
    public static bool ShouldRelaunch(string[] args, bool accelerated512, int vectorBytes, Func<string, string?> environment) =>
        args.Length > 0 && args[0] is "run" or "verify" &&
        accelerated512 && vectorBytes < 64 &&
        environment(Variable) is null && environment("NEUROC_NO_RELAUNCH") is null;

    /// <summary>Runs neuroc again with 512-bit vectors and returns its exit code; null to go on in this process.</summary>
    public static int? Relaunch(string[] args)
    {
        if (!ShouldRelaunch(args, Vector512.IsHardwareAccelerated, Vector<byte>.Count, Environment.GetEnvironmentVariable) ||
            Environment.ProcessPath is not { } host)
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
        try
        {
            using var child = Process.Start(start);
            if (child is null)
            {
                return null;
            }
            // Ctrl-C reaches the child too (same process group); this process waits for its exit code.
            Console.CancelKeyPress += (_, e) => e.Cancel = true;
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                child.Kill(entireProcessTree: true);
            });
            child.WaitForExit();
            return child.ExitCode;
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return null; // cannot start a process here: run in this one, at 256 bits
        }
    }
}
