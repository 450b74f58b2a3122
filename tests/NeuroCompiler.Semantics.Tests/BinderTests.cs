using NeuroCompiler.Core.Text;
using NeuroCompiler.Core.Units;
using NeuroCompiler.Runtime;
using NeuroCompiler.Syntax;
using static NeuroCompiler.Semantics.Tests.Bind;

namespace NeuroCompiler.Semantics.Tests;

/// <summary>Models that bind: the standard library, the samples, unit inference, lets, variants and --set.</summary>
public class BinderTests
{
    /// <summary>Evaluates a bound constant expression (literals and arithmetic, in SI units).</summary>
    internal static double Eval(BoundExpression e) => e switch
    {
        BoundLiteral l => l.Value,
        BoundUnary { Operator: BoundUnaryOperator.Negate } u => -Eval(u.Operand),
        BoundBinary { Operator: BoundBinaryOperator.Add } b => Eval(b.Left) + Eval(b.Right),
        BoundBinary { Operator: BoundBinaryOperator.Subtract } b => Eval(b.Left) - Eval(b.Right),
        BoundBinary { Operator: BoundBinaryOperator.Multiply } b => Eval(b.Left) * Eval(b.Right),
        BoundBinary { Operator: BoundBinaryOperator.Divide } b => Eval(b.Left) / Eval(b.Right),
        _ => throw new ArgumentException($"not a constant: {e}"),
    };

