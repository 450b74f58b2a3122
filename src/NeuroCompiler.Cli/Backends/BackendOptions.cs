using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.Core.Diagnostics;
using System.CommandLine;
using NeuroCompiler.Cli.Validation;
using NeuroCompiler.Engine;
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
        }.OneOf("backend", () => BackendRegistry.All.Where(_allowed).Select(b => b.Name).ToList());
        Device = new Option<string>("--device")
        {
            Description = $"Where the gpu backend runs: {CudaDevice} (the first NVIDIA GPU) or {CpuAcceleratorDevice} (ILGPU's CPU emulator, about 1000x slower; for testing)",
            DefaultValueFactory = _ => CudaDevice,
            HelpName = $"{CudaDevice}|{CpuAcceleratorDevice}",
        }.OneOf("device", () => Devices.Keys.ToList());
    }

    private static readonly Dictionary<string, DeviceKind> Devices = new(StringComparer.Ordinal)
    {
        [CudaDevice] = DeviceKind.Cuda,
        [CpuAcceleratorDevice] = DeviceKind.CpuAccelerator,
    };

    public Option<string> Backend { get; }

    public Option<string> Device { get; }

    /// <summary>Adds the rule that --device is given only with the backend that uses it (it would be ignored).</summary>
    public void AddRules() => OptionRules.Requires(Device, command => command.GetValue(Backend) == GpuBackend.Name, $"applies only with --backend {GpuBackend.Name}");

    /// <summary>
    /// The chosen backend and the options it runs with (both were checked as the command line was
    /// parsed). The kernel cache's warnings (an entry discarded, a folder unusable) are printed as they
    /// happen: the run goes on.
    /// </summary>
    public (IBackend Backend, RunOptions Options) Resolve(ParseResult parse, TextWriter error)
    {
        var cache = new KernelCache(warn: warning =>
        {
            lock (error)
            {
                error.WriteLine(warning.ToString());
            }
        });
        return (BackendRegistry.Find(parse.GetValue(Backend)!)!, new RunOptions { Device = Devices[parse.GetValue(Device) ?? CudaDevice], Cache = cache });
    }

    /// <summary>
    /// Prints the error that stopped a backend's run: at its place in the model with the source line, as
    /// a command-line diagnostic (followed by <paramref name="after"/>), or, for a bug in neuroc, as an internal error.
    /// </summary>
    public static void PrintError(TextWriter error, Diagnostic failure, string? after = null)
    {
        if (failure.Location is not null)
        {
            DiagnosticPrinter.Print(error, new[] { failure });
        }
        else if (failure.Code == ErrorCode.InternalError)
        {
            error.WriteLine($"neuroc: internal error: {failure.Message}");
        }
        else
        {
            error.WriteLine($"{failure}{after}");
        }
    }
}
