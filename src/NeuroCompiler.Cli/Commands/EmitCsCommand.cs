using System.CommandLine;
using NeuroCompiler.Cli.Backends;
using NeuroCompiler.Engine;

namespace NeuroCompiler.Cli.Commands;

/// <summary><c>neuroc emit-cs FILE [--backend cpu|gpu]</c>: the C# a backend compiles for a model.</summary>
internal static class EmitCsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = CommonOptions.File();
        var set = CommonOptions.Set();
        var backends = new BackendOptions(CodeGen.CpuBackend.Name, b => b.Compiled);
        var command = new Command("emit-cs", "Print the C# source of the model's kernels (what the cpu or gpu backend compiles).") { file, backends.Backend, set };
        command.SetAction(parse =>
        {
            var (backend, _) = backends.Resolve(parse, error);
            var (network, exitCode) = CommonOptions.CompileModel(parse, file, set, error, instantiate: false);
            if (network is null)
            {
                return exitCode;
            }
            output.Write(backend.Source(network));
            return ExitCodes.Success;
        });
        return command;
    }
}