    /// <summary>Equal to a relative 1e-12: unit scales make values like 0.1 ms inexact in binary.</summary>
    internal static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(Math.Abs(expected), Math.Abs(actual)), $"expected {expected:R}, got {actual:R}");

    internal static void Close(IEnumerable<double> expected, IEnumerable<double> actual)
    {
        var e = expected.ToList();
        var a = actual.ToList();
        Assert.Equal(e.Count, a.Count);
        foreach (var (x, y) in e.Zip(a))
        {
            Close(x, y);
        }
    }

    private static readonly string[] NeuronTypeNames =
    {
        "LIF", "LIFCond", "Izhikevich", "IzhikevichRS", "IzhikevichIB", "IzhikevichCH", "IzhikevichFS", "IzhikevichLTS", "IzhikevichTC",
        "IzhikevichRZ", "AdEx", "HodgkinHuxley", "Poisson",
    };

    private const string StdModel = """
        import "std/neurons"
        import "std/synapses"
        population L = LIF[10]
        population C = LIFCond[10]
        population Iz = Izhikevich[4]
        population Fs = IzhikevichFS[4]
        population Ad = AdEx[3]
        population H = HodgkinHuxley[3]
        population Src = Poisson[20] { rate = 20 Hz }
        projection jump = Src -> Iz : Jump { connect fixed_probability(0.5) }
        projection ce = Src -> L : CurrentExc { connect fixed_indegree(5); delay = 1.5 ms }
        projection ci = L -> L : CurrentInh { connect fixed_probability(0.2); w = -20 pA }
        projection ge = Src -> C : CondExc { connect all_to_all }
        projection gi = C -> H : CondInh { connect one_to_one_is_not_possible_here }
        """;

    [Fact]
    public void StandardLibraryBinds()
    {
        var model = Clean(StdModel.Replace("projection gi = C -> H : CondInh { connect one_to_one_is_not_possible_here }",
            "projection gi = C[0:3] -> H : CondInh { connect one_to_one }\nprojection hh = Src -> H : CondExc { connect all_to_all }"));
        Assert.Equal(NeuronTypeNames.Order(), model.NeuronTypes.Select(t => t.Name).Order());
        Assert.Equal(7, model.Populations.Length);
        Assert.Equal(new[] { "Jump", "CurrentExc", "CurrentInh", "CondExc", "CondInh", "CondExc" }, model.Projections.Select(p => p.Synapse.TypeName));
        Assert.All(model.NeuronTypes.Where(t => t.Name != "Poisson"), t => Assert.NotNull(t.Threshold));
    }

    [Fact]
    public void EveryStandardSynapseBindsOntoTheNeuronTypesItIsFor()
    {
        // on_pre writes a state of the postsynaptic type; a synapse onto a type without it is an unknown name,
        // reported at the projection that connects it, with a note at the name in the library.
        string source = StdModel.Replace("projection gi = C -> H : CondInh { connect one_to_one_is_not_possible_here }",
            "projection wrong = Src -> Iz : CondExc { connect all_to_all }");
        var result = Text(source);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("NC0101", error.CodeText);
        Assert.Equal(FileName, error.Location!.Text.FileName);
        Assert.Equal(new TextSpan(source.IndexOf("Iz : CondExc", StringComparison.Ordinal) + "Iz : ".Length, "CondExc".Length), error.Location.Span);
        Assert.StartsWith("unknown variable 'ge'", error.Message);
        var note = Assert.Single(error.Notes);
        Assert.Equal("std/synapses.neuro", note.Location.Text.FileName);
        Assert.Equal("ge", note.Location.Text.ToString(note.Location.Span));
        Assert.Equal("in synapse type 'CondExc', as projection 'wrong' connects it onto 'Iz' (neuron type 'Izhikevich')", note.Message);
    }

    [Fact]
    public void StatesDimensionsAreInferredFromTheirInitialValues()
    {
        var model = Clean(StdModel.Replace("projection gi = C -> H : CondInh { connect one_to_one_is_not_possible_here }", ""));
        Dimension Of(string type, string name) =>
            model.NeuronTypes.Single(t => t.Name == type) is var t && (t.FindState(name) ?? t.FindParameter(name)) is { } m
                ? m.Symbol.Dimension
                : throw new KeyNotFoundException(type + "." + name);
        Assert.Equal(Dimension.Volt, Of("LIF", "v"));
        Assert.Equal(Dimension.Ampere, Of("LIF", "Ie"));
        Assert.Equal(Dimension.Siemens, Of("LIFCond", "ge"));
        Assert.Equal(Dimension.Volt / Dimension.Second, Of("Izhikevich", "u"));   // state u = b * v, b in 1/ms
        Assert.Equal(Dimension.Hertz, Of("Izhikevich", "a"));
        Assert.Equal(Dimension.Ampere, Of("AdEx", "w"));
        Assert.Equal(Dimension.None, Of("HodgkinHuxley", "m"));
        Assert.Equal(Dimension.None, Of("HodgkinHuxley", "h"));
        Assert.All(model.NeuronTypes.SelectMany(t => t.States), s => Assert.Equal(VariableKind.State, s.Symbol.Kind));

        var hh = model.NeuronTypes.Single(t => t.Name == "HodgkinHuxley");
        Assert.Equal(6, hh.Lets.Length);
        Assert.All(hh.Lets, l => Assert.Equal(Dimension.Hertz, l.Symbol.Dimension));   // rate constants alpha_m ... beta_n
        Assert.Equal(new[] { "v", "m", "n", "h", "ge", "gi" }, hh.Odes.Select(o => o.State.Name));
        Assert.Equal("exponential_euler", hh.Method);
        Assert.Empty(hh.Reset);
        Assert.Equal(0.003, Eval(hh.Refractory!.Period), 12);
        Assert.Empty(hh.Refractory.Clamped);     // no reset, so nothing is held by default

        var lif = model.NeuronTypes.Single(t => t.Name == "LIF");
        Assert.Equal(new[] { "v" }, lif.Refractory!.Clamped.Select(c => c.Name)); // reset sets v with '='
        Assert.Equal(-0.07, Eval(lif.FindParameter("El")!.Value), 12);
        Close(250e-12, Eval(lif.FindParameter("C")!.Value));
    }

    [Fact]
    public void DeclarationOrderDoesNotMatter()
    {
        var model = Clean("""
            population P = A[2]
            neuron A {
              state u = 2 * v
              dv/dt = drive / tau
              let drive = -v + u * 0
              state v = El
              param El = -70 mV
              param tau = 10 ms
              threshold v > El + Vt
              param Vt = 15 mV
            }
            """);
        var a = model.NeuronTypes.Single();
        Assert.Equal(new[] { "El", "tau", "Vt" }, a.Parameters.Select(p => p.Symbol.Name));
        Assert.Equal(new[] { "u", "v" }, a.States.Select(s => s.Symbol.Name));
        Assert.Equal(Dimension.Volt, a.FindState("u")!.Symbol.Dimension);
        Assert.Equal(Dimension.Volt, a.Lets.Single().Symbol.Dimension);
        Assert.Equal(Dimension.Volt / Dimension.Second, a.Odes.Single().Rhs.Type.Dimension);
    }

    [Fact]
    public void LetsAreBoundAndTyped()
    {
        var model = Clean("""
            neuron A {
              param g = 10 nS
              param E = 0 mV
              param C = 200 pF
              state v = -65 mV
              let I_syn = g * (E - v)
              let tau_eff = C / g
              dv/dt = I_syn / C + rate
              let rate = 1 mV / tau_eff
            }
            """);
        var a = model.NeuronTypes.Single();
        Assert.Equal(new[] { "I_syn", "tau_eff", "rate" }, a.Lets.Select(l => l.Symbol.Name));
        Assert.Equal(new[] { Dimension.Ampere, Dimension.Second, Dimension.Volt / Dimension.Second }, a.Lets.Select(l => l.Symbol.Dimension));
        Assert.All(a.Lets, l => Assert.Equal(VariableKind.Let, l.Symbol.Kind));
    }

    [Fact]
    public void VariantsReplaceDefaultsAndLeaveTheBaseAlone()
    {
        var model = Clean("""
            import "std/neurons"
            neuron Slow = LIF { tau_m = 20 ms; v = -60 mV }
            neuron Slower = Slow { tau_m = 40 ms }
            neuron Same = LIF
            """);
        BoundNeuronType T(string name) => model.NeuronTypes.Single(t => t.Name == name);
        Assert.Equal(0.01, Eval(T("LIF").FindParameter("tau_m")!.Value), 12);
        Assert.Equal(0.02, Eval(T("Slow").FindParameter("tau_m")!.Value), 12);
        Assert.Equal(0.04, Eval(T("Slower").FindParameter("tau_m")!.Value), 12);
        Assert.Equal(-0.06, Eval(T("Slow").FindState("v")!.Value), 12);
        Assert.Equal(-0.06, Eval(T("Slower").FindState("v")!.Value), 12);    // inherited from Slow
        Assert.IsType<BoundVariable>(T("LIF").FindState("v")!.Value);         // state v = El
        Assert.Equal(T("LIF").FindParameter("C")!.Value, T("Slower").FindParameter("C")!.Value);
        Assert.Equal(T("LIF").Odes.ToArray(), T("Same").Odes.ToArray());
        Assert.Equal(T("LIF").Parameters.ToArray(), T("Same").Parameters.ToArray());
        Assert.Equal(T("LIF").States.ToArray(), T("Same").States.ToArray());
        Assert.Equal("Slow", T("Slow").Name);
        Assert.Equal("test.neuro", T("Slow").Location.Text.FileName);

        var fs = Clean("import \"std/neurons\"\npopulation P = IzhikevichFS[1]").NeuronTypes.Single(t => t.Name == "IzhikevichFS");
        Assert.Equal(100, Eval(fs.FindParameter("a")!.Value), 9);    // 0.1 / ms in SI
        Assert.Equal(2, Eval(fs.FindParameter("d")!.Value), 9);      // 2 mV / ms = 2 V/s
    }

    [Fact]
    public void SynapseVariantsReplaceDefaultsPerProjection()
    {
        var model = Clean("""
            import "std/neurons"
            import "std/synapses"
            synapse Strong = Jump { w = 2 mV }
            population P = Izhikevich[5]
            projection a = P -> P : Strong { connect all_to_all }
            projection b = P -> P : Jump { connect all_to_all; w = 3 mV }
            """);
        var a = model.Projections.Single(p => p.Name == "a");
        Assert.Equal("Strong", a.Synapse.TypeName);
        Assert.Equal(0.002, Eval(a.Synapse.Parameters.Single().Value), 12);
        var b = model.Projections.Single(p => p.Name == "b");
        Assert.Equal(0.0001, Eval(b.Synapse.Parameters.Single().Value), 12);
        Assert.Equal(0.003, Eval(b.Initializers.Single().Value), 12);
        var statement = b.Synapse.OnPre.Single();
        Assert.Equal(("v", VariableSide.Post, AssignmentOperator.AddAssign), (statement.Target.Name, statement.Side, statement.Operator));
    }

    [Fact]
    public void VariantsAreUnitChecked() => Expect("""
        import "std/neurons"
        neuron Bad = LIF { tau_m = «20 mV» }
        """, "NC0201 'tau_m' must have unit s, but this has unit V");

    [Fact]
    public void CubaSampleBinds()
    {
        string path = Repo.Path("samples", "cuba.neuro");
        var result = Binder.Bind(SyntaxTree.Parse(File.ReadAllText(path), path));
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(Describe)));
        Assert.Empty(result.Diagnostics);
        var model = result.Model!;
        Assert.Equal(("cuba", 1UL, Precision.Float32), (model.Settings.Name, model.Settings.Seed, model.Settings.Precision));
        Close(1e-4, model.Settings.Dt);
        Close(1.0, model.Settings.Duration!.Value);
        var type = model.NeuronTypes.Single();
        Assert.Equal("CubaLIF", type.Name);
        Assert.Equal(new[] { "v", "ge", "gi" }, type.States.Select(s => s.Symbol.Name));
        Assert.All(type.States, s => Assert.Equal(Dimension.Volt, s.Symbol.Dimension));
        Assert.IsType<BoundCall>(type.FindState("v")!.Value);
        Assert.Equal("exact", type.Method);
        Assert.Equal(0.005, Eval(type.Refractory!.Period), 12);

        var population = model.Populations.Single();
        Assert.Equal(("P", 4000), (population.Name, population.Size));
        var exc = model.Projections.Single(p => p.Name == "exc");
        Assert.Equal((0, 3200, 0, 4000), (exc.Source.Start, exc.Source.Count, exc.Target.Start, exc.Target.Count));
        Assert.Equal(("fixed_probability", 0.02), (exc.Connectivity.Rule.Name, exc.Connectivity.Arguments["p"]));
        var inh = model.Projections.Single(p => p.Name == "inh");
        Assert.Equal((3200, 800), (inh.Source.Start, inh.Source.Count));
        Assert.Equal(-0.009, Eval(inh.Synapse.Parameters.Single().Value), 12);
        Assert.Null(exc.Delay);
        Assert.True(exc.Autapses);
        Assert.False(exc.Multapses);

        Assert.Collection(model.Recordings,
            r => Assert.IsType<BoundSpikeRecording>(r),
            r => Close(1e-3, Assert.IsType<BoundRateRecording>(r).Bin),
            r =>
            {
                var trace = Assert.IsType<BoundTraceRecording>(r);
                Assert.Equal(("v", 0, 3), (trace.Variable.Name, trace.Slice.Start, trace.Slice.Count));
                Close(1e-4, trace.Interval);
            });
    }

    [Fact]
    public void GlobalParamsAndSetOverrides()
    {
        const string source = """
            param g = 1
            param tau = 10 ms
            param tau2 = 2 * tau
            param n = 3
            neuron A { param t_m = tau2
              state v = 0 mV
              dv/dt = -v / t_m }
            population P = A[n * 2]
            """;
        var plain = Clean(source);
        Close(new[] { 1, 0.01, 0.02, 3 }, plain.Globals.Select(g => g.Evaluated));
        Assert.Equal(6, plain.Populations.Single().Size);

        var set = Clean(source, "g=5", "tau=20 ms", "n = 4");
        Close(new[] { 5, 0.02, 0.04, 4 }, set.Globals.Select(g => g.Evaluated));
        Assert.Equal(8, set.Populations.Single().Size);
        var g = set.Globals.Single(x => x.Symbol.Name == "g");
        Assert.Equal("<command line>", g.Text.FileName);
        Assert.Equal("test.neuro", set.Globals.Single(x => x.Symbol.Name == "tau2").Text.FileName);

        var last = Clean(source, "g=5", "g=7");
        Assert.Equal(7, last.Globals.Single(x => x.Symbol.Name == "g").Evaluated);
    }

    [Fact]
    public void SettingOverrides()
    {
        var model = Clean("model m { dt = 0.1 ms; duration = 2 s }", "dt=0.5 ms", "duration=3 s", "seed=42", "precision=float32");
        Assert.Equal((3.0, 42UL, Precision.Float32), (model.Settings.Duration!.Value, model.Settings.Seed, model.Settings.Precision));
        Close(5e-4, model.Settings.Dt);
        // --set duration wins over a protocol's segments without complaint.
        var withProtocol = Clean("protocol { segment a 1 s }", "duration=5 s");
        Assert.Equal(5.0, withProtocol.Settings.Duration);
        Assert.Equal(1.0, Clean("protocol { segment a 0.25 s; segment b 750 ms }").Settings.Duration!.Value, 12);
        Assert.Equal(1.0, Clean("").Settings.Duration);
    }

    [Fact]
    public void ParameterOverrideParsing()
    {
        var o = ParameterOverride.Parse(" tau = 20 ms")!;
        Assert.Equal("tau", o.Name);
        Assert.Equal(6, o.ValueStart);
        Assert.Equal(" tau = 20 ms", o.Text.Text);
        Assert.Null(ParameterOverride.Parse("tau"));
        Assert.Null(ParameterOverride.Parse("=5"));
    }

    [Fact]
    public void OverridesAreUnitChecked()
    {
        var result = Text("param g = 1\nparam tau = 10 ms\nmodel m { dt = 0.1 ms }", "tau=5", "g=2 mV", "dt=1 mV", "gg=3", "tau2=1", "g=");
        Assert.False(result.Success);
        var described = result.Diagnostics.Select(d => (d.CodeText, d.Location!.Text.Text, d.Location.Text.ToString(d.Location.Span), d.Location.Start.Column, d.Message)).ToList();
        Assert.Contains(("NC0201", "tau=5", "5", 5, "--set tau must have unit s, but this has unit 1"), described);
        Assert.Contains(("NC0201", "dt=1 mV", "1 mV", 4, "the time step dt must have unit s, but this has unit V"), described);
        Assert.Contains(described, d => d is ("NC0902", "gg=3", "gg", 1, _) && d.Message.Contains("did you mean 'g'?"));
        Assert.Contains(described, d => d is ("NC0902", "tau2=1", "tau2", 1, _) && d.Message.Contains("(it can set g, tau, dt, duration, seed, precision); did you mean 'tau'?"));
        // g=2 mV was replaced by the later g=, which has no value: a syntax error at the end of the argument.
        Assert.Contains(("NC0002", "g=", "", 3, result.Diagnostics.Single(d => d.Location!.Text.Text == "g=").Message), described);
        Assert.Equal(5, described.Count);
        Assert.All(result.Diagnostics, d => Assert.Equal("<command line>", d.Location!.Text.FileName));
    }

    [Fact]
    public void OverrideOfADimensionlessParamWithAUnitIsRejected()
    {
        var error = Assert.Single(Text("param g = 1", "g=2 mV").Diagnostics);
        Assert.Equal(("NC0201", "2 mV"), (error.CodeText, error.Location!.Text.ToString(error.Location.Span)));
    }

    [Fact]
    public void ProtocolBindsInTimeOrder()
    {
        var model = Clean(NameErrorTests.Lif + """
            stimulus s = poisson_input(10, 5 Hz, 1 mV) -> P.v
            protocol {
              segment rest 500 ms
              segment drive 1 s { set s.rate = 20 Hz; silence P[0:5] }
              at 100 ms P[0:2].v += 5 mV
              at 50 ms { set P.tau = 20 ms for 10 ms; P.v *= 0.5 }
            }
            """);
        Assert.Equal(1.5, model.Settings.Duration!.Value, 12);
        Assert.Equal(new[] { "rest", "drive" }, model.Protocol.Segments.Select(s => s.Name));
        Close(new[] { 0, 0.5, 0.5, 1.0 }, model.Protocol.Segments.SelectMany(s => new[] { s.Start, s.Duration }));
        var events = model.Protocol.Events;
        Close(new[] { 0.05, 0.05, 0.1, 0.5, 0.5 }, events.Select(e => e.Time));
        Close(0.06, events[0].Until!.Value);
        Assert.Null(events[1].Until);                         // a kick is instantaneous
        Assert.Equal(1.5, events[3].Until!.Value, 12);          // a segment's action holds for the segment
        var rate = Assert.IsType<BoundSetAction>(events[3].Action);
        Assert.IsType<StimulusRateTarget>(rate.Target);
        Assert.Equal(20, rate.Value);
        var silence = Assert.IsType<BoundSilenceAction>(events[4].Action);
        Assert.Equal((0, 5), (silence.Slice.Start, silence.Slice.Count));
        var kick = Assert.IsType<BoundKickAction>(events[2].Action);
        Assert.Equal(2, kick.Target.Slice.Count);
        Close(0.005, kick.Value);
        Assert.Equal(AssignmentOperator.MultiplyAssign, Assert.IsType<BoundKickAction>(events[1].Action).Operator);
    }

    [Fact]
    public void UnitNamesResolveWhenNothingElseHasTheName()
    {
        var units = Clean("param rate = 5 / ms\nparam slope = 2 mV / ms");
        Close(new[] { 5000.0, 2 }, units.Globals.Select(g => g.Evaluated));
        Assert.Equal(new[] { Dimension.Hertz, Dimension.Volt / Dimension.Second }, units.Globals.Select(g => g.Symbol.Dimension));

        // A declared name hides the unit in expressions; a quantity's unit word is always the unit.
        var shadowed = Clean("""
            param rate = 6 / ms
            param ms = 3
            param q = 2 ms
            """);
        Close(new[] { 2, 3, 0.002 }, shadowed.Globals.Select(g => g.Evaluated));
        Assert.Equal(new[] { Dimension.None, Dimension.None, Dimension.Second }, shadowed.Globals.Select(g => g.Symbol.Dimension));
    }

    [Fact]
    public void SpikeGeneratorsAndLayouts()
    {
        var model = Clean("""
            neuron A { state v = 0 mV }
            population G = SpikeGenerator[3] { times = [1 ms, 2 ms, 0 ms]; indices = [0, 2, 1]; period = 10 ms }
            population Grid = A[6] { layout = grid(3, 2, spacing = 10 um); v = 1 mV * x / (1 um) }
            """);
        var g = model.Populations.Single(p => p.Name == "G");
        Assert.True(g.IsSpikeGenerator);
        Assert.Equal(new[] { 0, 2, 1 }, g.SpikeTimes!.Indices);
        Close(0.01, g.SpikeTimes.Period!.Value);
        var grid = model.Populations.Single(p => p.Name == "Grid");
        Assert.Equal(LayoutKind.Grid, grid.Layout!.Kind);
        Close(1e-5, grid.Layout.Spacing);
        Assert.Equal(new[] { 3, 2 }, grid.Layout.Shape);
        Assert.Single(grid.Overrides);
    }
}
