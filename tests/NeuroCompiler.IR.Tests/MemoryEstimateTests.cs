using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Driver;
using NeuroCompiler.IR.Memory;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.IR.Tests;

/// <summary>The memory estimate's parts against numbers worked out by hand from the documented sizes.</summary>
public class MemoryEstimateTests
{
    private const long Runtime = 60L << 20;

    private const string Small = """
        model m { dt = 0.1 ms; duration = 100 ms; seed = 1 }
        neuron N { param tau = 10 ms; state v = 0 mV; dv/dt = -v / tau; threshold v > 1 mV; reset { v = 0 mV } }
        synapse S { param w = 1 mV; on_pre { v += w } }
        population P = N[20]
        population Q = N[10]
        projection pq = P -> Q : S { connect all_to_all; delay = 1 ms }
        record P.v every 1 ms
        record spikes P
        record rate P every 5 ms
        """;

    [Fact]
    public void EachPartOfASmallRunIsCountedAsDocumented()
    {
        var estimate = MemoryEstimate.Of(Models.Network(Small), ProcessFootprint.Interpreted);
        // 1,000 steps. The trace: 100 samples × (40 B + 20 neurons × 8 B); spikes: 20 neurons × 10 Hz × 0.1 s × 24 B;
        // the rate: 20 bins × 16 B.
        Assert.Equal(new[] { 20_000L, 320 }, estimate.Items.Where(i => i.Part == MemoryPart.Recordings).Select(i => i.Bytes));
        Assert.Equal(480, estimate.BytesOf(MemoryPart.Spikes));
        Assert.Equal("record P.v every 1 ms: 20 neurons × 100 samples × 8 B", estimate.Items.First(i => i.Part == MemoryPart.Recordings).Detail);
        // Per neuron: 53 B of bookkeeping, 8 B × 2 initial values, 8 B × 2 copies of the state; P sends with a delay
        // of 10 steps, so it keeps 11 steps of spikes (4 B each).
        Assert.Equal(new[] { 20L * (53 + 16 + 16 + 44), 10L * (53 + 16 + 16) }, estimate.Items.Where(i => i.Part == MemoryPart.Neurons).Select(i => i.Bytes));
        // 200 synapses: 1-byte targets (Q has 10 neurons), no delay column (one delay), no per-synapse value, 21 row starts
        // (4 B); building them needs 8 B each of scratch (the drawn targets, uncollected while the delays in steps are
        // computed), more than the run adds (nothing, interpreted).
        Assert.Equal(new[] { 200L + 4 * 21, 8 * 200 }, estimate.Items.Where(i => i.Part == MemoryPart.Synapses).Select(i => i.Bytes));
        Assert.Equal(Runtime, estimate.BytesOf(MemoryPart.Runtime));
        Assert.Equal(0, estimate.BytesOf(MemoryPart.KernelCompiler));
        Assert.Equal(Runtime + 2580 + 850 + 284 + 1600 + 20_000 + 320 + 480, estimate.Bytes);
        Assert.Equal(200, estimate.Synapses);
    }

    [Fact]
    public void TheProcessDecidesTheRuntimeTheCompilerAndHowManyResultsAreHeld()
    {
        var network = Models.Network(Small);
        var interpreted = MemoryEstimate.Of(network, ProcessFootprint.Interpreted);
        var cold = MemoryEstimate.Of(network, ProcessFootprint.Compiled(cached: false));
        Assert.Equal(70L << 20, cold.BytesOf(MemoryPart.Runtime));
        Assert.Equal(60L << 20, cold.BytesOf(MemoryPart.KernelCompiler));
        Assert.Equal(0, MemoryEstimate.Of(network, ProcessFootprint.Compiled(cached: true)).BytesOf(MemoryPart.KernelCompiler));
        // verify holds the reference's results while the backend runs: every recording twice.
        var twice = MemoryEstimate.Of(network, ProcessFootprint.Interpreted with { ResultCopies = 2 });
        Assert.Equal(2 * interpreted.BytesOf(MemoryPart.Recordings), twice.BytesOf(MemoryPart.Recordings));
        Assert.Equal(2 * interpreted.BytesOf(MemoryPart.Spikes), twice.BytesOf(MemoryPart.Spikes));
        // ir --synapses builds and runs nothing: no recording.
        var none = MemoryEstimate.Of(network, ProcessFootprint.Interpreted with { ResultCopies = 0 });
        Assert.Equal(0, none.BytesOf(MemoryPart.Recordings) + none.BytesOf(MemoryPart.Spikes));
    }

