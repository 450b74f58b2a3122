using NeuroCompiler.Core.Nesting;
using System.Text;
using NeuroCompiler.Core.Units;

namespace NeuroCompiler.IR;

/// <summary>The IR as readable text (<c>neuroc ir</c>): every value in SI base units, every chosen integrator and step count shown.</summary>
public static class NetworkPrinter
{
    /// <summary>Prints on a <see cref="DeepStack"/> thread: expressions are printed by recursion.</summary>
    public static string Print(Network network) => DeepStack.Run(() => PrintNetwork(network));

    private static string PrintNetwork(Network network)
    {
        var w = new StringBuilder();
        var s = network.Settings;
        w.AppendLine($"model {s.Name}: dt = {Num(s.Dt)} s, {s.Steps} steps ({Num(s.Duration)} s), seed {s.Seed}, {s.Precision.ToString().ToLowerInvariant()}");
        foreach (var g in network.Globals)
        {
            w.AppendLine($"param {g.Name} = {Num(g.Value)}{Unit(g.Dimension)}{(g.Mutable ? "  [changed by the protocol]" : "")}");
        }
        PrintSignals(w, network);
        foreach (var p in network.Populations)
        {
            PrintPopulation(w, network, p);
        }
        foreach (var p in network.Projections)
        {
            PrintProjection(w, network, p);
        }
        foreach (var stimulus in network.Stimuli)
        {
            string target = Range(network, stimulus.Target);
            w.AppendLine(stimulus switch
            {
                PoissonInput pi => $"stimulus {pi.Name}: poisson_input -> {target}.{network.Populations[pi.Target.Population].Model!.States[pi.State].Name}: n = {pi.Count}, rate = {Num(pi.Rate)} Hz, weight = {Num(pi.Weight)}",
                CurrentInjection ci => $"stimulus {ci.Name}: current -> {target}.{network.Populations[ci.Target.Population].Model!.Parameters[ci.Parameter].Name}: " +
                    string.Join(", ", ci.StartSteps.Select((st, k) => $"from step {st}: {Num(ci.Values[k])}")),
                _ => $"stimulus {stimulus.Name}",
            });
        }
        if (network.Protocol.Length > 0)
        {
            w.AppendLine("protocol");
            foreach (var e in network.Protocol)
            {
                string until = e.UntilStep is { } u ? $" until step {u}" : "";
                w.AppendLine($"  step {e.Step}{until}: {Action(network, e.Action)}");
            }
        }
        foreach (var r in network.Recordings)
        {
            w.AppendLine(r switch
            {
                SpikeRecording spikes => $"record spikes {Range(network, spikes.Range)}",
                RateRecording rate => $"record rate {Range(network, rate.Range)} every {rate.BinSteps} steps",
                TraceRecording t => $"record {Range(network, t.Range)}.{t.Name} every {t.IntervalSteps} steps",
                SignalRecording sr => $"record {network.Signals.Variables[sr.Signal].Name} every {sr.IntervalSteps} steps",
                SynapseTraceRecording st => $"record {network.Projections[st.Projection].Name}[{st.Start}:{st.Stop?.ToString() ?? ""}].{st.Name} every {st.IntervalSteps} steps",
                _ => "record ?",
            });
        }
        foreach (var t in network.Tasks)
        {
            w.AppendLine($"task {t.Name}: steps {t.StartStep} to {t.StartStep + t.Steps}, {Range(network, t.Target)} faster than {Range(network, t.Reference)}");
        }
        return w.ToString();
    }

    private static void PrintSignals(StringBuilder w, Network network)
    {
        var signals = network.Signals;
        string Name(VariableRef r) => r.Space == VariableSpace.Signal ? signals.Variables[r.Slot].Name : Common(network, r);
        foreach (var v in signals.Variables)
        {
            w.AppendLine($"state {v.Name} = {Num(v.Initial)}{Unit(v.Dimension)}");
        }
        foreach (var ode in signals.Odes)
        {
            w.AppendLine($"d{signals.Variables[ode.State].Name}/dt = {ExpressionPrinter.Print(ode.Rhs, Name)}");
        }
        if (signals.Integrator is { } integrator)
        {
            PrintIntegrator(w, integrator, i => signals.Variables[i].Name, Name);
        }
    }

