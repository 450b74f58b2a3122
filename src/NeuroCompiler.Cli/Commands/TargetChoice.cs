using System.CommandLine;
using NeuroCompiler.Cli.Validation;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.IR;
using NeuroCompiler.Targets;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Cli.Commands;

/// <summary>The <c>--target</c> and <c>--targets</c> options of compile and verify, and finding the target they name.</summary>
internal sealed class TargetChoice
{
    public Option<string> Target { get; }
    public Option<DirectoryInfo?> Folder { get; } = new Option<DirectoryInfo?>("--targets") { Description = "The folder of target descriptions (default: as neuroc targets finds it)" }
        .ExistingFolder("the folder of target descriptions");

    public Option<bool> ClampDelays { get; } = new("--clamp-delays") { Description = "Clamp delays outside the target's range to it (counted in the report) instead of failing" };
    public Option<bool> InsertRelays { get; } = new("--insert-relays") { Description = "Insert relay neurons where a neuron must reach more cores than the target's fan-out allows (counted in the report)" };
    public Option<bool> FreezeLearning { get; } = new("--freeze-learning") { Description = "Map projections whose learning the target cannot run with their initial weights, fixed (counted in the report)" };
    public Option<bool> DriftAware { get; } = new("--drift-aware") { Description = "Memristor targets: recalibrate each column group's gain for the drift expected since programming" };

    public Option<bool> FaultAware { get; } = new("--fault-aware") { Description = "Memristor targets: program and verify, setting the healthy cell of a pair whose other cell is stuck" };

    public Option<PlacementObjective> Objective { get; } = new Option<PlacementObjective>("--objective")
    {
        Description = "Digital targets: place cores for the fewest (cores, default) or for the least spike traffic (traffic: mesh hops, and their energy)",
        DefaultValueFactory = _ => PlacementObjective.Cores,
    }.OneOf();

    public TargetChoice(bool required) =>
        Target = new Option<string>("--target") { Description = "The hardware target (neuroc targets lists them)", Required = required };

    /// <summary>Every option of the choice, to add to a command.</summary>
    public IEnumerable<Option> Options => new Option[] { Target, Folder, ClampDelays, InsertRelays, FreezeLearning, DriftAware, FaultAware, Objective };

    /// <summary>Makes each of <paramref name="options"/>, given without --target, a usage error (it would be ignored).</summary>
    public void OnlyWithTarget(IEnumerable<Option> options)
    {
        foreach (var option in options)
        {
            OptionRules.Requires(option, command => command.GetResult(Target) is not null, "applies only with --target");
        }
    }

    /// <summary>Makes each of <paramref name="options"/>, given with --target, a usage error (it would be ignored).</summary>
    public void OnlyWithoutTarget(params Option[] options)
    {
        foreach (var option in options)
        {
            OptionRules.Requires(option, command => command.GetResult(Target) is null, "does not apply with --target");
        }
    }

    public MappingOptions Mapping(ParseResult parse) =>
        new(parse.GetValue(ClampDelays), parse.GetValue(InsertRelays), parse.GetValue(FreezeLearning), parse.GetValue(DriftAware),
            parse.GetValue(FaultAware), parse.GetValue(Objective));

    /// <summary>Maps the network onto the target through its family; prints every diagnostic; null after errors.</summary>
    public static ITargetMapping? Map(Network network, TargetDescription target, Func<IReadOnlyDictionary<int, double>> rates, MappingOptions options, TextWriter error)
    {
        var diagnostics = new DiagnosticBag();
        var mapping = TargetRegistry.Families[target.Family].Map(new MappingRequest(network, target, rates, options), diagnostics);
        DiagnosticPrinter.Print(error, diagnostics.ToSortedList());
        return mapping;
    }

    /// <summary>The named target, or null after printing why there is none (unknown name, no descriptions).</summary>
    public TargetDescription? Resolve(ParseResult parse, TextWriter error)
    {
        if (TargetsCommand.Folder(parse.GetValue(Folder)?.FullName) is not { } folder)
        {
            error.WriteLine(DiagnosticCatalogue.CommandLine(ErrorCode.UnknownTarget, "no target descriptions found (no targets/ folder here or above, nor next to neuroc)"));
            return null;
        }
        var catalog = TargetRegistry.Load(folder);
        string name = parse.GetValue(Target)!;
        if (catalog.Find(name) is not { } description)
        {
            DiagnosticPrinter.Print(error, catalog.Diagnostics);
            error.WriteLine(DiagnosticCatalogue.CommandLine(ErrorCode.UnknownTarget, catalog.Unknown(name)));
            return null;
        }
        return description;
    }
}
