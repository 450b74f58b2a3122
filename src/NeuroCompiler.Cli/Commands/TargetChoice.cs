using System.CommandLine;
using NeuroCompiler.Targets;

namespace NeuroCompiler.Cli.Commands;

/// <summary>The <c>--target</c> and <c>--targets</c> options of compile and verify, and finding the target they name.</summary>
internal sealed class TargetChoice
{
    public Option<string> Target { get; }
    public Option<DirectoryInfo?> Folder { get; } = new("--targets") { Description = "The folder of target descriptions (default: as neuroc targets finds it)" };

    public TargetChoice(bool required) =>
        Target = new Option<string>("--target") { Description = "The hardware target (neuroc targets lists them)", Required = required };

    /// <summary>The named target, or null after printing why there is none (unknown name, no descriptions, a target family not mapped yet).</summary>
    public TargetDescription? Resolve(ParseResult parse, TextWriter error)
    {
        if (TargetsCommand.Folder(parse.GetValue(Folder)?.FullName) is not { } folder)
        {
            error.WriteLine("neuroc: error NC0709: no target descriptions found (no targets/ folder here or above, nor next to neuroc)");
            return null;
        }
        var catalog = TargetRegistry.Load(folder);
        string name = parse.GetValue(Target)!;
        if (catalog.Find(name) is not { } description)
        {
            DiagnosticPrinter.Print(error, catalog.Diagnostics);
            error.WriteLine($"neuroc: error NC0709: {catalog.Unknown(name)}");
            return null;
        }
        if (description.Hardware is not DigitalHardware)
        {
            error.WriteLine($"neuroc: error NC0712: '{name}' is a {description.Family} target; mapping onto memristor crossbars comes with a later version of neuroc (digital-core targets map today)");
            return null;
        }
        return description;
    }
}
