using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.Core.Diagnostics;
using System.CommandLine;
using NeuroCompiler.Gpu;

namespace NeuroCompiler.Cli.Backends;

/// <summary>The --backend and --device options, shared by run, verify and emit-cs.</summary>
internal sealed class BackendOptions
{
    public const string CudaDevice = "cuda";
    public const string CpuAcceleratorDevice = "cpu-accelerator";

    private readonly Func<IBackend, bool> _allowed;

    public BackendOptions(string defaultBackend, Func<IBackend, bool>? allowed = null)
    {
        _allowed = allowed ?? (_ => true);
        Backend = new Option<string>("--backend")
        {
            Description = string.Join("; ", BackendRegistry.All.Where(_allowed).Select(b => $"{b.Name}: {b.Description}")),
            DefaultValueFactory = _ => defaultBackend,
            HelpName = BackendRegistry.Names(_allowed).Replace(", ", "|", StringComparison.Ordinal),
        };
        Device = new Option<string>("--device")
        {
            Description = $"Where the gpu backend runs: {CudaDevice} (the first NVIDIA GPU) or {CpuAcceleratorDevice} (ILGPU's CPU emulator, about 1000x slower; for testing)",
            DefaultValueFactory = _ => CudaDevice,
            HelpName = $"{CudaDevice}|{CpuAcceleratorDevice}",
        };
    }

    public Option<string> Backend { get; }

    public Option<string> Device { get; }

    /// <summary>The chosen backend and its settings, or null after printing a usage error.</summary>
    public (IBackend Backend, BackendSettings Settings)? Resolve(ParseResult parse, TextWriter error)
    {
        string name = parse.GetValue(Backend)!;
        if (BackendRegistry.Find(name) is not { } backend || !_allowed(backend))
        {
            error.WriteLine(DiagnosticCatalogue.CommandLine(ErrorCode.BadCommandLine, $"unknown backend '{name}' (available: {BackendRegistry.Names(_allowed)})"));
            return null;
        }
        DeviceKind? device = (parse.GetValue(Device) ?? CudaDevice) switch
        {
            CudaDevice => DeviceKind.Cuda,
            CpuAcceleratorDevice => DeviceKind.CpuAccelerator,
            _ => null,
        };
        if (device is null)
        {
            error.WriteLine(DiagnosticCatalogue.CommandLine(ErrorCode.BadCommandLine, $"unknown device '{parse.GetValue(Device)}' (available: {CudaDevice}, {CpuAcceleratorDevice})"));
            return null;
        }
        // Cache warnings (an entry discarded, a folder unusable) are printed as they happen: the run goes on.
        var cache = new KernelCache(warn: warning =>
        {
            lock (error)
            {
                error.WriteLine(warning.ToString());
            }
        });
        return (backend, new BackendSettings(device.Value, Cache: cache));
    }

    /// <summary>What to say when the GPU backend found no GPU.</summary>
    public static string NoGpu(NoGpuException e) =>
        DiagnosticCatalogue.CommandLine(ErrorCode.NoDevice, $"{e.Message}. The gpu backend needs an NVIDIA GPU with its driver; " +
            $"--device {CpuAcceleratorDevice} runs the same kernels on ILGPU's CPU emulator (slowly, for testing), and --backend cpu runs compiled kernels on this machine's cores.");
}
