using NeuroCompiler.ConnectRules;
using static NeuroCompiler.Semantics.Tests.Bind;

namespace NeuroCompiler.Semantics.Tests;

/// <summary>Wrong models about names: unknown, misspelled, redefined, reserved, misplaced. Each checks the exact diagnostics.</summary>
public class NameErrorTests
{
    /// <summary>A small neuron type and population the cases build on.</summary>
    internal const string Lif = """
        neuron A {
          param tau = 10 ms
          param Vr = -60 mV
          state v = 0 mV
          state ge = 0 nS
          dv/dt = -v / tau
          dge/dt = -ge / tau
          threshold v > 10 mV
          reset { v = Vr }
        }
        population P = A[10]

        """;

    [Fact]
    public void UnknownNameSuggestsTheClosest() => Expect("""
        neuron A {
          param tau = 10 ms
          state v = 0 mV
          dv/dt = -v / «taux»
        }
        """, "NC0101 unknown name 'taux'; did you mean 'tau'?");

    [Fact]
    public void SwappedLettersStillGetASuggestion() => Expect("""
        neuron A {
          param tau = 10 ms
          state v = 0 mV
          dv/dt = -v / «tua»
        }
        """, "NC0101 did you mean 'tau'?");

    [Fact]
    public void UnknownNameWithoutACloseOneHasNoSuggestion()
    {
        var result = Expect("param a = 2 * «zzzzz»", "NC0101");
        Assert.Equal("unknown name 'zzzzz'", result.Diagnostics.Single().Message);
    }

    [Fact]
    public void UnknownNamesInEveryPartOfANeuronType() => Expect("""
        neuron A {
          param tau = 10 ms
          state v = 0 mV
          let I = «gg» * v
          dv/dt = -v / tau
          threshold «vv» > 1 mV
          reset { «vv» = 0 mV }
          refractory «t_reff»
        }
        """, "NC0101 unknown name 'gg'", "NC0101 did you mean 'v'?", "NC0101 unknown variable 'vv'; did you mean 'v'?", "NC0101 unknown name 't_reff'");

    [Fact]
    public void UnknownNamesInASynapse() => Expect(Lif + """
        synapse S {
          param w = 1 nS
          on_pre { «gee» += w; post.«gee» += w; «foo».v += 1 mV; ge += «ww» }
        }
        projection p = P -> P : S { connect all_to_all }
        """,
        "NC0101 unknown variable 'gee'; did you mean 'ge'?",
        "NC0101 'post' has no variable 'gee'; did you mean 'ge'?",
        "NC0101 'foo.' is not a qualifier here",
        "NC0101 unknown name 'ww'; did you mean 'w'?");

    [Fact]
    public void UnknownFunction() => Expect("param a = «expp»(1)", "NC0104 unknown function 'expp'; did you mean 'exp'?");

    [Fact]
    public void UnknownNeuronType() => Expect(Lif + """
        population Q = «AA»[5]
        """, "NC0103 unknown neuron type 'AA'; did you mean 'A'?");

    [Fact]
    public void UnknownNeuronTypeWithoutAnyTypeSuggestsTheImport() =>
        Expect("population P = «LIF»[5]", "NC0103 did you forget import \"std/neurons\"?");

    [Fact]
    public void SynapseTypeUsedAsNeuronTypeAndTheOtherWayRound() => Expect(Lif + """
        synapse S { param w = 1 nS
          on_pre { ge += w } }
        population Q = «S»[5]
        projection p = P -> P : «A» { connect all_to_all }
        """, "NC0103 ('S' is a synapse type)", "NC0103 unknown synapse type 'A' ('A' is a neuron type)");

    [Fact]
    public void UnknownPopulations() => Expect(Lif + """
        synapse S { param w = 1 nS
          on_pre { ge += w } }
        projection p = «PP» -> P : S { connect all_to_all }
        record spikes «Q»
        record «PP».v
        """, "NC0101 unknown population 'PP'; did you mean 'P'?", "NC0101 unknown population 'Q'", "NC0101 unknown population or projection 'PP'; did you mean 'P'?");

    [Fact]
    public void UnknownMembersInSettings() => Expect(Lif + """
        population Q = A[5] { «taux» = 1 ms }
        neuron B = A { «Vrr» = -70 mV }
        synapse S { param w = 1 nS
          on_pre { ge += w } }
        projection p = P -> P : S { connect all_to_all; «ww» = 2 nS }
        record P.«vv»
        """,
        "NC0101 neuron type 'A' has no param or state 'taux'; did you mean 'tau'?",
        "NC0101 neuron type 'A' has no param or state 'Vrr'; did you mean 'Vr'?",
        "NC0101 synapse type 'S' has no param or state 'ww'",
        "NC0101 'P' has no variable 'vv' to record; did you mean 'v'?");

    [Fact]
    public void UnknownVariantBase() => Expect("neuron B = «Foo» { a = 1 }", "NC0103 unknown neuron type 'Foo'");

    [Fact]
    public void UnknownRecordingKinds() => Expect(Lif + """
        record «spike» P
        record «spikes»
        record «P»
        """,
        "NC0113 unknown recording 'spike'",
        "NC0113 'record spikes' needs a population",
        "NC0113 write 'record spikes P', 'record rate P' or 'record P.VARIABLE'");

