namespace NeuroCompiler.IR.Verification;

/// <summary>
/// Which variables each context may read and write. A neuron's expressions read the neuron's own
/// variables and what is the same for everyone (globals, signals, time); a synapse's read its own
/// variables and its two neurons' (by side), never a neuron's without a side; the connection
/// probability reads no synapse variable (none exists yet); model-level equations read only
/// model-level values. A reset writes the neuron's states or a signal; a handler writes its synapse's
/// variables, a state of its pre- or postsynaptic neuron, or a signal. White noise appears only in equations.
/// </summary>
public sealed class ContextAccess : IIrCheck
{
    private static readonly Func<VariableRef, bool> Neuron = r => r.Side == Side.Self && r.Space is VariableSpace.Global or VariableSpace.Signal
        or VariableSpace.Time or VariableSpace.Dt or VariableSpace.NeuronParameter or VariableSpace.NeuronState or VariableSpace.Index
        or VariableSpace.Size or VariableSpace.PositionX or VariableSpace.PositionY or VariableSpace.PositionZ;

    private static readonly Func<VariableRef, bool> Pair = r => r.Space switch
    {
        VariableSpace.Global or VariableSpace.Signal or VariableSpace.Distance => r.Side == Side.Self,
        VariableSpace.Time or VariableSpace.Dt => true,
        VariableSpace.NeuronParameter or VariableSpace.NeuronState or VariableSpace.Index or VariableSpace.Size
            or VariableSpace.PositionX or VariableSpace.PositionY or VariableSpace.PositionZ => r.Side != Side.Self,
        _ => false,
    };

    private static readonly Func<VariableRef, bool> Synapse = r =>
        Pair(r) || r.Side == Side.Self && r.Space is VariableSpace.SynapseParameter or VariableSpace.SynapseState;

    private static readonly Func<VariableRef, bool> ModelLevel = r => r.Side == Side.Self && r.Space is VariableSpace.Global
        or VariableSpace.Signal or VariableSpace.Time or VariableSpace.Dt;

    private static readonly Func<VariableRef, bool> Nothing = _ => false;

    /// <summary>An integrator's update also reads its own locals, and a neuron's whether the neuron is refractory.</summary>
    private static Func<VariableRef, bool> Update(Func<VariableRef, bool> reads, bool refractory) => r =>
        reads(r) || r is { Space: VariableSpace.Local, Side: Side.Self } || refractory && r is { Space: VariableSpace.Refractory, Side: Side.Self };

    /// <summary>Per context: what it may read, what its statements may write, and whether it may hold white noise.</summary>
    private static readonly Dictionary<IrContext, (Func<VariableRef, bool> Reads, Func<VariableRef, bool> Writes, bool Noise)> Rules = new()
    {
        [IrContext.NeuronValue] = (Neuron, Nothing, false),
        [IrContext.NeuronEquation] = (Neuron, Nothing, true),
        [IrContext.NeuronIntegrator] = (Update(Neuron, refractory: true), Nothing, false),
        [IrContext.Threshold] = (Neuron, Nothing, false),
        [IrContext.Reset] = (Neuron, r => r is { Space: VariableSpace.NeuronState or VariableSpace.Signal, Side: Side.Self }, false),
        [IrContext.Trace] = (Neuron, Nothing, false),
        [IrContext.SynapseValue] = (Synapse, Nothing, false),
        [IrContext.SynapseEquation] = (Synapse, Nothing, true),
        [IrContext.SynapseIntegrator] = (Update(Synapse, refractory: false), Nothing, false),
        [IrContext.SynapseHandler] = (Synapse, r => r.Space switch
        {
            VariableSpace.SynapseParameter or VariableSpace.SynapseState or VariableSpace.Signal => r.Side == Side.Self,
            VariableSpace.NeuronState => r.Side != Side.Self,
            _ => false,
        }, false),
        [IrContext.StructuralCondition] = (Synapse, Nothing, false),
        [IrContext.Delay] = (Synapse, Nothing, false),
        [IrContext.ConnectionProbability] = (Pair, Nothing, false),
        [IrContext.SignalEquation] = (ModelLevel, Nothing, true),
        [IrContext.SignalIntegrator] = (Update(ModelLevel, refractory: false), Nothing, false),
    };

    public IrStage From => IrStage.Lowered;

    public void Check(Network network, List<string> problems)
    {
        foreach (var site in IrSites.Of(network))
        {
            var (reads, writes, noise) = Rules[site.Context];
            site.Expression.Any(e =>
            {
                if (e is IrVariable { Ref: var r } && !reads(r))
                {
                    problems.Add($"{site.Where} reads {r.Space} ({r.Side}), which a {site.Context} expression may not read");
                }
                else if (e is IrNoise && !noise)
                {
                    problems.Add($"{site.Where} holds white noise, which only an equation may (before its integrator is chosen)");
                }
                return false;
            });
            if (site.Target is { } target && !writes(target))
            {
                problems.Add($"{site.Where} writes {target.Space} ({target.Side}), which a {site.Context} statement may not write");
            }
        }
    }
}
