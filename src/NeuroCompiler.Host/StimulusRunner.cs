using System.Numerics;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.Host;

/// <summary>
/// Poisson inputs and injected currents. A Poisson input draws, for each target neuron and step,
/// u (uniform) and z (normal) from one Philox block keyed by (seed, stream, neuron, step) and adds
/// weight·k, k = Binomial(n, rate·dt) from u and z. An injected parameter's value is its base value
/// plus each current's waveform value, added in declaration order, recomputed when a waveform steps.
/// </summary>
internal sealed class StimulusRunner<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly ulong _seed;
    private readonly double _dt;
    private readonly List<PoissonRuntime> _poisson = new();
    private readonly Dictionary<int, PoissonRuntime> _poissonByIndex = new();
    private readonly List<InjectedParameter> _injected = new();

    private sealed class PoissonRuntime
    {
        public required PoissonInput Input;
        public required T[] State;
        public required T Weight;

        /// <summary>Set when the target state is clamped while refractory: refractory neurons get no input.</summary>
        public bool[]? Refractory;
        public BinomialTable Table;

        /// <summary>The table's sampler with its cumulative sums precomputed (same draws, no division per draw).</summary>
        public BinomialCdf Sampler = null!;

        public void SetTable(BinomialTable table)
        {
            Table = table;
            Sampler = new BinomialCdf(table);
        }
    }

    private sealed class InjectedParameter
    {
        public required T[] Effective;
        public required T[] Base;
        public required List<CurrentInjection> Currents;
        public required HashSet<long> ChangeSteps;
        public bool Dirty = true;
    }

    public StimulusRunner(Network network, PopulationRuntime<T>[] populations)
    {
        _seed = network.Settings.Seed;
        _dt = network.Settings.Dt;
        foreach (var stimulus in network.Stimuli)
        {
            var population = populations[stimulus.Target.Population];
            switch (stimulus)
            {
                case PoissonInput p:
                    var runtime = new PoissonRuntime
                    {
                        Input = p,
                        State = population.States[p.State],
                        Weight = Num<T>.From(p.Weight),
                        Refractory = population.Group.Clamped[p.State] ? population.Refractory : null,
                    };
                    runtime.SetTable(new BinomialTable(p.Count, p.Rate * _dt));
                    _poisson.Add(runtime);
                    _poissonByIndex[p.Index] = runtime;
                    break;
                case CurrentInjection c:
                    var existing = _injected.FirstOrDefault(i => ReferenceEquals(i.Effective, population.Parameters[c.Parameter]));
                    if (existing is null)
                    {
                        existing = new InjectedParameter
                        {
                            Effective = population.Parameters[c.Parameter]!,
                            Base = population.BaseParameters[c.Parameter]!,
                            Currents = new List<CurrentInjection>(),
                            ChangeSteps = new HashSet<long>(),
                        };
                        _injected.Add(existing);
                    }
                    existing.Currents.Add(c);
                    existing.ChangeSteps.UnionWith(c.StartSteps);
                    break;
            }
        }
    }

    public void SetRate(int stimulus, double rate)
    {
        var runtime = _poissonByIndex[stimulus];
        runtime.SetTable(new BinomialTable(runtime.Input.Count, rate * _dt));
    }

    public double Rate(int stimulus) => _poissonByIndex[stimulus].Table.P / _dt;

    /// <summary>Marks an injected parameter's base as changed (by the protocol), so its value is recomputed.</summary>
    public void Touch(T[] effective)
    {
        foreach (var injected in _injected.Where(i => ReferenceEquals(i.Effective, effective)))
        {
            injected.Dirty = true;
        }
    }

    /// <summary>The array the protocol should write for a parameter: the base when currents are injected into it.</summary>
    public T[] WritableParameter(T[] effective) =>
        _injected.FirstOrDefault(i => ReferenceEquals(i.Effective, effective))?.Base ?? effective;

    /// <summary>Recomputes the injected parameters whose currents step now or whose base changed; returns whether any did.</summary>
    public bool UpdateCurrents(long step)
    {
        bool changed = false;
        foreach (var injected in _injected)
        {
            if (!injected.Dirty && !injected.ChangeSteps.Contains(step))
            {
                continue;
            }
            changed = true;
            injected.Dirty = false;
            injected.Base.CopyTo(injected.Effective, 0);
            foreach (var current in injected.Currents)
            {
                T value = Num<T>.From(current.ValueAt(step));
                for (int i = current.Target.Start; i < current.Target.End; i++)
                {
                    injected.Effective[i] += value;
                }
            }
        }
        return changed;
    }

    /// <summary>The Poisson inputs as a device sees them: target state, weight, and the current table.</summary>
    public ResidentPoisson<T>[] Resident() => _poisson
        .Select(p => new ResidentPoisson<T>(p.State, p.Weight, p.Refractory is not null, () => p.Table))
        .ToArray();

    /// <summary>Poisson input at this step, to every target or (with <paramref name="share"/>) to one worker's share of each population.</summary>
    public void ApplyPoisson(long step, Func<int, (int Start, int End)>? share, int worker)
    {
        foreach (var runtime in _poisson)
        {
            var input = runtime.Input;
            var table = runtime.Sampler;
            if (runtime.Table.Kind == BinomialKind.AlwaysZero)
            {
                continue; // rate 0: no input, and no random numbers to draw
            }
            int start = input.Target.Start;
            int end = input.Target.End;
            if (share is not null)
            {
                var (lo, hi) = share(input.Target.Population);
                start = Math.Max(start, lo);
                end = Math.Min(end, hi);
            }
            for (int i = start; i < end; i++)
            {
                CounterRng.Block(_seed, input.Stream, (uint)i, (ulong)step, out uint r0, out uint r1, out uint r2, out uint r3);
                int k = table.SampleFromWords(r0, r1, r2, r3);
                if (k != 0 && (runtime.Refractory is null || !runtime.Refractory[i]))
                {
                    runtime.State[i] += runtime.Weight * T.CreateTruncating(k);
                }
            }
        }
    }
}
