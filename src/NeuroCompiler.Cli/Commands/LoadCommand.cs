using System.CommandLine;
using System.Globalization;
using NeuroCompiler.Cli.Validation;
using NeuroCompiler.Core;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Core.Units;
using NeuroCompiler.Targets;
using NeuroCompiler.Targets.Configuration;
using NeuroCompiler.Targets.Emulation;
using NeuroCompiler.Targets.Json;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Cli.Commands;

/// <summary>
/// <c>neuroc load DIR</c>: reads a configuration written by <c>neuroc compile</c> back, with no model: every file checked
/// against the manifest's hashes, the target's limits and each other, then the configuration emulated from what it holds
/// alone (its cores or tiles, seed and initial states), fed the input spikes of <c>--input</c> (spikes.csv as
/// <c>neuroc run</c> writes it; without it, input populations stay silent), printing each population's rate.
/// </summary>
internal static class LoadCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var folder = new Argument<DirectoryInfo>("dir") { Description = "The configuration folder (neuroc compile --out)" }
            .ExistingFolder("a configuration folder written by neuroc compile");
        var targets = new Option<DirectoryInfo?>("--targets") { Description = "The folder of target descriptions (default: as neuroc targets finds it)" }
            .ExistingFolder("the folder of target descriptions");
        var input = new Option<FileInfo?>("--input")
        {
            Description = "Spikes of the input populations: population,index,time_ms per line, as neuroc run writes spikes.csv (default: none, inputs silent)",
            HelpName = "FILE",
        }.ExistingFile("a file of input spikes");
        var duration = new Option<string?>("--duration") { Description = "How long to emulate, with a unit: --duration 500ms (default: the model's duration)", HelpName = "TIME" }
            .Time();
        var after = TargetVerification.AfterOption("Memristor targets: times after programming to emulate (default: 1s 1min 1h 1day 1week 1month 1year)");
        var command = new Command("load", "Read a compiled configuration back: check it against its hashes and the target, and emulate it without the model.")
        {
            folder, targets, input, duration, after,
        };
        command.SetAction(parse =>
        {
            var times = TargetVerification.Times(parse.GetValue(after));
            var (seconds, ok) = Duration(parse.GetValue(duration), error);
            if (!ok)
            {
                return ExitCodes.Usage;
            }
            if (TargetsCommand.Folder(parse.GetValue(targets)?.FullName) is not { } targetFolder)
            {
                error.WriteLine(DiagnosticCatalogue.CommandLine(ErrorCode.UnknownTarget, "no target descriptions found (no targets/ folder here or above, nor next to neuroc)"));
                return ExitCodes.ModelError;
            }
            string directory = parse.GetValue(folder)!.FullName;
            var catalog = TargetRegistry.Load(targetFolder);
            var diagnostics = new DiagnosticBag();
            var loaded = ConfigurationLoader.Load(directory, catalog, diagnostics);
            if (loaded is null && diagnostics.Items.Any(d => d.Code == ErrorCode.UnknownTarget))
            {
                diagnostics.AddRange(catalog.Diagnostics);
            }
            var spikes = loaded is not null && parse.GetValue(input) is { } file ? Inputs(file, loaded, diagnostics) : null;
            DiagnosticPrinter.Print(error, diagnostics.ToSortedList());
            if (loaded is null || diagnostics.HasErrors)
            {
                return ExitCodes.ModelError;
            }
            double emulated = seconds ?? loaded.Outline.Duration;
            long steps = FidelityComparison.DeviceSteps(emulated, loaded.Identity.DeviceTimestep);
            var runs = loaded.Emulate(steps, spikes?.Spikes ?? (IReadOnlyList<DeviceSpike>)Array.Empty<DeviceSpike>(), times);
            Print(output, directory, loaded, parse.GetValue(input), spikes, emulated, steps, runs);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The --duration in seconds (null: the model's), and whether it was valid; an invalid one is reported.</summary>
    private static (double? Seconds, bool Ok) Duration(string? text, TextWriter error)
    {
        if (text is null)
        {
            return (null, true);
        }
        if (FieldReader.TryParseQuantity(text, out double number, out var unit, out string? problem) && unit.Dimension == Dimension.Second && number * unit.Scale is > 0 and <= 1e9)
        {
            return (number * unit.Scale, true);
        }
        error.WriteLine(DiagnosticCatalogue.CommandLine(ErrorCode.BadCommandLine, $"--duration: '{text}' is not a time above 0 with its unit, such as 500ms or 2s{(problem is null ? "" : $" ({problem})")}"));
        return (null, false);
    }

    private static InputSpikeFile? Inputs(FileInfo file, ILoadedConfiguration loaded, DiagnosticBag diagnostics)
    {
        if (BoundedFile.Read(file.FullName, Limits.MaxInputSpikeFileBytes) is not { } bytes)
        {
            diagnostics.Error(ErrorCode.CannotReadFile, null, $"{file.FullName}: the input spike file holds more than {Limits.MaxInputSpikeFileBytes:N0} bytes");
            return null;
        }
        var text = SourceText.From(new System.Text.UTF8Encoding(false).GetString(bytes), file.FullName);
        return InputSpikeFile.Read(text, loaded.Outline, loaded.Identity.DeviceTimestep, diagnostics);
    }

    private static void Print(TextWriter output, string directory, ILoadedConfiguration loaded, FileInfo? input, InputSpikeFile? spikes, double duration, long steps,
        IReadOnlyList<ConfigurationEmulation> runs)
    {
        var c = CultureInfo.InvariantCulture;
        var id = loaded.Identity;
        var outline = loaded.Outline;
        output.WriteLine($"{id.Model} on {id.Target}: {directory} ({loaded.Describe()}), seed {id.Seed}");
        output.WriteLine("  checked: every file against the manifest's SHA-256, the target's limits, and each other");
        var inputs = outline.Populations.Where(p => !p.OnChip).Select(p => p.Name).ToList();
        output.WriteLine(inputs.Count == 0 ? "  input: the model has no input populations"
            : spikes is null ? $"  input: none given (--input): {string.Join(", ", inputs)} stay silent"
            : string.Format(c, "  input: {0:N0} spikes of {1} from {2}{3}", spikes.Spikes.Length, string.Join(", ", inputs), input!.FullName,
                spikes.OnChipLeftOut > 0 ? string.Format(c, " ({0:N0} spikes of populations on the device left out: the emulation makes its own)", spikes.OnChipLeftOut) : ""));
        output.WriteLine(string.Format(c, "  emulated {0:0.###} s: {1:N0} device steps of {2:0.###} ms", duration, steps, id.DeviceTimestep * 1e3));
        output.WriteLine($"  {"condition",-14}{"population",-12}{"size",8}{"spikes",12}{"rate",14}");
        foreach (var run in runs)
        {
            var counts = run.Spikes.GroupBy(s => s.Population).ToDictionary(g => g.Key, g => (long)g.Count());
            foreach (var population in outline.Populations.Where(p => p.OnChip))
            {
                long count = counts.GetValueOrDefault(population.Index);
                output.WriteLine(string.Format(c, "  {0,-14}{1,-12}{2,8}{3,12:N0}{4,11:0.000} Hz", run.Condition, population.Name, population.Size, count,
                    count / (population.Size * duration)));
            }
            foreach (var note in run.Notes)
            {
                output.WriteLine($"  {run.Condition,-14}{note}");
            }
        }
    }
}
