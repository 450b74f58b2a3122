using System.Globalization;
using System.Text.Json;
using NeuroCompiler.Core.Files;

namespace NeuroCompiler.Output;

/// <summary>About a run, beyond its results: build time, compiler version, worker threads, and the device for the gpu backend.</summary>
public sealed record RunInfo(TimeSpan BuildTime, string CompilerVersion, int Threads = 1, string? Device = null)
{
    /// <summary>The memory the run was estimated to need before it started, reported next to the measured peak.</summary>
    public IR.Memory.MemoryEstimate? MemoryEstimate { get; init; }
}

/// <summary>
/// Writes a run's results: <c>spikes.csv</c> (population, index, time in ms), one CSV per trace and
/// per rate, and <c>summary.json</c>. All files are written whole or not at all.
/// </summary>
public static class ResultWriter
{
    /// <summary>Writes into <paramref name="directory"/>, claimed for as long as the write takes (<see cref="OutputFolder.Claim"/>).</summary>
    /// <param name="more">Writes further files (plots) into the same folder before anything is moved into place.</param>
    public static IReadOnlyList<string> Write(SimulationResult result, RunInfo info, string directory, Action<AtomicDirectory>? more = null)
    {
        using var folder = OutputFolder.Claim(directory);
        return Write(result, info, folder, more);
    }

    /// <summary>Writes into a folder claimed before the run, replacing it whole; a cancellation before the swap leaves it as it was.</summary>
    public static IReadOnlyList<string> Write(SimulationResult result, RunInfo info, OutputFolder folder, Action<AtomicDirectory>? more = null, CancellationToken cancellation = default)
    {
        using var output = folder.Stage(cancellation);
        more?.Invoke(output);
        WriteSpikes(result, output);
        foreach (var trace in result.Traces)
        {
            WriteTrace(result, trace, output);
        }
        foreach (var rate in result.Rates)
        {
            WriteRate(result, rate, RateFileName(result, rate), output);
        }
        using (var stream = output.Create("summary.json"))
        {
            WriteSummary(result, info, stream);
        }
        output.Commit();
        return output.Files;
    }

    private static string Ms(long step, double dt) => (step * dt * 1e3).ToString("0.######", CultureInfo.InvariantCulture);

    private static void WriteSpikes(SimulationResult result, AtomicDirectory output)
    {
        using var w = output.CreateText(ResultFileNames.Spikes);
        w.Write("population,index,time_ms\n");
        // In time order; within a step, in recording order, then by index. Each train is in step
        // order already, so the trains are merged step by step (nothing is sorted or copied whole:
        // a run's spikes may be most of its memory).
        var trains = result.Spikes;
        var next = new int[trains.Length];
        var indices = new List<int>();
        while (true)
        {
            long step = long.MaxValue;
            for (int r = 0; r < trains.Length; r++)
            {
                if (next[r] < trains[r].Steps.Length)
                {
                    step = Math.Min(step, trains[r].Steps[next[r]]);
                }
            }
            if (step == long.MaxValue)
            {
                return;
            }
            string time = Ms(step, result.Dt);
            for (int r = 0; r < trains.Length; r++)
            {
                var train = trains[r];
                indices.Clear();
                for (; next[r] < train.Steps.Length && train.Steps[next[r]] == step; next[r]++)
                {
                    indices.Add(train.Indices[next[r]]);
                }
                indices.Sort();
                foreach (int index in indices)
                {
                    w.Write(train.Population);
                    w.Write(',');
                    w.Write(index.ToString(CultureInfo.InvariantCulture));
                    w.Write(',');
                    w.Write(time);
                    w.Write('\n');
                }
            }
        }
    }

    public static string TraceFileName(Trace trace) => ResultFileNames.Trace(trace.Population, trace.Variable);

    private static void WriteTrace(SimulationResult result, Trace trace, AtomicDirectory output)
    {
        using var w = output.CreateText(TraceFileName(trace));
        w.Write("time_ms");
        for (int i = 0; i < trace.Count; i++)
        {
            w.Write($",{trace.Population}[{trace.Start + i}]");
        }
        w.Write('\n');
        for (int k = 0; k < trace.Steps.Length; k++)
        {
            w.Write(Ms(trace.Steps[k], result.Dt));
            foreach (double v in trace.Values[k])
            {
                w.Write(',');
                w.Write(v.ToString("R", CultureInfo.InvariantCulture));
            }
            w.Write('\n');
        }
    }