    [Fact]
    public void UnknownModelSetting() => Expect("model m { dt = 0.1 ms; «dur» = 1 s }", "NC0107 unknown model setting 'dur'");

    [Fact]
    public void RedefinedNeuronMembers() => Expect("""
        neuron A {
          param tau = 10 ms
          param «tau» = 20 ms
          state v = 0 mV
          let «v» = 1 mV
        }
        """, "NC0102 'tau' is already defined (at test.neuro:2:9)", "NC0102 'v' is already defined (at test.neuro:4:9)");

    [Fact]
    public void RedefinedTopLevelNames() => Expect("""
        neuron A { param a = 1 }
        synapse «A» { param w = 1 }
        synapse S { param w = 1 }
        param n = 3
        population P = A[1]
        population «P» = A[2]
        population «n» = A[2]
        projection «P» = P -> P : S { connect all_to_all }
        neuron A2 = A
        neuron «A2» = A
        """,
        "NC0102 type 'A' is already defined (at test.neuro:1:8)",
        "NC0102 name 'P' is already defined (at test.neuro:5:12)",
        "NC0102 name 'n' is already defined",
        "NC0102 name 'P' is already defined",
        "NC0102 type 'A2' is already defined");

    [Fact]
    public void ReservedNames() => Expect("""
        param «t» = 1
        neuron A {
          param «dt» = 1 ms
          state «i» = 0
          let «xi» = 1
          let «pre» = 2
        }
        """, "NC0120 't' is a built-in name", "NC0120", "NC0120", "NC0120", "NC0120");

    [Fact]
    public void DuplicateMembers() => Expect("""
        model m { dt = 0.1 ms; «dt» = 0.2 ms }
        model «n» { }
        neuron A {
          state v = 0 mV
          dv/dt = -v / (10 ms)
          «dv»/dt = -v / (20 ms)
          method euler
          «method rk4»
          threshold v > 1 mV
          «threshold v > 2 mV»
          reset { v = 0 mV }
          «reset { v = 1 mV }»
          refractory 1 ms
          «refractory 2 ms»
        }
        population P = A[3] { v = 1 mV; «v» = 2 mV }
        """,
        "NC0108 'dt' is set twice", "NC0108 a file has one model block", "NC0108 dv/dt is defined twice",
        "NC0108 the integration method is given twice", "NC0108 the threshold is given twice", "NC0108 the reset is given twice",
        "NC0108 the refractory period is given twice", "NC0108 'v' is set twice");

    [Fact]
    public void DuplicateHandlersAndArguments() => Expect(Lif + """
        synapse S {
          param w = 1 nS
          on_pre { ge += w }
          «on_pre» { ge += w }
        }
        projection p = P -> P : S { connect all_to_all }
        stimulus s = poisson_input(n = 10, rate = 5 Hz, «n = 20», weight = 1 mV) -> P.v
        """, "NC0108 'on_pre' is given twice", "NC0119 argument 'n' is given twice");

    [Fact]
    public void OdeForSomethingThatIsNotAState() => Expect("""
        neuron A {
          param tau = 10 ms
          state v = 0 mV
          d«tau»/dt = 1
          d«q»/dt = 1
          «dv/dx» = -v / tau
        }
        """,
        "NC0109 cannot define dtau/dt: 'tau' is not a state of this type",
        "NC0109 cannot define dq/dt: there is no such state; declare it with 'state q = <initial value>'",
        "NC0002 a differential equation is written dX/dt = ..., not 'dv/dx'");

    [Fact]
    public void UnknownIntegrationMethod() => Expect("""
        neuron A {
          state v = 0 mV
          dv/dt = -v / (10 ms)
          method «eulr»
        }
        """, "NC0110 unknown integration method 'eulr' (known: euler, euler_maruyama, exact, exponential_euler, heun, linear, midpoint, rk2, rk4); did you mean 'euler'?");

    [Fact]
    public void UnknownConnectivityRule() => Expect(Lif + """
        synapse S { param w = 1 nS
          on_pre { ge += w } }
        projection a = P -> P : S { connect «fixed_probabilty»(0.1) }
        projection b = P -> P : S { connect «random» }
        projection c = P -> P : S { connect «0.1» }
        """,
        $"NC0111 unknown connectivity rule 'fixed_probabilty' (known: {string.Join(", ", ConnectivityRules.Names)}); did you mean 'fixed_probability'?",
        "NC0111 unknown connectivity rule 'random' (known:",
        "NC0111 unknown connectivity rule '0.1'");

    [Fact]
    public void UnknownStimulusKind() => Expect(Lif + """
        stimulus s = «poisson»(10, 5 Hz, 1 mV) -> P.v
        """, "NC0112 unknown stimulus 'poisson'");

