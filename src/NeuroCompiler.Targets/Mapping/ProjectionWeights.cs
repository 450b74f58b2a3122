using NeuroCompiler.IR;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>
/// A projection's weights as hardware stores them: its <c>on_pre</c> must add a weight to a state of the
/// postsynaptic neuron (<c>post.x += w</c>), the weight a synapse parameter (one value per
/// synapse, or shared) or a constant. With <paramref name="frozen"/>, the handler's other statements
/// (a learning rule's updates of the synapse's own states) are allowed and left out. These are the
/// weights' values at the start of the run.
/// </summary>
public sealed record ProjectionWeights(int Projection, int TargetState, double[] Values)
{
    /// <summary>The weights of <paramref name="projection"/>, or null when its handler is not a plain weighted addition (said in <paramref name="why"/>).</summary>
    public static ProjectionWeights? Of(Projection projection, bool frozen, out string? why)
    {
        var model = projection.Synapse;
        var additions = model.OnPre.Where(s => s.Target.Space == VariableSpace.NeuronState).ToList();
        bool onlySynapse = model.OnPre.All(s => s.Target.Space == VariableSpace.NeuronState || frozen && s.Target.Space is VariableSpace.SynapseState or VariableSpace.SynapseParameter);
        if (additions is not [{ Operator: AssignOperator.Add, Target: { Side: Side.Post } target } statement] || !onlySynapse)
        {
            why = frozen ? "its on_pre does not add one weight to one state of the postsynaptic neuron ('post.x += w')" : "its on_pre is not a single 'post.x += w'";
            return null;
        }
        int count = projection.Synapses?.Count ?? 0;
        double[]? values = statement.Value switch
        {
            IrConstant c => Enumerable.Repeat(c.Value, count).ToArray(),
            IrVariable { Ref: { Space: VariableSpace.SynapseParameter } r } when projection.Synapses?.Values[r.Slot] is { } column =>
                Enumerable.Range(0, count).Select(k => column[k]).ToArray(),
            IrVariable { Ref: { Space: VariableSpace.SynapseParameter } r } when model.Parameters[r.Slot].Initial is IrConstant c =>
                Enumerable.Repeat(c.Value, count).ToArray(),
            _ => null,
        };
        why = values is null ? "its weight is an expression, not a parameter or a constant" : null;
        return values is null ? null : new ProjectionWeights(projection.Index, target.Slot, values);
    }
}
