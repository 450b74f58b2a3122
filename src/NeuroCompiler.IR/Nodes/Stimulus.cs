using System.Collections.Immutable;

namespace NeuroCompiler.IR;

public abstract record Stimulus(string Name, int Index, PopulationRange Target);

/// <summary>
/// Brian2's PoissonInput: every step each target neuron's state <see cref="State"/> gets
/// <c>Weight · k</c>, k ~ Binomial(Count, Rate·dt), drawn from <see cref="Stream"/> keyed by neuron and step.
/// </summary>
public sealed record PoissonInput(string Name, int Index, PopulationRange Target, int State, int Count, double Rate, double Weight, uint Stream)
    : Stimulus(Name, Index, Target);

/// <summary>
/// An injected current: each step the target parameter's effective value is its own value plus
/// <c>Values[k]</c> for the last <c>StartSteps[k] ≤ step</c> (zero before the first).
/// </summary>
public sealed record CurrentInjection(string Name, int Index, PopulationRange Target, int Parameter, ImmutableArray<long> StartSteps, ImmutableArray<double> Values)
    : Stimulus(Name, Index, Target)
{
    public double ValueAt(long step)
    {
        double value = 0;
        for (int k = 0; k < StartSteps.Length && StartSteps[k] <= step; k++)
        {
            value = Values[k];
        }
        return value;
    }
}
