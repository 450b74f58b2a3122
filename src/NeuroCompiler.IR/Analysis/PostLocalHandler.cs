namespace NeuroCompiler.IR;

/// <summary>
/// Whether a synapse's <c>on_pre</c> handler touches only the postsynaptic neuron: every statement
/// writes one of its states, and every value reads only numbers, the synapse's parameters, the
/// postsynaptic neuron's variables (and index), model-level values and time, and draws no random
/// number. The events of such a handler can be applied target by target, each target's events in
/// the reference order, independently of every other target: a device thread per target gives the
/// reference's results. <c>post.x += w</c> is the common case; <c>sn += w * (1 - sn / s_max)</c>
/// (a saturating synapse) is another.
/// </summary>
public static class PostLocalHandler
{
    public static bool Is(SynapseModel model) =>
        model.OnPre.Length > 0 &&
        model.OnPre.All(a => a.Target is { Space: VariableSpace.NeuronState, Side: Side.Post } && Reads(a.Value, model));

    private static bool Reads(IrExpression value, SynapseModel model) =>
        !value.HasRandom() && !value.HasNoise() &&
        !value.Any(e => e is IrVariable v && !Allowed(v.Ref, model));

    private static bool Allowed(VariableRef r, SynapseModel model) => r.Space switch
    {
        VariableSpace.SynapseParameter => model.Parameters[r.Slot].PerElement || Reads(model.Parameters[r.Slot].Initial, model),
        VariableSpace.NeuronState or VariableSpace.NeuronParameter or VariableSpace.Index => r.Side == Side.Post,
        VariableSpace.Global or VariableSpace.Signal or VariableSpace.Time => true,
        _ => false,
    };
}
