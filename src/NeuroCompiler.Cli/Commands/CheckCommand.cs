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
            var (network, exitCode) = CommonOptions.CompileModel(parse, file, set, error, instantiate: false);
            if (network is null)
            {
                return exitCode;
            }
            output.WriteLine($"{network.Settings.Name}: ok ({network.Populations.Length} populations, {network.TotalNeurons:N0} neurons, {network.Projections.Length} projections)");
            return ExitCodes.Success;
        });
        return command;
    }
}
