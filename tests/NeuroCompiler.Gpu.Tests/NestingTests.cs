using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Gpu.Tests;

/// <summary>
/// The GPU kernels' C# is generated and compiled by Roslyn for the deepest expressions the front end
/// accepts, whichever thread asks (running them on ILGPU's CPU accelerator takes minutes at this depth,
/// so the run itself is left to neuroc's own checks).
/// </summary>
public sealed class NestingTests : IDisposable
{
    private readonly KernelCache _cache = new(Directory.CreateTempSubdirectory("neuroc-kernels-").FullName);

    public void Dispose() => Directory.Delete(_cache.Folder, recursive: true);

    [Fact]
    public void TheDeepestEquationCompilesFromAThreadWithASmallStack()
    {
        var network = Models.Network(DeepInputs.ClipEquation());
        CompiledKernels? kernels = null;
        var thread = new Thread(() => kernels = GpuBackend.Compile(network, _cache), 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.False(kernels!.FromCache);
        Assert.Contains("ScalarMath.Min(ScalarMath.Max(ScalarMath.Min(", GpuBackend.Source(network), StringComparison.Ordinal);
    }
}