    private static string Action(Network network, ProtocolAction action) => action switch
    {
        KickSignal k => $"{network.Signals.Variables[k.Signal].Name} {Op(k.Operator)} {Num(k.Value)}",
        SetGlobal g => $"set {network.Globals[g.Global].Name} = {Num(g.Value)}",
        SetParameter p => $"set {Range(network, p.Range)}.{network.Populations[p.Range.Population].Model!.Parameters[p.Parameter].Name} = {Num(p.Value)}",
        SetRate r => $"set {network.Stimuli[r.Stimulus].Name}.rate = {Num(r.Rate)} Hz",
        Silence si => $"silence {Range(network, si.Range)}",
        Kick k => $"{Range(network, k.Range)}.{network.Populations[k.Range.Population].Model!.States[k.State].Name} {Op(k.Operator)} {Num(k.Value)}",
        _ => action.ToString(),
    };

    private static void PrintPopulation(StringBuilder w, Network network, Population p)
    {
        if (p.Model is not { } m)
        {
            w.AppendLine($"population {p.Name} [{p.Size}]: spike generator, {p.Spikes!.Steps.Length} spikes{(p.Spikes.PeriodSteps is { } period ? $", repeating every {period} steps" : "")}");
            return;
        }
        w.AppendLine($"population {p.Name} [{p.Size}]: {m.TypeName}{(p.Positions is null ? "" : ", with positions")}");
        string Name(VariableRef r) => NeuronName(network, m, r);
        foreach (var v in m.Parameters)
        {
            w.AppendLine($"  param {v.Name} = {ExpressionPrinter.Print(v.Initial, Name)}{Unit(v.Dimension)}  ({Storage(v, "neuron")})");
        }
        foreach (var v in m.States)
        {
            w.AppendLine($"  state {v.Name} = {ExpressionPrinter.Print(v.Initial, Name)}{Unit(v.Dimension)}");
        }
        foreach (var ode in m.Odes)
        {
            w.AppendLine($"  d{m.States[ode.State].Name}/dt = {ExpressionPrinter.Print(ode.Rhs, Name)}");
        }
        if (m.Integrator is { } integrator)
        {
            PrintIntegrator(w, integrator, i => m.States[i].Name, Name);
        }
        if (m.Threshold is { } threshold)
        {
            w.AppendLine($"  threshold {ExpressionPrinter.Print(threshold, Name)}");
        }
        foreach (var a in m.Reset)
        {
            w.AppendLine($"  reset {Name(a.Target)} {Op(a.Operator)} {ExpressionPrinter.Print(a.Value, Name)}");
        }
        if (m.Refractory is { } r)
        {
            string steps = r.ConstantSteps is { } n ? $" = {n} steps" : " (per neuron)";
            string clamp = r.ClampedStates.IsEmpty ? "" : $", clamps {string.Join(", ", r.ClampedStates.Select(i => m.States[i].Name))}";
            w.AppendLine($"  refractory {ExpressionPrinter.Print(r.Period, Name)} s{steps}{clamp}");
        }
    }

