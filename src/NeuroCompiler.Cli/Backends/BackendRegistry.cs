using NeuroCompiler.CodeGen;
using NeuroCompiler.Gpu;
using NeuroCompiler.Interpreter;
using NeuroCompiler.IR;
using NeuroCompiler.IR.Memory;

namespace NeuroCompiler.Cli.Backends;

/// <summary>The backends <c>neuroc run</c>, <c>verify</c> and <c>emit-cs</c> know, by name.</summary>
internal static class BackendRegistry
{
    public static IReadOnlyList<IBackend> All { get; } = new IBackend[] { new Reference(), new Cpu(), new Graphics() };

    public static IBackend? Find(string name) => All.FirstOrDefault(b => b.Name == name);

    public static string Names(Func<IBackend, bool>? where = null) => string.Join(", ", All.Where(where ?? (_ => true)).Select(b => b.Name));

    private sealed class Reference : IBackend
    {
        public string Name => ReferenceInterpreter.BackendName;

        public string Description => "the ground-truth interpreter";

        public bool Threaded => false;

        public bool Compiled => false;

        public ProcessFootprint Footprint(Network? built) => ProcessFootprint.Interpreted;

        public BackendRun Run(Network network, InterpreterOptions options, BackendSettings settings) =>
            new(ReferenceInterpreter.Run(network, options), 0, null, null);

        public string? Source(Network network) => null;
    }

    private sealed class Cpu : IBackend
    {
        public string Name => CpuBackend.Name;

        public string Description => "compiled C# kernels on every core, bit-identical to the reference";

        public bool Threaded => true;

        public bool Compiled => true;

        public ProcessFootprint Footprint(Network? built) => ProcessFootprint.Compiled(built is not null && CpuBackend.HasCacheEntry(built));

        public BackendRun Run(Network network, InterpreterOptions options, BackendSettings settings)
        {
            var run = CpuBackend.Run(network, options, settings.Cache, settings.CompileInBackground);
            return new BackendRun(run.Result, run.CompiledPopulations, run.Compiling, null, run.KernelsFromStep);
        }

        public string? Source(Network network) => CpuBackend.Source(network);
    }

    private sealed class Graphics : IBackend
    {
        public string Name => GpuBackend.Name;

        public string Description => "ILGPU kernels on an NVIDIA GPU (--device cpu-accelerator: on ILGPU's CPU emulator, for testing)";

        public bool Threaded => false;

        public bool Compiled => true;

        // ILGPU compiles the kernels on every run; the device's own memory is not counted (not measured on a GPU yet).
        public ProcessFootprint Footprint(Network? built) => ProcessFootprint.Compiled(cached: false);

        public BackendRun Run(Network network, InterpreterOptions options, BackendSettings settings)
        {
            var run = GpuBackend.Run(network, settings.Device, options, settings.Cache);
            string device = run.Resident
                ? $"{run.Device}, whole step on the device"
                : $"{run.Device}, updates on the device; delivery, input and resets on the host";
            return new BackendRun(run.Result, run.CompiledPopulations, Task.FromResult(run.Kernels), device);
        }

        public string? Source(Network network) => GpuBackend.Source(network);
    }
}