    [Fact]
    public void MisplacedMembersPointAtTheirKeyword() => Expect("""
        neuron A {
          state v = 0 mV
          «on_pre» { v += 1 mV }
          «on_post» { v += 1 mV }
        }
        synapse S {
          param w = 1 mV
          «threshold» w > 0 mV
          «reset» {
            w = 0 mV
          }
          «refractory» 2 ms
          on_pre { v += w }
        }
        population P = A[2]
        projection p = P -> P : S { connect all_to_all }
        """,
        "NC0106 'on_pre' belongs in a synapse type, not a neuron type",
        "NC0106 'on_post' belongs in a synapse type",
        "NC0106 'threshold' belongs in a neuron type, not a synapse type",
        "NC0106 'reset' belongs in a neuron type",
        "NC0106 'refractory' belongs in a neuron type");

    [Fact]
    public void AssignmentsToWhatCannotBeAssigned() => Expect("""
        param g = 1
        neuron A {
          param Vr = -60 mV
          state v = 0 mV
          let u = 2 * v
          threshold v > 1 mV
          reset { v = Vr; «Vr» = 0 mV; «u» = 1 mV; «g» = 2 }
        }
        population P = A[2]
        synapse S {
          param w = 1 mV
          on_pre { v += w; w *= 0.5; «post.Vr» += w; v[«0»] += w }
        }
        projection p = P -> P : S { connect all_to_all }
        """,
        "NC0116 cannot assign to 'Vr': a reset can only change the neuron's states and model-level states, and 'Vr' is a parameter",
        "NC0116 'u' is a definition (let)",
        "NC0116 'g' is a model parameter",
        "NC0116 cannot assign to 'Vr': a synapse can change its own params and states, the neurons' states and model-level states",
        "NC0116 an index or slice cannot be used here");

    [Fact]
    public void RecordTargetThatIsAParameterIsAllowedButNotAMissingOne()
    {
        var model = Clean(Lif + "record P.tau\nrecord P[0:2].v, P.ge every 1 ms");
        Assert.Equal(3, model.Recordings.Length);
    }

    [Fact]
    public void UnknownImports() => Expect("""
        import «"std/neuronz"»
        import «"does/not/exist"»
        """,
        "NC0105 cannot find import \"std/neuronz\" (the standard library has \"std/neurons\", \"std/plasticity\", \"std/synapses\")",
        "NC0105 cannot find import \"does/not/exist\"");

    [Fact]
    public void ProtocolNames() => Expect(Lif + """
        stimulus s = poisson_input(10, 5 Hz, 1 mV) -> P.v
        protocol {
          segment a 1 s
          segment «a» 1 s
          at 1 s set «q» = 1
          at 1 s set s.«rat» = 3 Hz
          at 1 s set P.«taux» = 1 ms
          at 1 s silence «Q»
        }
        """,
        "NC0102 segment 'a' is already defined",
        "NC0101 unknown model param 'q'",
        "NC0101 stimulus 's' has no setting 'rat'",
        "NC0101 neuron type 'A' has no variable 'taux'; did you mean 'tau'?",
        "NC0101 unknown population 'Q'; did you mean 'P'?");
}

/// <summary>
/// "did you mean" hints stay within their budget (docs/limits.md): thousands of unknown names among
/// thousands of definitions are every one reported, the first with hints and the rest without,
/// instead of comparing every name with every other (that took 570 s on a 2 MB file the fuzzer made).
/// </summary>
public class HintBudgetTests
{
    [Fact]
    public void AHintLooksAtTheFirstCandidatesOnly()
    {
        var names = Enumerable.Range(0, Core.Limits.MaxHintCandidates).Select(i => $"name{i}").Append("tau").ToList();
        Assert.Equal("", Core.Diagnostics.NameSuggester.Hint("tua", names));
        Assert.Equal("; did you mean 'tau'?", Core.Diagnostics.NameSuggester.Hint("tua", names.Skip(1)));
    }

    [Fact]
    public void HintsStopWhenTheBudgetIsSpentAndEveryErrorIsStillReported()
    {
        const int Lets = 2000, Unknown = 600; // 600 x 2,000 comparisons is more than the budget
        var text = new System.Text.StringBuilder("neuron A {\n  state v = 0 mV\n  dv/dt = -v / (10 ms)\n");
        for (int i = 0; i < Lets; i++)
        {
            text.Append($"  let a{i} = {i} mV\n");
        }
        text.Append("  threshold v > 10 mV\n  reset {\n");
        for (int i = 0; i < Unknown; i++)
        {
            text.Append($"    v = a{i}x\n");
        }
        text.Append("  }\n}\npopulation P = A[1]\n");
        var errors = Text(text.ToString()).Diagnostics.Where(d => d.Severity == Core.Diagnostics.DiagnosticSeverity.Error).ToList();
        Assert.Equal(Unknown, errors.Count);
        Assert.All(errors, e => Assert.Equal("NC0101", e.CodeText));
        Assert.EndsWith("did you mean 'a0'?", errors[0].Message);
        Assert.DoesNotContain("did you mean", errors[^1].Message);
        int hinted = errors.Count(e => e.Message.Contains("did you mean"));
        Assert.InRange(hinted, Core.Limits.MaxHintComparisons / Core.Limits.MaxHintCandidates - 1, Core.Limits.MaxHintComparisons / Core.Limits.MaxHintCandidates + 1);
    }
}
