using System.CommandLine;
using System.Globalization;
using NeuroCompiler.Cli.Backends;
using NeuroCompiler.Cli.Validation;
using NeuroCompiler.Core;
using NeuroCompiler.CodeGen;
using NeuroCompiler.Engine;
using NeuroCompiler.Host;
using NeuroCompiler.Targets.Mapping;
using System.Collections.Immutable;

namespace NeuroCompiler.Cli.Commands;

/// <summary>
/// <c>neuroc verify FILE --backend cpu</c>: runs the reference and the backend on the same model and
/// seed and compares every spike and recorded value, to the bit.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter output, TextWriter error, Interruption interruption)
    {
        var file = CommonOptions.File();
        var set = CommonOptions.Set();
        var backends = new BackendOptions(CpuBackend.Name, b => b.Compiled);
        var steps = new Option<long?>("--steps") { Description = "Compare only the first N steps", HelpName = "N" }.Between(1L, Limits.MaxSteps);
        var choice = new TargetChoice(required: false);
        choice.Target.Description = "Instead of a backend, compare the model with its mapping onto this hardware target (emulated)";
        var after = TargetVerification.AfterOption("With a memristor --target: times after programming to emulate (default: 1s 1min 1h 1day 1week 1month 1year)");
        var tolerance = new Option<double>("--tolerance") { Description = "With --target: the largest relative rate error called faithful (default 0.1)", DefaultValueFactory = _ => 0.1 }
            .Positive();
        var command = new Command("verify", "Run the reference and a backend on the same model and seed; report whether they agree bit for bit, and where they first differ. With --target, compare the model with its hardware mapping.")
        {
            file, backends.Backend, backends.Device, steps, set, after, tolerance,
        };
        foreach (var option in choice.Options)
        {
            command.Options.Add(option);
        }
        backends.AddRules();
        // Options of one way of verifying are errors in the other, not silently ignored.
        choice.OnlyWithTarget(choice.Options.Where(o => o != choice.Target).Append(after).Append(tolerance));
        choice.OnlyWithoutTarget(steps, backends.Backend, backends.Device);
        command.SetAction(parse =>
        {
            if (parse.GetValue(choice.Target) is not null)
            {
                var (mapped, code) = CommonOptions.CompileModel(parse, file, set, error, instantiate: true);
                if (mapped is null)
                {
                    return code;
                }
                var times = TargetVerification.Times(parse.GetValue(after));
                return choice.Resolve(parse, error) is { } target
                    ? TargetVerification.Run(mapped, target, choice.Mapping(parse), new VerificationOptions(times, parse.GetValue(tolerance)), output, error)
                    : ExitCodes.ModelError;
            }
            var (backend, options) = backends.Resolve(parse, error);
            var overrides = CommonOptions.Overrides(parse.GetValue(set) ?? Array.Empty<string>());
            // Both runs' results are held at once: the reference's while the backend runs.
            long budget = Driver.AvailableMemory.Budget();
            var compilation = CommonOptions.Compile(parse.GetValue(file)!, overrides, instantiate: true, backend.Footprint(null) with { ResultCopies = 2 }, budget);
            DiagnosticPrinter.Print(error, compilation.Diagnostics);
            if (!compilation.Success)
            {
                return CommonOptions.FailureCode(compilation);
            }
            var network = Comparison.RecordingAllSpikes(compilation.Network!);
            if (parse.GetValue(steps) is { } n)
            {
                network = network with { Settings = network.Settings with { Steps = Math.Min(n, network.Settings.Steps) } };
            }
            long spikeLimit = MemoryGuard.SpikeLimit(network, backend.Footprint(network) with { ResultCopies = 2 }, budget);
            try
            {
                using var graceful = interruption.Graceful();
                var reference = BackendRegistry.Find(ReferenceInterpreter.BackendName)!.Run(network,
                    new RunOptions { Cancellation = interruption.Token, RecordedSpikeLimit = spikeLimit });
                var run = reference.Error is null
                    ? backend.Run(network, options with
                    {
                        Workers = backend.Threaded ? CpuBackend.DefaultWorkers(network) : 1,
                        Cancellation = interruption.Token,
                        RecordedSpikeLimit = spikeLimit,
                    })
                    : reference;
                graceful.Dispose();
                if (run.Error is { } failed)
                {
                    BackendOptions.PrintError(error, failed);
                    return ExitCodes.RuntimeFailure;
                }
                var report = Comparison.Compare(reference.Result!, run.Result!);
                Print(output, network, report, reference.Result!.SimulationTime, run);
                return report.Identical ? ExitCodes.Success : 1;
            }
            catch (OperationCanceledException) when (interruption.Requested)
            {
                error.WriteLine(interruption.Line("the comparison stopped at a step boundary"));
                return interruption.ExitCode;
            }
        });
        return command;
    }

    private static void Print(TextWriter w, IR.Network network, ComparisonReport report, TimeSpan referenceTime, BackendRun run)
    {
        var c = CultureInfo.InvariantCulture;
        var s = network.Settings;
        w.WriteLine(string.Format(c, "{0}: reference vs {1}, {2:N0} steps, seed {3}, {4}", s.Name, run.Result!.Backend, s.Steps, s.Seed, s.Precision.ToString().ToLowerInvariant()));
        w.WriteLine(string.Format(c, "  kernels: {0} population(s) compiled, {1} ({2:0.00} s)", run.CompiledPopulations, run.FromCache ? "from the cache" : "compiled now", run.KernelCompileTime.TotalSeconds));
        if (run.Device is { } device)
        {
            w.WriteLine($"  device: {device}");
        }
        if (report.Identical)
        {
            w.WriteLine(string.Format(c, "  identical: {0:N0} spikes in {1} population(s) and {2} trace(s), bit for bit", report.SpikesCompared, report.SpikeTrainsCompared, report.TracesCompared));
        }
        else
        {
            var d = report.First;
            w.WriteLine(d is null
                ? "  DIFFERENT: the runs recorded different things"
                : d.Neuron < 0
                    ? $"  DIFFERENT: {d.What}"
                    : $"  DIFFERENT: first at step {d.Step} (t = {d.Step * s.Dt * 1e3:0.###} ms), {d.Population}[{d.Neuron}]: {d.What}");
        }
        if (report.Identical && run.Result!.Failure is { } failure)
        {
            w.WriteLine($"  both runs stopped where the same value stopped being finite: {failure.Message}");
        }
        w.WriteLine($"  {"population",-12}{"reference rate",16}{"CV",7}{"backend rate",16}{"CV",7}");
        for (int i = 0; i < report.Reference.Length; i++)
        {
            var a = report.Reference[i];
            var b = report.Backend[i];
            w.WriteLine(string.Format(c, "  {0,-12}{1,14:0.000} Hz{2,7:0.00}{3,14:0.000} Hz{4,7:0.00}", a.Name, a.MeanRate, a.MeanCv, b.MeanRate, b.MeanCv));
        }
        w.WriteLine(string.Format(c, "  simulation time: reference {0:0.00} s, {1} {2:0.00} s", referenceTime.TotalSeconds, run.Result!.Backend, run.Result!.SimulationTime.TotalSeconds));
    }
}
