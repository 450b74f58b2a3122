using NeuroCompiler.IR;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>
/// A projection's learning recognised as additive pair STDP, the rule learning engines implement: two traces
/// solved between events, x (presynaptic) and y (postsynaptic), each decaying exponentially;
///   on_pre:  deliver w; x += <see cref="PreImpulse"/>;  w = clip(w − <see cref="Depression"/>·y, <see cref="WMin"/>, <see cref="WMax"/>)
///   on_post: y += <see cref="PostImpulse"/>;  w = clip(w + <see cref="Potentiation"/>·x, <see cref="WMin"/>, <see cref="WMax"/>)
/// (std/plasticity's STDP, after constant folding). <see cref="Weight"/> is the weight's parameter slot.
/// </summary>
public sealed record PairStdpForm(int Weight, double TauPre, double TauPost, double PreImpulse, double PostImpulse, double Depression, double Potentiation,
    double WMin, double WMax)
{
    /// <summary>The projection's rule in this form, or null with the reason it is not one.</summary>
    public static PairStdpForm? Recognise(Projection projection, out string why)
    {
        var model = projection.Synapse;
        why = "its rule is not additive pair STDP (two decaying traces, depression on pre, potentiation on post, bounded weights)";
        if (!model.ClockRules.IsEmpty || !model.Structure.IsEmpty || !model.Odes.IsEmpty ||
            model.EventDriven is not { States: [var s0, var s1] } events ||
            Decay(events, 0) is not { } tau0 || Decay(events, 1) is not { } tau1)
        {
            return null;
        }
        var synapseStatements = model.OnPre.Where(a => a.Target.Space != VariableSpace.NeuronState).ToList();
        if (model.OnPre.Count(a => a.Target.Space == VariableSpace.NeuronState) != 1 ||
            model.OnPre.Single(a => a.Target.Space == VariableSpace.NeuronState).Value is not IrVariable { Ref: { Space: VariableSpace.SynapseParameter } delivered} ||
            synapseStatements is not [var preTrace, var preWeight] || model.OnPost is not [var postTrace, var postWeight] ||
            Impulse(preTrace) is not var (x, preImpulse) || Impulse(postTrace) is not var (y, postImpulse) || x == y ||
            Update(preWeight, delivered.Slot) is not var (depressedBy, depression, lo, hi) || depressedBy != y || depression >= 0 ||
            Update(postWeight, delivered.Slot) is not var (potentiatedBy, potentiation, lo2, hi2) || potentiatedBy != x || potentiation <= 0 ||
            lo != lo2 || hi != hi2)
        {
            return null;
        }
        double tauPre = x == s0 ? tau0 : tau1;
        double tauPost = y == s0 ? tau0 : tau1;
        return new PairStdpForm(delivered.Slot, tauPre, tauPost, preImpulse, postImpulse, -depression, potentiation, lo, hi);
    }

    /// <summary>τ of dx/dt = A x (A &lt; 0 a constant, no constant term).</summary>
    private static double? Decay(ExponentialEuler events, int k) =>
        events.A[k] is IrConstant { Value: < 0 and var a } && events.B[k] is IrConstant { Value: 0 } ? -1 / a : null;

    /// <summary><c>s += c</c> on a synapse state: (its slot, c).</summary>
    private static (int Slot, double Value)? Impulse(Assignment a) =>
        a is { Operator: AssignOperator.Add, Target: { Space: VariableSpace.SynapseState } t, Value: IrConstant { Value: var c } } ? (t.Slot, c) : null;

    /// <summary><c>w = clip(w ± s·k, lo, hi)</c>, as min(max(...)) or max(min(...)): (s's slot, ±k, lo, hi).</summary>
    private static (int Trace, double Coefficient, double Lo, double Hi)? Update(Assignment a, int weight)
    {
        if (a is not { Operator: AssignOperator.Assign, Target: { Space: VariableSpace.SynapseParameter } t } || t.Slot != weight)
        {
            return null;
        }
        (IrExpression Inner, double Lo, double Hi)? clip = a.Value switch
        {
            IrBinary { Operator: IrBinaryOperator.Min, Left: IrBinary { Operator: IrBinaryOperator.Max, Left: var e, Right: IrConstant lo }, Right: IrConstant hi } => (e, lo.Value, hi.Value),
            IrBinary { Operator: IrBinaryOperator.Max, Left: IrBinary { Operator: IrBinaryOperator.Min, Left: var e, Right: IrConstant hi }, Right: IrConstant lo } => (e, lo.Value, hi.Value),
            _ => null,
        };
        if (clip is not var (inner, low, high) ||
            inner is not IrBinary { Operator: IrBinaryOperator.Add or IrBinaryOperator.Subtract, Left: IrVariable { Ref: var w } } sum || w != t ||
            Product(sum.Right) is not var (trace, k))
        {
            return null;
        }
        return (trace, sum.Operator == IrBinaryOperator.Add ? k : -k, low, high);
    }

    /// <summary><c>s·k</c> or <c>k·s</c> with s a synapse state and k a constant.</summary>
    private static (int Trace, double K)? Product(IrExpression e) => e switch
    {
        IrBinary { Operator: IrBinaryOperator.Multiply, Left: IrVariable { Ref: { Space: VariableSpace.SynapseState } s }, Right: IrConstant k } => (s.Slot, k.Value),
        IrBinary { Operator: IrBinaryOperator.Multiply, Left: IrConstant k, Right: IrVariable { Ref: { Space: VariableSpace.SynapseState } s } } => (s.Slot, k.Value),
        _ => null,
    };
}
