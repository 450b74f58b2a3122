using System.CommandLine;
using NeuroCompiler.Gpu;

namespace NeuroCompiler.Cli.Commands;

/// <summary>
/// <c>neuroc emit-ptx FILE</c>: the PTX of the model's GPU kernels for sm_90, as the gpu backend loads
/// it (or, with --as-emitted, as ILGPU emits it before neuroc rounds it). Needs no GPU.
/// </summary>
internal static class EmitPtxCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = CommonOptions.File();
        var set = CommonOptions.Set();
        var emitted = new Option<bool>("--as-emitted") { Description = "The PTX as ILGPU emits it, before neuroc adds a rounding modifier to every floating-point add, subtract and multiply" };
        var command = new Command("emit-ptx", "Print the PTX of the model's GPU kernels (sm_90); no GPU needed.") { file, set, emitted };
        command.SetAction(parse =>
        {
            var (network, exitCode) = CommonOptions.CompileModel(parse, file, set, error, instantiate: false);
            if (network is null)
            {
                return exitCode;
            }
            try
            {
                foreach (var kernel in PtxCompiler.Offline(GpuBackend.Compile(network).Kernels))
                {
                    output.WriteLine($"// ---- {kernel.Name} ----");
                    output.Write(parse.GetValue(emitted) ? kernel.Emitted : kernel.Loaded);
                }
            }
            catch (Exception e) when (e is CodeGen.Compile.GeneratedCodeException or ILGPU.InternalCompilerException or NotSupportedException)
            {
                error.WriteLine($"neuroc: internal error: the GPU kernels of '{network.Settings.Name}' could not be compiled to PTX: {e.Message}");
                return ExitCodes.RuntimeFailure;
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
