using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.IR.Verification;

namespace NeuroCompiler.IR.Passes;

/// <summary>
/// Replaces everything fixed for the whole run and shared by all elements by its value: dt, model
/// params the protocol never changes, and neuron and synapse params that are neither per element nor
/// mutable. Then folds constant subexpressions.
/// <code>
/// before: dv/dt = (El - v) / taum        (El = -49 mV, taum = 20 ms)
/// after:  dv/dt = (-0.049 - v) / 0.02
/// </code>
/// </summary>
public sealed class ConstantFolding : INetworkPass
{
    public string Name => "constant-folding";

    public IrStage Produces => IrStage.Folded;

    public Network Run(Network network, DiagnosticBag diagnostics)
    {
        var folder = new NetworkFolder(network);
        var populations = network.Populations.Select(p => p.Model is null ? p : p with { Model = folder.FoldNeuron(p.Index, p.Model) }).ToImmutableArray();
        var projections = network.Projections.Select(folder.FoldProjection).ToImmutableArray();
        var signals = network.Signals with { Odes = network.Signals.Odes.Select(o => o with { Rhs = folder.FoldIn(o.Rhs, -1, -1) }).ToImmutableArray() };
        var recordings = network.Recordings.Select(r => r is TraceRecording t
            ? t with { Value = folder.FoldIn(t.Value, t.Range.Population, -1) }
            : r).ToImmutableArray();
        return network with { Signals = signals, Populations = populations, Projections = projections, Recordings = recordings };
    }

    private sealed class NetworkFolder
    {
        private readonly Network _network;
        private readonly Dictionary<(int Population, int Slot), double?> _neuronParameters = new();

        public NetworkFolder(Network network) => _network = network;

        /// <summary>The value of a population's param if it is one number for the whole run.</summary>
        private double? NeuronParameter(int population, int slot)
        {
            if (_neuronParameters.TryGetValue((population, slot), out var known))
            {
                return known;
            }
            _neuronParameters[(population, slot)] = null; // guards against a cycle (the binder rejects them)
            var variable = _network.Populations[population].Model!.Parameters[slot];
            double? value = null;
            if (!variable.PerElement && !variable.Mutable && FoldIn(variable.Initial, population, -1) is IrConstant c)
            {
                value = c.Value;
            }
            _neuronParameters[(population, slot)] = value;
            return value;
        }

        /// <summary>Folds an expression read in a population's context (or a projection's, with pre and post populations).</summary>
        public IrExpression FoldIn(IrExpression expression, int population, int projection)
        {
            var substituted = expression.Rewrite(e => e is IrVariable v && Substitute(v.Ref, population, projection) is { } value ? new IrConstant(value) : e);
            return ExpressionFolder.Fold(substituted);
        }

        private double? Substitute(VariableRef r, int population, int projection)
        {
            switch (r.Space)
            {
                case VariableSpace.Dt:
                    return _network.Settings.Dt;
                case VariableSpace.Global:
                    return _network.Globals[r.Slot].Mutable ? null : _network.Globals[r.Slot].Value;
                case VariableSpace.NeuronParameter:
                    int owner = r.Side switch
                    {
                        Side.Pre => _network.Projections[projection].Source.Population,
                        Side.Post => _network.Projections[projection].Target.Population,
                        _ => population,
                    };
                    return owner >= 0 ? NeuronParameter(owner, r.Slot) : null;
                case VariableSpace.SynapseParameter:
                    var parameter = _network.Projections[projection].Synapse.Parameters[r.Slot];
                    return !parameter.PerElement && !parameter.Mutable && FoldIn(parameter.Initial, -1, projection) is IrConstant c ? c.Value : null;
                case VariableSpace.Size:
                    return population >= 0 ? _network.Populations[population].Size : null;
                default:
                    return null;
            }
        }

        public NeuronModel FoldNeuron(int population, NeuronModel model)
        {
            IrExpression F(IrExpression e) => FoldIn(e, population, -1);
            return model with
            {
                Parameters = model.Parameters.Select((p, i) => NeuronParameter(population, i) is { } v ? p with { Initial = new IrConstant(v) } : p with { Initial = F(p.Initial) }).ToImmutableArray(),
                States = model.States.Select(s => s with { Initial = F(s.Initial) }).ToImmutableArray(),
                Odes = model.Odes.Select(o => o with { Rhs = F(o.Rhs) }).ToImmutableArray(),
                Threshold = model.Threshold is null ? null : F(model.Threshold),
                Reset = model.Reset.Select(a => a with { Value = F(a.Value) }).ToImmutableArray(),
                Refractory = model.Refractory is null ? null : model.Refractory with { Period = F(model.Refractory.Period) },
            };
        }

        public Projection FoldProjection(Projection projection)
        {
            int index = projection.Index;
            IrExpression F(IrExpression e) => FoldIn(e, -1, index);
            var synapse = projection.Synapse;
            var folded = synapse.MapExpressions(F);
            return projection with
            {
                Synapse = folded,
                Delay = F(projection.Delay),
                Rule = projection.Rule.PairExpressions.IsEmpty ? projection.Rule : projection.Rule with { PairExpressions = projection.Rule.PairExpressions.Select(F).ToImmutableArray() },
            };
        }
    }
}
