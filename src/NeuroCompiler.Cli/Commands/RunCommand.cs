using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroCompiler.Cli.Backends;
using NeuroCompiler.Cli.Validation;
using NeuroCompiler.Core;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Engine;
using NeuroCompiler.Host;
using NeuroCompiler.Output;
using NeuroCompiler.Semantics;

namespace NeuroCompiler.Cli.Commands;

/// <summary><c>neuroc run FILE</c>: compile, simulate, write spikes, traces and a summary.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter output, TextWriter error, Interruption interruption)
    {
        var file = CommonOptions.File();
        var set = CommonOptions.Set();
        var backends = new BackendOptions(ReferenceInterpreter.BackendName);
        var seed = new Option<ulong?>("--seed") { Description = "Random seed (overrides the model's)", HelpName = "N" }
            .Between(0UL, Limits.MaxSeed, "2^53 - 1: a model holds every whole number below 2^53 exactly");
        var duration = new Option<string?>("--duration") { Description = "Simulated time, with a unit: --duration 2s", HelpName = "TIME" }.Time();
        var outDirectory = CommonOptions.Out("Output folder (default out/<model>), replaced whole: a folder neuroc did not write is refused");
        var quiet = new Option<bool>("--quiet") { Description = "Print nothing but errors" };
        var plot = new Option<bool>("--plot") { Description = "Also draw raster.png, rates.png and traces.png" };
        var memory = new Option<long?>("--memory")
        {
            Description = "The most memory the run may use, e.g. 4GiB (default: 80% of the machine's, at most what is free); a model estimated to need more is refused",
            HelpName = "SIZE",
        }.Size();
        var threads = new Option<int?>("--threads")
        {
            Description = $"Worker threads of the cpu backend, 1 to {Limits.MaxThreads} (default: every core for large networks, else one); results do not depend on it",
            HelpName = "N",
        }.Between(1, Limits.MaxThreads);
        var command = new Command("run", "Simulate a model and write spikes.csv, traces and summary.json.")
        {
            file, backends.Backend, backends.Device, seed, duration, set, outDirectory, threads, memory, plot, quiet,
        };
        backends.AddRules();
        command.SetAction(parse =>
        {
            var (backend, options) = backends.Resolve(parse, error);
            var assignments = (parse.GetValue(set) ?? Array.Empty<string>()).ToList();
            if (parse.GetValue(seed) is { } s)
            {
                assignments.Add($"seed={s}");
            }
            if (parse.GetValue(duration) is { } d)
            {
                assignments.Add($"duration={d}");
            }
            var overrides = CommonOptions.Overrides(assignments);
            bool silent = parse.GetValue(quiet);
            long budget = parse.GetValue(memory) ?? Driver.AvailableMemory.Budget();
            var compilation = CommonOptions.Compile(parse.GetValue(file)!, overrides, instantiate: true, backend.Footprint(null), budget);
            DiagnosticPrinter.Print(error, compilation.Diagnostics);
            if (!compilation.Success)
            {
                return CommonOptions.FailureCode(compilation);
            }
            var network = compilation.Network!;
            var footprint = backend.Footprint(network);
            var estimate = IR.Memory.MemoryEstimate.Of(network, footprint);
            long spikeLimit = MemoryGuard.SpikeLimit(network, footprint, budget);
            string directory = parse.GetValue(outDirectory) ?? Path.Combine("out", network.Settings.Name);
            // From the claim until the results are in place, a signal stops the run at a step boundary,
            // or the writing before the swap (so whoever sees the folder locked sees a run that stops cleanly).
            using var graceful = interruption.Graceful();
            var (claim, claimCode) = OutputFolders.Claim(directory, error);
            if (claim is null)
            {
                return claimCode;
            }
            using var folder = claim;
            var progress = silent || Console.IsErrorRedirected ? null : new ProgressLine(error);
            int threadCount = backend.Threaded ? parse.GetValue(threads) ?? CodeGen.CpuBackend.DefaultWorkers(network) : 1;
            var buildTime = compilation.TotalTime;
            BackendRun run;
            try
            {
                run = backend.Run(network, options with
                {
                    Progress = progress is null ? null : progress.Report,
                    Workers = threadCount,
                    Cancellation = interruption.Token,
                    RecordedSpikeLimit = spikeLimit,
                    MemoryEstimate = estimate,
                    CompileInBackground = true,
                });
            }
            catch (OperationCanceledException) when (interruption.Requested)
            {
                progress?.Done();
                error.WriteLine(interruption.Line($"the simulation stopped at a step boundary; nothing was written ('{directory}' is as it was)"));
                return interruption.ExitCode;
            }
            progress?.Done();
            if (run.Error is { } failed)
            {
                BackendOptions.PrintError(error, failed, $"; nothing was written ('{directory}' is as it was)");
                return ExitCodes.RuntimeFailure;
            }
            var result = run.Result!;
            long? kernelsFromStep = run.KernelsFromStep;
            string? device = run.Device;
            if (kernelsFromStep == 0)
            {
                buildTime += run.KernelCompileTime; // compiled (or loaded) before the first step
            }
            IReadOnlyList<string> files = Array.Empty<string>();
            if (OutputFolders.Write(() => files = ResultWriter.Write(result, new RunInfo(buildTime, Version.Text, threadCount, device) { MemoryEstimate = estimate }, folder,
                    parse.GetValue(plot) ? output => Plotting.RunPlots.Write(result, output) : null, interruption.Token), directory, interruption, error) is { } writeFailed)
            {
                return writeFailed;
            }
            graceful.Dispose();
            if (!silent)
            {
                Summary.Print(output, network, result, buildTime, directory, files, device);
            }
            if (kernelsFromStep != 0)
            {
                // The results are written; a compilation the run outlived finishes now, into the cache.
                var (background, compileError) = run.FinishCompiling();
                if (compileError is not null)
                {
                    error.WriteLine($"neuroc: internal error: {compileError.Message} (the results above, interpreted, are complete)");
                    return ExitCodes.RuntimeFailure;
                }
                if (!silent)
                {
                    output.WriteLine(kernelsFromStep is { } from
                        ? $"  kernels: compiled in {background.TotalSeconds:0.00} s while the run began; steps 0-{from - 1} interpreted (same results), compiled from step {from}; cached for the next run"
                        : $"  kernels: compiled in {background.TotalSeconds:0.00} s while the run went on, which ended first (interpreted throughout); cached for the next run");
                }
            }
            if (result.Failure is { } failure)
            {
                error.WriteLine(DiagnosticCatalogue.CommandLine(ErrorCode.NumericalDivergence, $"{failure.Message}; {Kept(failure, directory)}"));
                return ExitCodes.RuntimeFailure;
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>What a run that stopped at a value that is not finite left: the results of the steps before.</summary>
    private static string Kept(RunFailure failure, string directory) => failure.Step == 0
        ? $"no step was simulated; {Path.Combine(directory, "summary.json")} says why"
        : $"the results up to step {failure.Step - 1} are written to {directory}";

    /// <summary>A one-line progress display on a terminal.</summary>
    private sealed class ProgressLine
    {
        private readonly TextWriter _error;
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private long _lastShown = -1;

        public ProgressLine(TextWriter error) => _error = error;

        public void Report(long step, long steps)
        {
            if (_watch.ElapsedMilliseconds < 500 || _watch.ElapsedMilliseconds - _lastShown < 200)
            {
                return;
            }
            _lastShown = _watch.ElapsedMilliseconds;
            _error.Write($"\r  simulating: {100.0 * step / steps,5:0.0}%");
        }

        public void Done()
        {
            if (_lastShown >= 0)
            {
                _error.Write("\r                          \r");
            }
        }
    }
}
