using NeuroCompiler.Host;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.CodeGen.Tests;

/// <summary>
/// Code generation and Roslyn handle the deepest expressions the front end accepts (three times as
/// deep in the IR, twice that in C#'s parentheses and calls): the kernels compile on a deep-stack
/// thread whoever asks, and run bit for bit as the reference does.
/// </summary>
public sealed class NestingTests : IDisposable
{
    private readonly Compile.KernelCache _cache = new(Directory.CreateTempSubdirectory("neuroc-kernels-").FullName);

    public void Dispose() => Directory.Delete(_cache.Folder, recursive: true);

    [Fact]
    public void TheDeepestModelCompilesAndIsBitIdenticalToTheReference()
    {
        var network = Comparison.RecordingAllSpikes(Models.Network(DeepInputs.UniformLet()));
        var reference = ReferenceInterpreter.Run(network);
        var run = CpuBackend.Run(network, cache: _cache);
        Assert.Equal(1, run.CompiledPopulations);
        var report = Comparison.Compare(reference, run.Result);
        Assert.True(report.Identical, $"first differs at step {report.First?.Step}: {report.First?.What}");
        Assert.True(report.TracesCompared > 0);
    }

    [Fact]
    public void TheSourceIsWrittenFromAThreadWithASmallStack()
    {
        var network = Models.Network(DeepInputs.ClipEquation());
        string? source = null;
        var thread = new Thread(() => source = CpuBackend.Source(network), 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Contains("ScalarMath.Min(ScalarMath.Max(ScalarMath.Min(", source, StringComparison.Ordinal);
    }
}
