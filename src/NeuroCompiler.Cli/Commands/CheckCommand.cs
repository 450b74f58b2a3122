using System.CommandLine;

namespace NeuroCompiler.Cli.Commands;

/// <summary><c>neuroc check FILE</c>: every diagnostic, nothing run.</summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = CommonOptions.File();
        var set = CommonOptions.Set();
        var command = new Command("check", "Check a model: syntax, names, units, values. Prints every error found.") { file, set };
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
            var network = compilation.Network!;
            output.WriteLine($"{network.Settings.Name}: ok ({network.Populations.Length} populations, {network.TotalNeurons:N0} neurons, {network.Projections.Length} projections)");
            return ExitCodes.Success;
        });
        return command;
    }
}
