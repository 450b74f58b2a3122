using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Interpreter;
using NeuroCompiler.IR;
using NeuroCompiler.Output;
using NeuroCompiler.Targets;
using NeuroCompiler.Targets.Configuration;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Cli.Commands;

/// <summary>
/// <c>neuroc compile FILE --target NAME --out DIR</c>: maps the model onto a hardware target and writes
/// its configuration (manifest and cores) and the mapping report, whole or not at all. The firing
/// rates that the traffic and energy estimates need come from a reference run of up to one second.
/// </summary>
internal static class CompileCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = CommonOptions.File();
        var set = CommonOptions.Set();
        var choice = new TargetChoice(required: true);
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Where to write the configuration and report (default: out/<model>-<target>)" };
        var clamp = new Option<bool>("--clamp-delays") { Description = "Clamp delays outside the target's range to it (counted in the report) instead of failing" };
        var command = new Command("compile", "Map a model onto a hardware target: configuration files and a report of what it cost.")
        {
            file, set, choice.Target, choice.Folder, outDir, clamp,
        };
        command.SetAction(parse =>
        {
            var (network, code) = CommonOptions.CompileModel(parse, file, set, error, instantiate: true);
            if (network is null)
            {
                return code;
            }
            if (choice.Resolve(parse, error) is not { } description)
            {
                return ExitCodes.ModelError;
            }
            string name = description.Name;
            var diagnostics = new DiagnosticBag();
            var mapping = DigitalMapper.Map(network, description, () => Rates(network), new MappingOptions(parse.GetValue(clamp)), diagnostics);
            DiagnosticPrinter.Print(error, diagnostics.ToSortedList());
            if (mapping is null)
            {
                return ExitCodes.ModelError;
            }
            string modelFile = parse.GetValue(file)!.FullName;
            string modelHash = Hash(File.ReadAllText(modelFile) + "\n" + string.Join("\n", parse.GetValue(set) ?? Array.Empty<string>()));
            var configuration = DigitalConfiguration.From(network, mapping, modelHash, Hash(description.Source.Text));
            string directory = parse.GetValue(outDir)?.FullName ?? Path.Combine("out", $"{network.Settings.Name}-{name}");
            using (var atomic = new AtomicDirectory(directory))
            {
                ConfigurationWriter.Write(configuration, atomic);
                MappingReport.Write(network, mapping, atomic);
                atomic.Commit();
            }
            output.Write(MappingReport.Text(network, mapping));
            output.WriteLine();
            output.WriteLine($"wrote {directory}: manifest.json, {configuration.Cores.Length} core file(s), report.json, report.md");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Each population's mean rate (Hz) over a reference run of the model's first second (or all of it, if shorter).</summary>
    public static Dictionary<int, double> Rates(Network network)
    {
        long steps = Math.Min(network.Settings.Steps, (long)Math.Round(1.0 / network.Settings.Dt));
        var shortRun = network with { Settings = network.Settings with { Steps = Math.Max(1, steps) }, Recordings = System.Collections.Immutable.ImmutableArray<Recording>.Empty };
        var result = ReferenceInterpreter.Run(shortRun);
        return result.Populations.Select((p, i) => (i, p.MeanRate)).ToDictionary(p => p.i, p => p.MeanRate);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
