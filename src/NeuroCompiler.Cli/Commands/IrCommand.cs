using System.CommandLine;
using NeuroCompiler.IR;

namespace NeuroCompiler.Cli.Commands;

/// <summary><c>neuroc ir FILE</c>: the IR after all passes, as text.</summary>
internal static class IrCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = CommonOptions.File();
        var set = CommonOptions.Set();
        var synapses = new Option<bool>("--synapses") { Description = "Also build the synapses and report their counts (slow for large models)" };
        var command = new Command("ir", "Print the intermediate representation: values in SI units, chosen integrators, step counts.") { file, set, synapses };
        command.SetAction(parse =>
        {
            if (CommonOptions.Overrides(parse.GetValue(set) ?? Array.Empty<string>(), error) is not { } overrides)
            {
                return ExitCodes.Usage;
            }
            var compilation = CommonOptions.Compile(parse.GetValue(file)!, overrides, instantiate: parse.GetValue(synapses));
            DiagnosticPrinter.Print(error, compilation.Diagnostics);
            if (!compilation.Success)
            {
                return ExitCodes.ModelError;
            }
            output.Write(NetworkPrinter.Print(compilation.Network!));
            return ExitCodes.Success;
        });
        return command;
    }
}
