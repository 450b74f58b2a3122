using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using NeuroCompiler.Core.Files;
using NeuroCompiler.Core.Time;
using NeuroCompiler.Host;
using NeuroCompiler.IR;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Cli.Commands;

/// <summary>
/// <c>neuroc compile FILE --target NAME --out DIR</c>: maps the model onto a hardware target through its
/// family and writes its configuration and the mapping report, whole or not at all. The firing rates
/// that the traffic, energy and ADC ranges need come from a reference run of up to one second.
/// </summary>
internal static class CompileCommand
{
    public static Command Create(TextWriter output, TextWriter error, Interruption interruption)
    {
        var file = CommonOptions.File();
        var set = CommonOptions.Set();
        var choice = new TargetChoice(required: true);
        var outDir = CommonOptions.Out("Where to write the configuration and report (default: out/<model>-<target>), replaced whole: a folder neuroc did not write is refused");
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
            string directory = parse.GetValue(outDir) ?? Path.Combine("out", $"{network.Settings.Name}-{description.Name}");
            var (claim, claimCode) = OutputFolders.Claim(directory, error);
            if (claim is null)
            {
                return claimCode;
            }
            using var folder = claim;
            ITargetMapping? mapping = null;
            string written = "";
            if (OutputFolders.Write(() =>
                {
                    mapping = TargetChoice.Map(network, description, () => Rates(network, interruption), choice.Mapping(parse), error);
                    if (mapping is null)
                    {
                        return;
                    }
                    string modelFile = parse.GetValue(file)!.FullName;
                    string modelText = SourceFile.Read(modelFile, modelFile).Text?.Text ?? "";
                    string modelHash = Hash(modelText + "\n" + string.Join("\n", parse.GetValue(set) ?? Array.Empty<string>()));
                    using var graceful = interruption.Graceful();
                    using var atomic = folder.Stage(interruption.Token);
                    written = mapping.Write(atomic, modelHash, description.Sha256);
                    atomic.Commit();
                }, directory, interruption, error) is { } failed)
            {
                return failed;
            }
            if (mapping is null)
            {
                return ExitCodes.ModelError;
            }
            output.Write(mapping.Report());
            output.WriteLine();
            output.WriteLine($"wrote {directory}: {written}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Each population's mean rate (Hz) over a reference run of the model's first second (or all of it, if shorter).</summary>
    public static Dictionary<int, double> Rates(Network network, Interruption interruption)
    {
        long steps = (long)Math.Min(network.Settings.Steps, TimeSteps.Round(1.0, network.Settings.Dt)); // at most a second
        var shortRun = network with { Settings = network.Settings with { Steps = Math.Max(1, steps) }, Recordings = System.Collections.Immutable.ImmutableArray<Recording>.Empty };
        using var graceful = interruption.Graceful();
        var result = ReferenceInterpreter.Run(shortRun, new HostOptions { Cancellation = interruption.Token });
        return result.Populations.Select((p, i) => (i, p.MeanRate)).ToDictionary(p => p.i, p => p.MeanRate);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
