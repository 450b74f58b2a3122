using NeuroCompiler.Cli;
using NeuroCompiler.Core.Diagnostics;

namespace NeuroCompiler.EndToEnd.Tests;

/// <summary>
/// A run that the memory estimate let start but that runs out of memory anyway (here: a .NET heap
/// capped far below what --memory allows) stops with NC0502 and exit 70, writes nothing, and is not
/// reported as a bug in neuroc.
/// </summary>
public sealed class OutOfMemoryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuroc-oom-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ARunThatRunsOutOfMemoryStopsWithNC0502AndWritesNothing()
    {
        // 10,000 neurons sampled every step for 1 s: 800 MB of samples, in a heap capped at 200 MB.
        string model = Path.Combine(_folder, "big.neuro");
        File.WriteAllText(model, """
            import "std/neurons"
            model big {
              dt = 0.1 ms
              duration = 1 s
            }
            population P = LIF[10000] { I = 400 pA }
            record P.v every 0.1 ms
            """);
        string results = Path.Combine(_folder, "results");
        using var neuroc = NeurocProcess.Start(new[] { "run", model, "--out", results, "--memory", "1TiB", "--quiet" },
            new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0xC800000", ["NEUROC_NO_RELAUNCH"] = "1" });
        var (code, output, error) = await neuroc.Exit();
        Assert.True(code == ExitCodes.RuntimeFailure, error);
        Assert.Contains($"neuroc: error {DiagnosticCatalogue.Text(ErrorCode.OutOfMemory)}: the simulation ran out of memory", error);
        Assert.DoesNotContain("internal error", error);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(results));
    }
}
