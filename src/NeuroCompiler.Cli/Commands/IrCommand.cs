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
            var (network, exitCode) = CommonOptions.CompileModel(parse, file, set, error, instantiate: parse.GetValue(synapses),
                IR.Memory.ProcessFootprint.Interpreted with { ResultCopies = 0 }); // builds the synapses, runs nothing
            if (network is null)
            {
                return exitCode;
            }
            output.Write(NetworkPrinter.Print(network));
            return ExitCodes.Success;
        });
        return command;
    }
}