    private static void PrintIntegrator(StringBuilder w, Integrator integrator, Func<int, string> stateName, Func<VariableRef, string> name)
    {
        var states = string.Join(", ", integrator.States.Select(stateName));
        w.AppendLine($"  integrator {integrator.MethodName} over [{states}]");
        switch (integrator)
        {
            case LinearPropagator { Matrices: { } m } lp:
                int n = lp.States.Length;
                for (int k = 0; k < n; k++)
                {
                    string row = string.Join(" ", Enumerable.Range(0, n).Select(j => Num(m.P[k * n + j])));
                    string input = lp.Input is { } c ? $" + {Num(c[k])}" : lp.B.All(b => b is IrConstant { Value: 0 }) ? "" : " + G . b";
                    w.AppendLine($"    {stateName(lp.States[k])}' = [{row}] . x{input}");
                }
                if (lp.Input is null && !lp.B.All(b => b is IrConstant { Value: 0 }))
                {
                    w.AppendLine("    b = [" + string.Join(", ", lp.B.Select(b => ExpressionPrinter.Print(b, name))) + "], evaluated each step");
                }
                break;
            case LinearPropagator lp:
                w.AppendLine("    propagator computed per neuron from A = [" + string.Join(", ", lp.A.Select(a => ExpressionPrinter.Print(a, name))) + "]");
                break;
            case ExponentialEuler ee:
                for (int k = 0; k < ee.States.Length; k++)
                {
                    w.AppendLine($"    {stateName(ee.States[k])}: A = {ExpressionPrinter.Print(ee.A[k], name)}, B = {ExpressionPrinter.Print(ee.B[k], name)}");
                }
                break;
            case ExplicitIntegrator update:
                string Read(VariableRef r) => r.Space switch
                {
                    VariableSpace.Local => $"l{r.Slot}",
                    VariableSpace.Refractory => "refractory",
                    _ => name(r),
                };
                for (int k = 0; k < update.Locals.Length; k++)
                {
                    w.AppendLine($"    l{k} = {ExpressionPrinter.Print(update.Locals[k], Read)}");
                }
                for (int k = 0; k < update.States.Length; k++)
                {
                    w.AppendLine($"    {stateName(update.States[k])}' = {ExpressionPrinter.Print(update.Next[k], Read)}");
                }
                break;
        }
    }

    private static void PrintProjection(StringBuilder w, Network network, Projection p)
    {
        var syn = p.Synapse;
        w.AppendLine($"projection {p.Name}: {Range(network, p.Source)} -> {Range(network, p.Target)}, {syn.TypeName}, {p.Rule.Print()}{(p.Autapses ? "" : ", no autapses")}{(p.Multapses ? ", multapses" : "")}");
        string Name(VariableRef r) => SynapseName(network, p, r);
        foreach (var v in syn.Parameters)
        {
            w.AppendLine($"  param {v.Name} = {ExpressionPrinter.Print(v.Initial, Name)}{Unit(v.Dimension)}  ({Storage(v, "synapse")})");
        }
        foreach (var v in syn.States)
        {
            w.AppendLine($"  state {v.Name} = {ExpressionPrinter.Print(v.Initial, Name)}{Unit(v.Dimension)}");
        }
        if (syn.Integrator is { } integrator)
        {
            PrintIntegrator(w, integrator, i => syn.States[i].Name, Name);
        }
        if (syn.EventDriven is { } eventDriven)
        {
            w.AppendLine("  event-driven (solved over the time since the synapse's last event):");
            for (int k = 0; k < eventDriven.States.Length; k++)
            {
                w.AppendLine($"    d{syn.States[eventDriven.States[k]].Name}/dt = ({ExpressionPrinter.Print(eventDriven.A[k], Name)}) * {syn.States[eventDriven.States[k]].Name} + {ExpressionPrinter.Print(eventDriven.B[k], Name)}");
            }
        }
        string delay = p.ConstantDelaySteps is { } d ? $"{d} steps" : ExpressionPrinter.Print(p.Delay, Name) + " s";
        w.AppendLine($"  delay {delay}");
        foreach (var a in syn.OnPre)
        {
            w.AppendLine($"  on_pre {Name(a.Target)} {Op(a.Operator)} {ExpressionPrinter.Print(a.Value, Name)}");
        }
        foreach (var a in syn.OnPost)
        {
            w.AppendLine($"  on_post {Name(a.Target)} {Op(a.Operator)} {ExpressionPrinter.Print(a.Value, Name)}");
        }
        foreach (var clock in syn.ClockRules)
        {
            foreach (var a in clock.Statements)
            {
                w.AppendLine($"  every {clock.IntervalSteps} steps: {Name(a.Target)} {Op(a.Operator)} {ExpressionPrinter.Print(a.Value, Name)}");
            }
        }
        foreach (var structural in syn.Structure)
        {
            w.AppendLine($"  {(structural.Kind == StructuralKind.Prune ? "prune" : "grow")} every {structural.IntervalSteps} steps when {ExpressionPrinter.Print(structural.Condition, Name)}");
        }
        if (LearningRequirements.Of(network, p) is { } learning)
        {
            string When(RuleTiming t) => t.Trigger switch
            {
                RuleTrigger.PresynapticSpike => "presynaptic spikes",
                RuleTrigger.PostsynapticSpike => "postsynaptic spikes",
                RuleTrigger.Clock => $"every {t.IntervalSteps} steps",
                RuleTrigger.Prune => $"pruning every {t.IntervalSteps} steps",
                RuleTrigger.Spread => "changes spread from other projections",
                _ => $"growth every {t.IntervalSteps} steps",
            };
            string List(IEnumerable<string> items) => items.Any() ? string.Join(", ", items) : "nothing";
            w.AppendLine($"  learning: changes {List(learning.ChangingSynapseVariables)} per synapse" +
                (learning.EventDrivenStates.IsEmpty ? "" : $" ({string.Join(", ", learning.EventDrivenStates)} solved between events)") +
                $"; runs at {List(learning.Timings.Select(When))}; reads {List(learning.Reads.Select(Name).Distinct())}; writes {List(learning.Writes.Select(Name).Distinct())}" +
                (learning.UsesRandom ? "; draws random numbers" : "") +
                (learning.SpreadsTo.IsEmpty ? "" : $"; spreads to {string.Join(", ", learning.SpreadsTo.Select(i => network.Projections[i].Name))}"));
        }
        if (p.Synapses is { } c)
        {
            w.AppendLine($"  {c.Count} synapses, delays {c.MinDelay}..{c.MaxDelay} steps, {c.BytesPerSynapse:0.##} bytes per synapse");
        }
    }