    [Fact]
    public void PlasticFloat32SynapsesCountTheirValuesScratchAndTheRunsOwnArrays()
    {
        var network = Unbuilt("""
            model m { dt = 0.1 ms; duration = 10 ms; seed = 1; precision = float32 }
            neuron N { state v = 0 mV; dv/dt = -v / (10 ms) }
            synapse L { param w = 1 mV; state x = 0; on_pre { v += w; x += 1 } on_post { x = 0 } }
            population P = N[300]
            projection pp = P -> P : L { connect fixed_indegree(10); w = uniform(0 mV, 1 mV); delay = uniform(1 ms, 2 ms) }
            """);
        var synapses = MemoryEstimate.Of(network, ProcessFootprint.Interpreted).Items.Where(i => i.Part == MemoryPart.Synapses).ToList();
        // 3,000 synapses expected: 2-byte targets (300 neurons), 1-byte delay offsets (assumed), w and x in float32, 301 row starts.
        Assert.Equal(3000L * (2 + 1 + 4 + 4) + 4 * 301, synapses[0].Bytes);
        Assert.Equal("pp: 3,000 synapses × 11.4 B", synapses[0].Detail);
        // Scratch: the drawn targets (4 B), 4 B of delay steps and 8 B × 2 float64 columns per synapse (72,000) beat the
        // run's own arrays (x copied, 4 B; targets, incoming and presynaptic index for on_post, 12 B; 301 incoming starts: 49,204).
        Assert.Equal(3000L * (4 + 4 + 16), synapses[1].Bytes);
        Assert.Equal("scratch while building pp", synapses[1].Detail);
        // Compiled kernels need nothing more here: the incoming lists already hold the targets as 32-bit integers.
        Assert.Equal(synapses.Sum(s => s.Bytes), MemoryEstimate.Of(network, ProcessFootprint.Compiled(cached: true)).BytesOf(MemoryPart.Synapses));
    }

    [Fact]
    public void ARecordingTooLargeForMemoryIsTheLargestItemAndSaysWhy()
    {
        var network = Unbuilt("""
            import "std/neurons"
            model big { dt = 0.1 ms; duration = 60 s; seed = 1 }
            population P = LIF[20000]
            record P.v every 0.1 ms
            """);
        var estimate = MemoryEstimate.Of(network, ProcessFootprint.Interpreted);
        var largest = estimate.Largest;
        Assert.Equal(MemoryPart.Recordings, largest.Part);
        Assert.Equal(600_000L * (40 + 20_000 * 8), largest.Bytes); // 96 GB
        Assert.Equal("record P.v every 0.1 ms: 20,000 neurons × 600,000 samples × 8 B", largest.Detail);
        Assert.Equal("test.neuro:4:8", largest.Location!.ToString()); // P.v
        Assert.Equal(3, largest.Location.Span.Length);
        Assert.StartsWith("recordings 89.4 GiB (record P.v every 0.1 ms: 20,000 neurons × 600,000 samples × 8 B), runtime 60.0 MiB, neurons ", estimate.Breakdown());
    }

    private static Network Unbuilt(string text)
    {
        var compilation = Compilation.FromText(SourceText.From(text, "test.neuro"), new CompileOptions { InstantiateConnectivity = false });
        Assert.True(compilation.Success, DiagnosticFormatter.FormatAll(compilation.Diagnostics));
        return compilation.Network!;
    }
}
