using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Nesting;
using NeuroCompiler.IR.Integration;
using NeuroCompiler.IR.Verification;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.IR.Passes;

/// <summary>
/// Chooses how each model's equations advance. Without a requested method: exact integration when
/// the system is linear with constant coefficients (the propagator is computed here), Euler–Maruyama
/// when there is noise, exponential Euler when each equation is linear in its own variable, else RK4.
/// A requested method that cannot apply is an error that says why. Each method is a descriptor
/// (<see cref="IntegrationMethods"/>) that checks the equations and builds its integrator.
/// </summary>
public sealed class IntegratorSelection : INetworkPass
{
    public string Name => "integrator-selection";

    public IrStage Produces => IrStage.IntegratorsSelected;

    public Network Run(Network network, DiagnosticBag diagnostics)
    {
        var populations = network.Populations.Select(p =>
        {
            if (p.Model is not { Odes.IsEmpty: false } model)
            {
                return p;
            }
            var clamped = model.Refractory?.ClampedStates ?? ImmutableArray<int>.Empty;
            using var use = diagnostics.UseSite(p.Location, $"neuron type '{model.TypeName}', as population '{p.Name}' uses it");
            var integrator = Select(network, model.Odes, model.Method, model.MethodLocation, VariableSpace.NeuronState, clamped,
                model.Parameters, model.NoiseStreams, $"neuron type '{model.TypeName}' (population {p.Name})", diagnostics);
            return p with { Model = model with { Integrator = integrator } };
        }).ToImmutableArray();
        var projections = network.Projections.Select(p =>
        {
            var synapse = p.Synapse;
            if (synapse.Odes.IsEmpty)
            {
                return p;
            }
            string owner = $"synapse type '{synapse.TypeName}' (projection {p.Name})";
            using var use = diagnostics.UseSite(p.Location, $"synapse type '{synapse.TypeName}', as projection '{p.Name}' uses it");
            var eventDriven = EventDrivenSelection.Select(network, synapse, owner, diagnostics);
            var clocked = synapse.Odes.Where(o => !o.EventDriven).ToImmutableArray();
            var streams = Enumerable.Range(0, 8).Select(k => Runtime.CounterRng.StreamId($"{p.Name}/noise:{k}")).ToImmutableArray();
            var integrator = clocked.IsEmpty ? null : Select(network, clocked, synapse.Method, null, VariableSpace.SynapseState, ImmutableArray<int>.Empty,
                synapse.Parameters, streams, owner, diagnostics);
            return p with { Synapse = synapse with { Odes = clocked, Integrator = integrator, EventDriven = eventDriven } };
        }).ToImmutableArray();
        var signals = network.Signals;
        if (!signals.Odes.IsEmpty)
        {
            var streams = Enumerable.Range(0, 8).Select(k => Runtime.CounterRng.StreamId($"signals/noise:{k}")).ToImmutableArray();
            signals = signals with
            {
                Integrator = Select(network, signals.Odes, null, null, VariableSpace.Signal, ImmutableArray<int>.Empty,
                    ImmutableArray<Variable>.Empty, streams, "model-level states", diagnostics),
            };
        }
        return network with { Populations = populations, Projections = projections, Signals = signals };
    }

