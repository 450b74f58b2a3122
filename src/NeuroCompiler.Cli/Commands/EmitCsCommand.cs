using System.CommandLine;

namespace NeuroCompiler.Cli.Commands;

/// <summary><c>neuroc emit-cs FILE</c>: the C# the CPU backend compiles for a model.</summary>
internal static class EmitCsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = CommonOptions.File();
        var set = CommonOptions.Set();
        var command = new Command("emit-cs", "Print the C# source of the model's kernels (what the cpu backend compiles).") { file, set };
        command.SetAction(parse =>
        {
            if (CommonOptions.Overrides(parse.GetValue(set) ?? Array.Empty<string>(), error) is not { } overrides)
            {
                return ExitCodes.Usage;
            }
            var compilation = CommonOptions.Compile(parse.GetValue(file)!, overrides, instantiate: false);
            DiagnosticPrinter.Print(error, compilation.Diagnostics);
            if (!compilation.Success)
            {
                return ExitCodes.ModelError;
            }
            output.Write(CodeGen.CpuBackend.Source(compilation.Network!));
            return ExitCodes.Success;
        });
        return command;
    }
}