    private static string Storage(Variable v, string element) =>
        (v.PerElement ? $"per {element}" : "shared") + (v.Mutable ? ", changes during the run" : "");

    private static string NeuronName(Network network, NeuronModel m, VariableRef r) => r.Space switch
    {
        VariableSpace.NeuronParameter => m.Parameters[r.Slot].Name,
        VariableSpace.NeuronState => m.States[r.Slot].Name,
        _ => Common(network, r),
    };

    private static string SynapseName(Network network, Projection p, VariableRef r)
    {
        var side = r.Side switch { Side.Pre => "pre.", Side.Post => "post.", _ => "" };
        var neuron = r.Side == Side.Pre ? network.Populations[p.Source.Population].Model : network.Populations[p.Target.Population].Model;
        return r.Space switch
        {
            VariableSpace.SynapseParameter => p.Synapse.Parameters[r.Slot].Name,
            VariableSpace.SynapseState => p.Synapse.States[r.Slot].Name,
            VariableSpace.NeuronParameter => side + neuron!.Parameters[r.Slot].Name,
            VariableSpace.NeuronState => side + neuron!.States[r.Slot].Name,
            VariableSpace.Index => r.Side == Side.Post ? "j" : "i",
            _ => side + Common(network, r),
        };
    }

    private static string Common(Network network, VariableRef r) => r.Space switch
    {
        VariableSpace.Global => network.Globals[r.Slot].Name,
        VariableSpace.Time => "t",
        VariableSpace.Dt => "dt",
        VariableSpace.Index => "i",
        VariableSpace.Size => "N",
        VariableSpace.PositionX => "x",
        VariableSpace.PositionY => "y",
        VariableSpace.PositionZ => "z",
        VariableSpace.Distance => "distance",
        VariableSpace.Signal => network.Signals.Variables[r.Slot].Name,
        _ => r.ToString(),
    };

    private static string Range(Network network, PopulationRange r)
    {
        var p = network.Populations[r.Population];
        return r.Start == 0 && r.Count == p.Size ? p.Name : $"{p.Name}[{r.Start}:{r.End}]";
    }

    private static string Op(AssignOperator op) => op switch
    {
        AssignOperator.Add => "+=",
        AssignOperator.Subtract => "-=",
        AssignOperator.Multiply => "*=",
        AssignOperator.Divide => "/=",
        _ => "=",
    };

    private static string Num(double value) => ExpressionPrinter.Number(value);

    /// <summary>" V" after a value, or nothing for a dimensionless one.</summary>
    private static string Unit(Dimension d) => d.IsDimensionless ? "" : " " + d;
}