    private static Integrator? Select(Network network, ImmutableArray<Ode> odes, string? method, SourceLocation? methodLocation,
        VariableSpace stateSpace, ImmutableArray<int> clampedSlots, ImmutableArray<Variable> parameters, ImmutableArray<uint> noiseStreams,
        string owner, DiagnosticBag diagnostics)
    {
        // Split out noise: rhs = drift + Σ g_k xi_k.
        int noiseCount = odes.Select(o => o.Rhs).SelectMany(Noises).DefaultIfEmpty(-1).Max() + 1;
        var drift = new IrExpression[odes.Length];
        var diffusion = new ImmutableArray<NoiseTerm>[odes.Length];
        bool stochastic = false;
        for (int i = 0; i < odes.Length; i++)
        {
            var rhs = odes[i].Rhs;
            if (!rhs.HasNoise())
            {
                drift[i] = rhs;
                diffusion[i] = ImmutableArray<NoiseTerm>.Empty;
                continue;
            }
            stochastic = true;
            var form = Linearizer.Decompose(rhs, e => e is IrNoise n ? n.Index : null, noiseCount);
            if (form is null)
            {
                diagnostics.Error(ErrorCode.NonlinearInNoise, odes[i].Location,
                    "white noise must enter an equation linearly (dx/dt = f + g*xi, with g free of xi)");
                return null;
            }
            drift[i] = form.Rest;
            diffusion[i] = form.Coefficients.Select((c, k) => (c, k)).Where(p => p.c is not null).Select(p => new NoiseTerm(p.k, p.c!)).ToImmutableArray();
        }

        for (int i = 0; i < odes.Length; i++)
        {
            if (NotFinite(ExpressionFolder.Fold(drift[i])))
            {
                diagnostics.Error(ErrorCode.InvalidValue, odes[i].Location,
                    $"{owner}: this equation has a coefficient that is not finite (a division by zero, such as a time constant of 0?)");
                return null;
            }
        }

        var system = new EquationSystem(network, odes, stateSpace, drift.ToImmutableArray(), diffusion.ToImmutableArray(), stochastic, clampedSlots,
            parameters, noiseStreams);
        if (method is null)
        {
            return Automatic(stochastic).Select(name => IntegrationMethods.Get(name).Integrate(system, out _)).First(i => i is not null);
        }
        if (IntegrationMethods.Get(method).Integrate(system, out string whyNot) is { } integrator)
        {
            return integrator;
        }
        diagnostics.Error(ErrorCode.MethodNotApplicable, methodLocation ?? odes[0].Location, $"{owner}: {whyNot}");
        return null;
    }

    /// <summary>The methods tried in order when the model names none; the last applies to any such system.</summary>
    private static string[] Automatic(bool stochastic) => stochastic
        ? new[] { "exact", "euler_maruyama" }
        : new[] { "exact", "exponential_euler", "rk4" };

    private static IEnumerable<int> Noises(IrExpression e)
    {
        var found = new List<int>();
        e.Any(n =>
        {
            if (n is IrNoise noise)
            {
                found.Add(noise.Index);
            }
            return false;
        });
        return found;
    }

    /// <summary>Whether a coefficient may change during the run: states, time, random numbers and mutable parameters do.</summary>
    internal static bool Varies(IrExpression e, ImmutableArray<Variable> parameters, Network network) => e switch
    {
        IrRandom or IrNoise => true,
        IrVariable { Ref.Space: VariableSpace.NeuronState or VariableSpace.SynapseState or VariableSpace.Time or VariableSpace.Signal } => true,
        IrVariable { Ref: { Space: VariableSpace.NeuronParameter, Side: Side.Self } r } => parameters[r.Slot].Mutable,
        IrVariable { Ref: { Space: VariableSpace.SynapseParameter } r } => parameters[r.Slot].Mutable,
        IrVariable { Ref: { Space: VariableSpace.Global } r } => network.Globals[r.Slot].Mutable,
        _ => false,
    };

    /// <summary>Whether a folded expression holds an infinite or NaN constant, or divides by a constant zero (a parameter that is 0).</summary>
    private static bool NotFinite(IrExpression expression)
    {
        NestingGuard.EnsureStack();
        return expression switch
        {
            IrConstant c => !double.IsFinite(c.Value),
            IrUnary u => NotFinite(u.Operand),
            IrBinary { Operator: IrBinaryOperator.Divide, Right: IrConstant { Value: 0 } } => true,
            IrBinary b => NotFinite(b.Left) || NotFinite(b.Right),
            IrCall c => NotFinite(c.Argument),
            IrSelect s => NotFinite(s.Condition) || NotFinite(s.IfTrue) || NotFinite(s.IfFalse),
            _ => false,
        };
    }
}
