using NeuroCompiler.IR;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>
/// A projection's weights as hardware stores them: its <c>on_pre</c> must be one addition of a weight to
/// a state of the postsynaptic neuron (<c>post.x += w</c>), the weight a synapse parameter (one value
/// per synapse, or shared) or a constant. These are its values at the start of the run.
/// </summary>
public sealed record ProjectionWeights(int Projection, int TargetState, double[] Values)
{
    /// <summary>The weights of <paramref name="projection"/>, or null when its handler is not a plain weighted addition (said in <paramref name="why"/>).</summary>
    public static ProjectionWeights? Of(Projection projection, out string? why)
    {
        var model = projection.Synapse;
        if (model.OnPre is not [{ Operator: AssignOperator.Add, Target: { Space: VariableSpace.NeuronState, Side: Side.Post } target } statement])
        {
            why = "its on_pre is not a single 'post.x += w'";
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
