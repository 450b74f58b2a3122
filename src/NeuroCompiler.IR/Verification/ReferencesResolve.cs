namespace NeuroCompiler.IR.Verification;

/// <summary>
/// Every reference resolves: each variable an expression reads or a statement writes names a slot
/// that exists in the model its side points at; every population range lies inside its population;
/// every index into the network's lists (stimulus, projection, signal, global) is in range.
/// </summary>
public sealed class ReferencesResolve : IIrCheck
{
    public IrStage From => IrStage.Lowered;

    public void Check(Network network, List<string> problems)
    {
        for (int p = 0; p < network.Populations.Length; p++)
        {
            if (network.Populations[p].Index != p)
            {
                problems.Add($"population {network.Populations[p].Name} is at position {p} but says it is {network.Populations[p].Index}");
            }
        }
        for (int j = 0; j < network.Projections.Length; j++)
        {
            var projection = network.Projections[j];
            if (projection.Index != j)
            {
                problems.Add($"projection {projection.Name} is at position {j} but says it is {projection.Index}");
            }
            CheckRange(network, projection.Source, $"projection {projection.Name}, its source", problems);
            CheckRange(network, projection.Target, $"projection {projection.Name}, its target", problems);
        }
        foreach (var site in IrSites.Of(network))
        {
            site.Expression.Any(e =>
            {
                if (e is IrVariable { Ref: var r })
                {
                    CheckSlot(network, site, r, "reads", problems);
                }
                return false;
            });
            if (site.Target is { } target)
            {
                CheckSlot(network, site, target, "writes", problems);
            }
        }
        CheckStimuli(network, problems);
        CheckProtocol(network, problems);
        CheckRecordings(network, problems);
        foreach (var task in network.Tasks)
        {
            CheckRange(network, task.Target, $"task {task.Name}", problems);
            CheckRange(network, task.Reference, $"task {task.Name}", problems);
        }
        foreach (var spread in network.Spreads)
        {
            if (!InRange(spread.Source, network.Projections.Length) || !InRange(spread.Target, network.Projections.Length))
            {
                problems.Add($"a spread joins projections {spread.Source} and {spread.Target} of {network.Projections.Length}");
                continue;
            }
            CheckSynapseVariable(network, spread.Source, spread.SourceVariable, "a spread's source variable", problems);
            CheckSynapseVariable(network, spread.Target, spread.TargetVariable, "a spread's target variable", problems);
        }
    }

    /// <summary>The neuron model a reference with this side reads at this site (null where there is none).</summary>
    internal static NeuronModel? Owner(Network network, IrSite site, Side side)
    {
        int population = site.Projection >= 0 && site.Projection < network.Projections.Length
            ? side switch
            {
                Side.Pre => network.Projections[site.Projection].Source.Population,
                Side.Post => network.Projections[site.Projection].Target.Population,
                _ => -1,
            }
            : site.Population;
        return InRange(population, network.Populations.Length) ? network.Populations[population].Model : null;
    }

    private static void CheckSlot(Network network, IrSite site, VariableRef r, string access, List<string> problems)
    {
        var owner = Owner(network, site, r.Side);
        var synapse = site.Projection >= 0 && site.Projection < network.Projections.Length ? network.Projections[site.Projection].Synapse : null;
        int limit = r.Space switch
        {
            VariableSpace.Global => network.Globals.Length,
            VariableSpace.NeuronParameter => owner?.Parameters.Length ?? 0,
            VariableSpace.NeuronState => owner?.States.Length ?? 0,
            VariableSpace.SynapseParameter => synapse?.Parameters.Length ?? 0,
            VariableSpace.SynapseState => synapse?.States.Length ?? 0,
            VariableSpace.Signal => network.Signals.Variables.Length,
            VariableSpace.Local => int.MaxValue, // against its own integrator's locals: IntegratorsChosen
            _ => 1, // the built-in values have one slot, 0
        };
        if (!InRange(r.Slot, limit))
        {
            problems.Add($"{site.Where} {access} {r.Space} slot {r.Slot} ({r.Side}), out of range (there are {limit})");
        }
    }

