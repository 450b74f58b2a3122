using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.IR;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>A network as hardware can hold it: each on-chip population's LIF form, each projection's weights, and what had to change (counted).</summary>
public sealed record SupportedNetwork(ImmutableDictionary<int, LifForm> Neurons, ImmutableDictionary<int, ProjectionWeights> Weights,
    ImmutableArray<string> Changes);

/// <summary>
/// The first pass of every family: can the target run this network? Every population on the hardware
/// must be leaky integrate-and-fire (<see cref="LifForm"/>); every projection must add a weight to a
/// postsynaptic state; a projection that learns must learn on chip (the family says whether its rule can),
/// or is an error unless the mapping may freeze it (<see cref="MappingOptions.FreezeLearning"/>), which keeps
/// its initial weights and is counted.
/// Every problem is reported; null if there was one.
/// </summary>
public static class SupportCheck
{
    /// <param name="learning">What the target can learn on chip, in words; null if it cannot learn.</param>
    /// <param name="onChip">Whether the target runs this projection's learning itself, and if not, why (null: it does); null when it learns nothing.</param>
    public static SupportedNetwork? Check(Network network, TargetDescription target, NeuronCircuit circuit, string? learning, MappingOptions options,
        DiagnosticBag diagnostics, Func<Projection, string?>? onChip = null)
    {
        int errors = diagnostics.Items.Count(d => d.IsError);
        var forms = ImmutableDictionary.CreateBuilder<int, LifForm>();
        foreach (var population in network.Populations.Where(Partitioner.OnChip))
        {
            if (LifForm.Recognise(network, population, out var why) is { } form)
            {
                forms[population.Index] = form;
            }
            else
            {
                diagnostics.Error(ErrorCode.TargetCannotRun, population.Location,
                    $"population '{population.Name}' cannot run on '{target.Name}': its neuron type '{population.Model!.TypeName}' is not leaky integrate-and-fire ({why}); the target runs {string.Join(", ", circuit.Models)}");
            }
        }
        foreach (var stimulus in network.Stimuli.DistinctBy(s => (Name: s.Name.Split('#')[0], s.Target.Population)))
        {
            // Hardware takes spikes in: a stimulus that injects into neurons directly has no counterpart on it.
            diagnostics.Error(ErrorCode.TargetCannotRun, network.Populations[stimulus.Target.Population].Location,
                $"stimulus '{stimulus.Name.Split('#')[0]}' acts on '{network.Populations[stimulus.Target.Population].Name}' directly, and '{target.Name}' takes only spikes in: drive the neurons from an input population (a Poisson source or spike generator) through a projection instead");
        }
        var weights = ImmutableDictionary.CreateBuilder<int, ProjectionWeights>();
        var changes = ImmutableArray.CreateBuilder<string>();
        foreach (var projection in network.Projections)
        {
            bool learns = LearningRequirements.Of(network, projection) is not null;
            string? whyNot = learns && learning is not null && onChip is not null ? onChip(projection) : "";
            bool learnsOnChip = learns && whyNot is null;
            if (learns && !learnsOnChip && !options.FreezeLearning)
            {
                diagnostics.Error(ErrorCode.TargetTransformationNeeded, projection.Location, learning is null
                    ? $"projection '{projection.Name}' learns ({projection.Synapse.TypeName}), and '{target.Name}' cannot learn on chip; map it with its initial weights fixed (--freeze-learning) to go on"
                    : $"projection '{projection.Name}' learns ({projection.Synapse.TypeName}), and '{target.Name}''s learning engine ({learning}) cannot run it{(string.IsNullOrEmpty(whyNot) ? "" : $": {whyNot}")}; map it with its initial weights fixed (--freeze-learning) to go on");
                continue;
            }
            if (ProjectionWeights.Of(projection, learns, out var why) is { } w)
            {
                weights[projection.Index] = w;
                if (learns && !learnsOnChip)
                {
                    changes.Add($"projection {projection.Name}: learning ({projection.Synapse.TypeName}) frozen, {w.Values.Length:N0} synapses keep their initial weights");
                }
            }
            else
            {
                diagnostics.Error(ErrorCode.TargetCannotRun, projection.Location, $"projection '{projection.Name}' cannot run on '{target.Name}': {why}");
            }
        }
        return diagnostics.Items.Count(d => d.IsError) > errors ? null : new SupportedNetwork(forms.ToImmutable(), weights.ToImmutable(), changes.ToImmutable());
    }
}