    /// <summary><c>rate_E.csv</c>, or by range (<c>rate_E_25_50.csv</c>): see <see cref="ResultFileNames.Rate"/>.</summary>
    public static string RateFileName(SimulationResult result, RateTrace rate) =>
        ResultFileNames.Rate(rate.Population, rate.Start, rate.Count, result.Rates.Count(r => r.Population == rate.Population));

    private static void WriteRate(SimulationResult result, RateTrace rate, string name, AtomicDirectory output)
    {
        using var w = output.CreateText(name);
        w.Write("time_ms,rate_hz\n");
        for (int k = 0; k < rate.Rates.Length; k++)
        {
            w.Write(Ms((long)k * rate.BinSteps, result.Dt));
            w.Write(',');
            w.Write(rate.Rates[k].ToString("R", CultureInfo.InvariantCulture));
            w.Write('\n');
        }
    }

    private static void WriteSummary(SimulationResult result, RunInfo info, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("model", result.Model);
        json.WriteString("backend", result.Backend);
        json.WriteNumber("threads", info.Threads);
        if (info.Device is { } device)
        {
            json.WriteString("device", device);
        }
        json.WriteNumber("seed", result.Seed);
        json.WriteString("precision", result.Precision);
        json.WriteNumber("dt_ms", result.Dt * 1e3);
        json.WriteNumber("duration_s", result.Duration);
        json.WriteNumber("steps", result.Steps);
        json.WriteString("status", result.Failure is null ? "completed" : "failed");
        if (result.Failure is { } failure)
        {
            WriteFailure(json, failure);
        }
        json.WriteStartArray("populations");
        foreach (var p in result.Populations)
        {
            json.WriteStartObject();
            json.WriteString("name", p.Name);
            json.WriteNumber("size", p.Size);
            json.WriteNumber("spikes", p.Spikes);
            json.WriteNumber("mean_rate_hz", p.MeanRate);
            if (double.IsNaN(p.MeanCv))
            {
                json.WriteNull("mean_isi_cv");
            }
            else
            {
                json.WriteNumber("mean_isi_cv", p.MeanCv);
            }
            json.WriteNumber("neurons_with_cv", p.NeuronsWithCv);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("total_synapses", result.TotalSynapses);
        json.WriteNumber("synapse_bytes", result.SynapseBytes);
        json.WriteNumber("bytes_per_synapse", result.TotalSynapses > 0 ? result.SynapseBytes / (double)result.TotalSynapses : 0);
        json.WriteNumber("synaptic_events", result.SynapticEvents);
        double seconds = result.SimulationTime.TotalSeconds;
        json.WriteNumber("synaptic_events_per_second", seconds > 0 ? result.SynapticEvents / seconds : 0);
        // build: parse to connectivity; simulation: the loop alone (set-up, start-up and writing are outside both).
        json.WriteStartObject("wall_time_s");
        json.WriteNumber("build", info.BuildTime.TotalSeconds);
        json.WriteNumber("setup", result.SetupTime.TotalSeconds);
        json.WriteNumber("simulation", seconds);
        json.WriteEndObject();
        // The process's peak resident memory so far (build, run and this write).
        json.WriteNumber("peak_memory_bytes", System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64);
        if (info.MemoryEstimate is { } estimate)
        {
            json.WriteNumber("memory_estimate_bytes", estimate.Bytes);
            json.WriteStartObject("memory_estimate");
            foreach (var part in Enum.GetValues<IR.Memory.MemoryPart>())
            {
                json.WriteNumber(part.ToString(), estimate.BytesOf(part));
            }
            json.WriteEndObject();
        }
        json.WriteString("neuroc_version", info.CompilerVersion);
        json.WriteEndObject();
    }

    /// <summary>Why the run stopped: the value, where and when (steps and duration above count the steps completed before it).</summary>
    private static void WriteFailure(Utf8JsonWriter json, RunFailure failure)
    {
        json.WriteStartObject("failure");
        json.WriteString("reason", "non-finite value");
        json.WriteString("message", failure.Message);
        json.WriteNumber("step", failure.Step);
        json.WriteNumber("time_ms", failure.Time * 1e3);
        json.WriteString("variable", failure.Variable);
        json.WriteString("value", failure.Value);
        json.WriteString("origin", failure.Origin);
        if (failure.Detail is { } detail)
        {
            json.WriteString("detail", detail);
        }
        json.WriteEndObject();
    }
}
