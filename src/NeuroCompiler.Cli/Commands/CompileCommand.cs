using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using NeuroCompiler.Interpreter;
using NeuroCompiler.IR;
using NeuroCompiler.Output;

namespace NeuroCompiler.Cli.Commands;

/// <summary>
/// <c>neuroc compile FILE --target NAME --out DIR</c>: maps the model onto a hardware target through its
/// family and writes its configuration and the mapping report, whole or not at all. The firing rates
/// that the traffic, energy and ADC ranges need come from a reference run of up to one second.
/// </summary>
internal static class CompileCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = CommonOptions.File();
        var set = CommonOptions.Set();
        var choice = new TargetChoice(required: true);
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Where to write the configuration and report (default: out/<model>-<target>)" };
        var command = new Command("compile", "Map a model onto a hardware target: configuration files and a report of what it cost.") { file, set, outDir };
        foreach (var option in choice.Options)
        {
            command.Options.Add(option);
        }
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
            if (TargetChoice.Map(network, description, () => Rates(network), choice.Mapping(parse), error) is not { } mapping)
            {
                return ExitCodes.ModelError;
            }
            string modelFile = parse.GetValue(file)!.FullName;
            string modelHash = Hash(File.ReadAllText(modelFile) + "\n" + string.Join("\n", parse.GetValue(set) ?? Array.Empty<string>()));
            string directory = parse.GetValue(outDir)?.FullName ?? Path.Combine("out", $"{network.Settings.Name}-{description.Name}");
            string written;
            using (var atomic = new AtomicDirectory(directory))
            {
                written = mapping.Write(atomic, modelHash, description.Sha256);
                atomic.Commit();
            }
            output.Write(mapping.Report());
            output.WriteLine();
            output.WriteLine($"wrote {directory}: {written}");
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