    private static void CheckStimuli(Network network, List<string> problems)
    {
        foreach (var stimulus in network.Stimuli)
        {
            string where = $"stimulus {stimulus.Name}";
            if (!CheckRange(network, stimulus.Target, where, problems))
            {
                continue;
            }
            var model = network.Populations[stimulus.Target.Population].Model;
            var (slot, limit, what) = stimulus switch
            {
                PoissonInput p => (p.State, model?.States.Length ?? 0, "state"),
                CurrentInjection c => (c.Parameter, model?.Parameters.Length ?? 0, "parameter"),
                _ => (0, 1, ""),
            };
            if (!InRange(slot, limit))
            {
                problems.Add($"{where} drives {what} slot {slot} of a model with {limit}");
            }
        }
    }

    private static void CheckProtocol(Network network, List<string> problems)
    {
        foreach (var e in network.Protocol)
        {
            string where = $"the protocol event at step {e.Step}";
            int Parameters(PopulationRange range) => network.Populations[range.Population].Model?.Parameters.Length ?? 0;
            int States(PopulationRange range) => network.Populations[range.Population].Model?.States.Length ?? 0;
            bool ok = e.Action switch
            {
                SetGlobal g => InRange(g.Global, network.Globals.Length),
                SetRate r => InRange(r.Stimulus, network.Stimuli.Length),
                KickSignal k => InRange(k.Signal, network.Signals.Variables.Length),
                SetParameter s => CheckRange(network, s.Range, where, problems) && InRange(s.Parameter, Parameters(s.Range)),
                Kick k => CheckRange(network, k.Range, where, problems) && InRange(k.State, States(k.Range)),
                Silence s => CheckRange(network, s.Range, where, problems),
                _ => true,
            };
            if (!ok)
            {
                problems.Add($"{where} ({e.Action}) names something that does not exist");
            }
        }
    }

    private static void CheckRecordings(Network network, List<string> problems)
    {
        foreach (var recording in network.Recordings)
        {
            switch (recording)
            {
                case SpikeRecording s:
                    CheckRange(network, s.Range, "a spike recording", problems);
                    break;
                case RateRecording r:
                    CheckRange(network, r.Range, "a rate recording", problems);
                    break;
                case TraceRecording t:
                    CheckRange(network, t.Range, $"the recording of {t.Name}", problems);
                    break;
                case SignalRecording s when !InRange(s.Signal, network.Signals.Variables.Length):
                    problems.Add($"a recording of signal slot {s.Signal}, out of range");
                    break;
                case SynapseTraceRecording s when !InRange(s.Projection, network.Projections.Length):
                    problems.Add($"the recording of {s.Name} names projection {s.Projection}, out of range");
                    break;
                case SynapseTraceRecording s:
                    CheckSynapseVariable(network, s.Projection, s.Variable, $"the recording of {s.Name}", problems);
                    break;
            }
        }
    }

    private static void CheckSynapseVariable(Network network, int projection, VariableRef r, string where, List<string> problems)
    {
        var synapse = network.Projections[projection].Synapse;
        int limit = r.Space switch
        {
            VariableSpace.SynapseParameter => synapse.Parameters.Length,
            VariableSpace.SynapseState => synapse.States.Length,
            _ => 0,
        };
        if (!InRange(r.Slot, limit))
        {
            problems.Add($"{where} is {r.Space} slot {r.Slot} of projection {network.Projections[projection].Name}, which does not exist");
        }
    }

    /// <summary>Whether the range lies inside its population (adds a problem if not).</summary>
    private static bool CheckRange(Network network, PopulationRange range, string where, List<string> problems)
    {
        if (!InRange(range.Population, network.Populations.Length))
        {
            problems.Add($"{where}: population {range.Population} does not exist");
            return false;
        }
        int size = network.Populations[range.Population].Size;
        if (range.Start < 0 || range.Count < 0 || range.End > size)
        {
            problems.Add($"{where}: neurons [{range.Start}:{range.End}] are outside population {network.Populations[range.Population].Name} of {size}");
            return false;
        }
        return true;
    }

    internal static bool InRange(int index, int count) => index >= 0 && index < count;
}
