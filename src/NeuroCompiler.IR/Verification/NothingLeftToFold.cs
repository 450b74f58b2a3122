namespace NeuroCompiler.IR.Verification;

/// <summary>
/// After constant folding nothing fixed for the whole run is read at run time: no <c>dt</c>, no
/// global parameter the protocol never changes, no neuron or synapse parameter that is one number
/// for every element and never changes, no size of a neuron's own population, and no operation
/// whose operands are all constants. Backends may rely on it (none needs to know <c>dt</c> to
/// evaluate an expression). The integrators' expressions, built later, are exempt from the last rule:
/// their arithmetic is kept as derived, not refolded.
/// </summary>
public sealed class NothingLeftToFold : IIrCheck
{
    public IrStage From => IrStage.Folded;

    public void Check(Network network, List<string> problems)
    {
        foreach (var site in IrSites.Of(network))
        {
            bool integrator = site.Context is IrContext.NeuronIntegrator or IrContext.SynapseIntegrator or IrContext.SignalIntegrator;
            site.Expression.Any(e =>
            {
                if (e is IrVariable { Ref: var r } && Foldable(network, site, r) is { } why)
                {
                    problems.Add($"{site.Where} still reads {why}");
                }
                else if (!integrator && OnConstants(e))
                {
                    problems.Add($"{site.Where} still computes an operation on constants ({e.GetType().Name})");
                }
                return false;
            });
        }
    }

    /// <summary>What folding should have replaced this reference by, in words; null when it stays.</summary>
    private static string? Foldable(Network network, IrSite site, VariableRef r)
    {
        switch (r.Space)
        {
            case VariableSpace.Dt:
                return "dt";
            case VariableSpace.Global when ReferencesResolve.InRange(r.Slot, network.Globals.Length) && !network.Globals[r.Slot].Mutable:
                return $"the fixed global '{network.Globals[r.Slot].Name}'";
            case VariableSpace.Size when r.Side == Side.Self && site.Population >= 0:
                return "the size of its own population";
            case VariableSpace.NeuronParameter when ReferencesResolve.Owner(network, site, r.Side) is { } owner &&
                                                    ReferencesResolve.InRange(r.Slot, owner.Parameters.Length) && Fixed(owner.Parameters[r.Slot]):
                return $"the fixed parameter '{owner.Parameters[r.Slot].Name}'";
            case VariableSpace.SynapseParameter when site.Projection >= 0 && network.Projections[site.Projection].Synapse.Parameters is var parameters &&
                                                     ReferencesResolve.InRange(r.Slot, parameters.Length) && Fixed(parameters[r.Slot]):
                return $"the fixed synapse parameter '{parameters[r.Slot].Name}'";
            default:
                return null;
        }
    }

    private static bool Fixed(Variable v) => !v.PerElement && !v.Mutable && v.Initial is IrConstant;

    private static bool OnConstants(IrExpression e) => e switch
    {
        IrUnary { Operand: IrConstant } => true,
        IrBinary { Left: IrConstant, Right: IrConstant } => true,
        IrCall { Argument: IrConstant } => true,
        IrSelect { Condition: IrConstant } => true,
        _ => false,
    };
}
