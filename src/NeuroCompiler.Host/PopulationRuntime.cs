using System.Numerics;
using NeuroCompiler.Interpreter;
using NeuroCompiler.Interpreter.Integrators;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;
using NeuroCompiler.Output;

namespace NeuroCompiler.Host;

/// <summary>A population's run-time state: its variables in the model's precision, its spikes and refractoriness.</summary>
internal sealed class PopulationRuntime<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public PopulationRuntime(Population population, T[][] states)
    {
        Population = population;
        Size = population.Size;
        Group = new StateGroup<T>(Size, states, new bool[states.Length]);
        LastSpike = new long[Size];
        Array.Fill(LastSpike, long.MinValue);
        SilenceDepth = new int[Size];
        Spiked = new int[Size];
        Isi = new IsiStatistics(Size);
        Refractory = new bool[Size];
    }

    public Population Population { get; }

    public NeuronModel? Model => Population.Model;

    public int Size { get; }

    public StateGroup<T> Group { get; }

    public T[][] States => Group.States;

    /// <summary>Per-element parameter values as expressions read them (base plus injected currents).</summary>
    public T[]?[] Parameters = Array.Empty<T[]>();

    /// <summary>For parameters that currents are injected into: the value without the injection.</summary>
    public T[]?[] BaseParameters = Array.Empty<T[]>();

    /// <summary>Shared parameters the protocol changes.</summary>
    public Box<T>?[] SharedParameters = Array.Empty<Box<T>>();

    /// <summary>The model as the interpreter evaluates it (null without a model): its integrator, threshold and reset, and recorded values.</summary>
    public NeuronEvaluator<T>? Evaluator;

    /// <summary>A compiled kernel that integrates and evaluates the threshold; when set it replaces the interpreter's.</summary>
    public PopulationKernel<T>? Kernel;

    /// <summary>The arrays a kernel will be bound to, while the kernels are still being compiled.</summary>
    public PopulationArrays<T>? KernelArrays;

    /// <summary>The arrays its kernel is bound to (for a backend that keeps them on its device).</summary>
    public PopulationArrays<T>? BoundArrays;

    /// <summary>Per worker: the kernel's spike candidates of this step in its share (not refractory, condition true), ascending, and their count.</summary>
    public int[][] WorkerCandidates = Array.Empty<int[]>();
    public int[] WorkerCounts = Array.Empty<int>();

    /// <summary>
    /// Per worker, this step: the lowest neuron of its share with a state that is not finite after the
    /// update, that state and its value; neuron −1 when there is none.
    /// </summary>
    public (int Neuron, int State, double Value)[] WorkerNonFinite = Array.Empty<(int, int, double)>();

    private int[] _bounds = { 0, 0 };

    /// <summary>Splits the neurons into one contiguous share per worker, at multiples of 64 (whole SIMD blocks).</summary>
    public void Partition(int workers)
    {
        _bounds = new int[workers + 1];
        for (int w = 1; w < workers; w++)
        {
            _bounds[w] = Math.Min(Size, (int)((long)Size * w / workers / 64 * 64));
        }
        _bounds[workers] = Size;
        WorkerCandidates = Enumerable.Range(0, workers).Select(w => new int[_bounds[w + 1] - _bounds[w]]).ToArray();
        WorkerCounts = new int[workers];
        WorkerNonFinite = Enumerable.Repeat((-1, -1, 0.0), workers).ToArray();
    }

    public (int Start, int End) Share(int worker) => (_bounds[worker], _bounds[worker + 1]);

    /// <summary>Whether the interpreter evaluates a threshold condition (one the kernel evaluates instead when there is one).</summary>
    public bool HasThreshold => Evaluator?.HasThreshold == true;

    /// <summary>Refractory period in steps: one for all, or per neuron.</summary>
    public int RefractorySteps;
    public int[]? RefractoryStepsPerNeuron;

    public long[] LastSpike { get; }
    public int[] SilenceDepth { get; }

    /// <summary>This step's spiking neurons, ascending.</summary>
    public int[] Spiked { get; }
    public int SpikeCount;

    /// <summary>Past steps' spikes for delayed delivery; null when nothing projects from here.</summary>
    public SpikeHistory? History;

    public IsiStatistics Isi { get; }

    /// <summary>This step's refractoriness mask (also given to the integrator).</summary>
    public bool[] Refractory { get; }

    /// <summary>Spike generator: next spike to emit and the current period's offset.</summary>
    public int NextGeneratorSpike;
    public long GeneratorOffset;

    /// <summary>With one period for every neuron: the refractory neurons, followed spike by spike.</summary>
    public RefractoryTracker? Tracker;

    private long _trackedStep = -1;

    /// <summary>
    /// Refractory at step n: spiked at step m with n − m &lt; R. With one period the tracker follows the
    /// spikes (this step's spike list still holds the previous step's spikes when this runs); with a
    /// period per neuron every neuron is checked.
    /// </summary>
    public void UpdateRefractory(long step)
    {
        if (Tracker is { } tracker)
        {
            if (_trackedStep != step)
            {
                tracker.Advance(step, step == 0 ? ReadOnlySpan<int>.Empty : Spiked.AsSpan(0, SpikeCount));
                _trackedStep = step;
            }
            return;
        }
        if (_trackedStep == step)
        {
            return;
        }
        _trackedStep = step;
        var last = LastSpike;
        var refractory = Refractory;
        var periods = RefractoryStepsPerNeuron!;
        for (int i = 0; i < refractory.Length; i++)
        {
            refractory[i] = last[i] != long.MinValue && step - last[i] < periods[i];
        }
    }
}
