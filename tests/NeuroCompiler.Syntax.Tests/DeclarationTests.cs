using static NeuroCompiler.Syntax.Tests.Support;

namespace NeuroCompiler.Syntax.Tests;

/// <summary>Each top-level construct of the grammar parses into the expected nodes, with exact spans.</summary>
public class DeclarationTests
{
    [Fact]
    public void Import()
    {
        var tree = ParseClean("import \"std/neurons\"\nimport \"lib/mine.neuro\";");
        Assert.Equal(2, tree.Root.Declarations.Length);
        var first = Assert.IsType<ImportSyntax>(tree.Root.Declarations[0]);
        Assert.Equal("std/neurons", first.Path.Value);
        Assert.Equal("\"std/neurons\"", Text(tree, first.Path));
        Assert.Equal("import \"std/neurons\"", Text(tree, first));
        Assert.Equal("lib/mine.neuro", Assert.IsType<ImportSyntax>(tree.Root.Declarations[1]).Path.Value);
    }

    [Fact]
    public void ModelBlockWithSettings()
    {
        var tree = ParseClean("model cuba {\n  dt = 0.1 ms\n  duration = 1 s; seed = 1\n  precision = float32\n}");
        var model = Assert.IsType<ModelSyntax>(Assert.Single(tree.Root.Declarations));
        Assert.Equal("cuba", model.Name.Text);
        Assert.Equal(new[] { "dt", "duration", "seed", "precision" }, model.Settings.Select(s => s.Name.Text));
        Assert.Equal(new[] { "0.1[ms]", "1[s]", "1", "float32" }, model.Settings.Select(s => Sexp(s.Value)));
        Assert.Equal("dt = 0.1 ms", Text(tree, model.Settings[0]));
        Assert.Equal("dt", Text(tree, model.Settings[0].Name));
        Assert.Equal(0, model.Span.Start);
        Assert.Equal(tree.Text.Length, model.Span.End);
    }

    [Fact]
    public void EmptyFileAndEmptyBlocks()
    {
        Assert.Empty(ParseClean("").Root.Declarations);
        Assert.Empty(ParseClean("  // only a comment\n/* and a block\n comment */\n").Root.Declarations);
        Assert.Empty(Single<ModelSyntax>("model m {}").Settings);
        Assert.Empty(Single<NeuronTypeSyntax>("neuron N { }").Members);
        Assert.Empty(Assert.IsType<ProtocolSyntax>(Assert.Single(ParseClean("protocol { }").Root.Declarations)).Items);
    }

    [Fact]
    public void GlobalParam()
    {
        var tree = ParseClean("param g_max = 5 nS; param n = 3");
        var g = Assert.IsType<GlobalParamSyntax>(tree.Root.Declarations[0]);
        Assert.Equal("g_max", g.Name.Text);
        Assert.Equal("5[nS]", Sexp(g.Value));
        Assert.Equal("param g_max = 5 nS;", Text(tree, g)); // the optional ';' belongs to the declaration
        Assert.Equal("5 nS", Text(tree, g.Value));
        Assert.Equal("3", Sexp(Assert.IsType<GlobalParamSyntax>(tree.Root.Declarations[1]).Value));
    }

    [Fact]
    public void NeuronTypeWithEveryMemberKind()
    {
        const string source = """
            neuron LIF {
              param tau = 10 ms
              state v = -65 mV
              let I_syn = g * (E - v)
              dv/dt = (El - v) / tau
              method exact
              threshold v > Vt
              reset { v = Vr; w += b }
              refractory 2 ms clamp v, w
            }
            """;
        var tree = ParseClean(source);
        var neuron = Assert.IsType<NeuronTypeSyntax>(Assert.Single(tree.Root.Declarations));
        Assert.Equal("LIF", neuron.Name.Text);
        Assert.Equal(8, neuron.Members.Length);

        var param = Assert.IsType<ParamMemberSyntax>(neuron.Members[0]);
        Assert.Equal(("tau", "10[ms]"), (param.Name.Text, Sexp(param.Value!)));
        Assert.Equal("param tau = 10 ms", Text(tree, param));

        var state = Assert.IsType<StateMemberSyntax>(neuron.Members[1]);
        Assert.Equal(("v", "(neg 65[mV])"), (state.Name.Text, Sexp(state.Value)));

        var let = Assert.IsType<LetMemberSyntax>(neuron.Members[2]);
        Assert.Equal(("I_syn", "(* g (- E v))"), (let.Name.Text, Sexp(let.Value)));

        var ode = Assert.IsType<OdeMemberSyntax>(neuron.Members[3]);
        Assert.Equal(("dv", "dt"), (ode.Derivative.Text, ode.Time.Text));
        Assert.Equal("v", ode.StateName.Text);
        Assert.Equal("v", tree.Text.ToString(ode.StateName.Span));
        Assert.Equal("(/ (- El v) tau)", Sexp(ode.Rhs));
        Assert.Equal("dv/dt = (El - v) / tau", Text(tree, ode));

        var method = Assert.IsType<MethodMemberSyntax>(neuron.Members[4]);
        Assert.Equal("exact", method.Method.Text);

        var threshold = Assert.IsType<ThresholdMemberSyntax>(neuron.Members[5]);
        Assert.Equal("(> v Vt)", Sexp(threshold.Condition));

        var reset = Assert.IsType<ResetMemberSyntax>(neuron.Members[6]);
        Assert.Equal("{ v = Vr; w += b }", Text(tree, reset.Body));
        Assert.Equal(2, reset.Body.Statements.Length);
        Assert.Equal(AssignmentOperator.Assign, reset.Body.Statements[0].Operator);
        Assert.Equal("v", reset.Body.Statements[0].Target.Owner.Name.Text);
        Assert.Null(reset.Body.Statements[0].Target.Member);
        Assert.Equal("Vr", Sexp(reset.Body.Statements[0].Value));
        Assert.Equal(AssignmentOperator.AddAssign, reset.Body.Statements[1].Operator);
        Assert.Equal("+=", tree.Text.ToString(reset.Body.Statements[1].OperatorSpan));
        Assert.Equal("w += b", Text(tree, reset.Body.Statements[1]));

        var refractory = Assert.IsType<RefractoryMemberSyntax>(neuron.Members[7]);
        Assert.Equal("2[ms]", Sexp(refractory.Period));
        Assert.True(refractory.HasClampList);
        Assert.Equal(new[] { "v", "w" }, refractory.Clamped.Select(c => c.Text));
    }

    [Fact]
    public void OdeOnALongerStateName()
    {
        var ode = Assert.IsType<OdeMemberSyntax>(Single<NeuronTypeSyntax>("neuron N { dIe/dt = -Ie / tau_e }").Members.Single());
        Assert.Equal("dIe", ode.Derivative.Text);
        Assert.Equal("Ie", ode.StateName.Text);
        Assert.Equal(ode.Derivative.Span.Start + 1, ode.StateName.Span.Start);
        Assert.Equal(2, ode.StateName.Span.Length);
        Assert.Equal("(/ (neg Ie) tau_e)", Sexp(ode.Rhs));
    }

    [Fact]
    public void RefractoryWithoutClamp()
    {
        var refractory = Assert.IsType<RefractoryMemberSyntax>(Single<NeuronTypeSyntax>("neuron N { refractory t_ref }").Members.Single());
        Assert.False(refractory.HasClampList);
        Assert.Empty(refractory.Clamped);
        Assert.Equal("t_ref", Sexp(refractory.Period));
    }

    [Fact]
    public void MembersWithoutSeparatorsOnOneLineAndSemicolons()
    {
        var neuron = Single<NeuronTypeSyntax>("neuron N { param a = 1; param b = a * 2; state v = 0 mV dv/dt = -v / b }");
        Assert.Equal(new[] { typeof(ParamMemberSyntax), typeof(ParamMemberSyntax), typeof(StateMemberSyntax), typeof(OdeMemberSyntax) },
            neuron.Members.Select(m => m.GetType()));
        Assert.Equal("(* a 2)", Sexp(((ParamMemberSyntax)neuron.Members[1]).Value!));
    }

    [Fact]
    public void SynapseTypeWithHandlers()
    {
        const string source = """
            synapse STDP {
              param w = 1 nS
              state apre = 0
              dapre/dt = -apre / taupre
              on_pre { ge += w; apre += 1; w = clip(w + apost, 0 nS, wmax) }
              on_post { post.v -= 1 mV; w *= 0.5; w /= 2 }
            }
            """;
        var tree = ParseClean(source);
        var synapse = Assert.IsType<SynapseTypeSyntax>(Assert.Single(tree.Root.Declarations));
        Assert.Equal("STDP", synapse.Name.Text);
        var pre = Assert.IsType<EventHandlerMemberSyntax>(synapse.Members[3]);
        Assert.Equal(SynapticEvent.Pre, pre.Event);
        Assert.Equal("on_pre", tree.Text.ToString(pre.KeywordSpan));
        Assert.Equal(3, pre.Body.Statements.Length);
        Assert.Equal("clip((+ w apost), 0[nS], wmax)", Sexp(pre.Body.Statements[2].Value));

        var post = Assert.IsType<EventHandlerMemberSyntax>(synapse.Members[4]);
        Assert.Equal(SynapticEvent.Post, post.Event);
        Assert.Equal("on_post", tree.Text.ToString(post.KeywordSpan));
        var kick = post.Body.Statements[0];
        Assert.Equal("post", kick.Target.Owner.Name.Text);
        Assert.Equal("v", kick.Target.Member!.Text);
        Assert.Equal("post.v", Text(tree, kick.Target));
        Assert.Equal(new[] { AssignmentOperator.SubtractAssign, AssignmentOperator.MultiplyAssign, AssignmentOperator.DivideAssign },
            post.Body.Statements.Select(s => s.Operator));
    }

    [Fact]
    public void TypeVariants()
    {
        var tree = ParseClean("neuron FS = Izhikevich { a = 0.1 / ms; d = 2 mV / ms }\nneuron Plain = LIF\nsynapse Strong = Jump { w = 1 mV }");
        var fs = Assert.IsType<TypeVariantSyntax>(tree.Root.Declarations[0]);
        Assert.True(fs.IsNeuron);
        Assert.Equal(("FS", "Izhikevich"), (fs.Name.Text, fs.Base.Text));
        Assert.Equal(new[] { "a", "d" }, fs.Settings.Select(s => s.Name.Text));
        Assert.Equal("(/ 0.1 ms)", Sexp(fs.Settings[0].Value));
        Assert.Equal("(/ 2[mV] ms)", Sexp(fs.Settings[1].Value));

        var plain = Assert.IsType<TypeVariantSyntax>(tree.Root.Declarations[1]);
        Assert.True(plain.IsNeuron);
        Assert.Empty(plain.Settings);
        Assert.Equal("neuron Plain = LIF", Text(tree, plain));

        var strong = Assert.IsType<TypeVariantSyntax>(tree.Root.Declarations[2]);
        Assert.False(strong.IsNeuron);
        Assert.Equal(("Strong", "Jump"), (strong.Name.Text, strong.Base.Text));
    }

    [Fact]
    public void PopulationWithSettings()
    {
        var tree = ParseClean("population E = LIF[N_E * 4] { v = uniform(-70 mV, -50 mV); layout = grid(10, 10, spacing = 20 um) }");
        var population = Assert.IsType<PopulationSyntax>(Assert.Single(tree.Root.Declarations));
        Assert.Equal(("E", "LIF"), (population.Name.Text, population.Type.Text));
        Assert.Equal("(* N_E 4)", Sexp(population.Size));
        Assert.Equal("N_E * 4", Text(tree, population.Size));
        Assert.Equal(new[] { "v", "layout" }, population.Settings.Select(s => s.Name.Text));
        Assert.Equal("uniform((neg 70[mV]), (neg 50[mV]))", Sexp(population.Settings[0].Value));
        Assert.Equal("grid(10, 10, spacing=20[um])", Sexp(population.Settings[1].Value));

        var bare = Single<PopulationSyntax>("population P = CubaLIF[4000]");
        Assert.Empty(bare.Settings);
        Assert.Equal("4000", Sexp(bare.Size));
    }

    [Fact]
    public void ProjectionWithConnectAndSettings()
    {
        var tree = ParseClean("projection ee = E[0:10] -> I[:5] : Exc {\n  connect fixed_probability(p = 0.1)\n  delay = 1.5 ms; w = 2 nS\n}");
        var projection = Assert.IsType<ProjectionSyntax>(Assert.Single(tree.Root.Declarations));
        Assert.Equal(("ee", "Exc"), (projection.Name.Text, projection.Synapse.Text));

        Assert.Equal("E[0:10]", Text(tree, projection.Source));
        Assert.Equal("E", projection.Source.Name.Text);
        var sourceSlice = projection.Source.Slice!;
        Assert.True(sourceSlice.IsRange);
        Assert.Equal(("0", "10"), (Sexp(sourceSlice.Start!), Sexp(sourceSlice.Stop!)));
        Assert.Equal("0:10", Text(tree, sourceSlice));

        var targetSlice = projection.Target.Slice!;
        Assert.True(targetSlice.IsRange);
        Assert.Null(targetSlice.Start);
        Assert.Equal("5", Sexp(targetSlice.Stop!));

        var connect = Assert.Single(projection.Connects);
        Assert.Equal("fixed_probability(p=0.1)", Sexp(connect.Rule));
        Assert.Equal("connect fixed_probability(p = 0.1)", Text(tree, connect));
        Assert.Equal(new[] { "delay", "w" }, projection.Settings.Select(s => s.Name.Text));
        Assert.Equal(new[] { "1.5[ms]", "2[nS]" }, projection.Settings.Select(s => Sexp(s.Value)));
    }

    [Fact]
    public void ProjectionWithoutBlockAndWithBareRule()
    {
        var tree = ParseClean("projection a = P -> P : S\nprojection b = P -> P : S { connect all_to_all }");
        var a = Assert.IsType<ProjectionSyntax>(tree.Root.Declarations[0]);
        Assert.Empty(a.Connects);
        Assert.Null(a.Source.Slice);
        var b = Assert.IsType<ProjectionSyntax>(tree.Root.Declarations[1]);
        Assert.IsType<NameExpressionSyntax>(Assert.Single(b.Connects).Rule);
    }

    [Theory]
    [InlineData("E[0:10]", true, "0", "10")]
    [InlineData("E[:5]", true, null, "5")]
    [InlineData("E[5:]", true, "5", null)]
    [InlineData("E[:]", true, null, null)]
    [InlineData("E[3]", false, "3", null)]
    [InlineData("E[n - 1]", false, "(- n 1)", null)]
    [InlineData("E[a:a + 2]", true, "a", "(+ a 2)")]
    public void Slices(string reference, bool isRange, string? start, string? stop)
    {
        var tree = ParseClean($"record spikes {reference}");
        var group = Assert.IsType<RecordGroupSyntax>(Assert.Single(tree.Root.Declarations));
        var population = Assert.Single(group.Populations);
        Assert.Equal(reference, Text(tree, population));
        var slice = population.Slice!;
        Assert.Equal(isRange, slice.IsRange);
        Assert.Equal(start, slice.Start is null ? null : Sexp(slice.Start));
        Assert.Equal(stop, slice.Stop is null ? null : Sexp(slice.Stop));
        Assert.Equal(reference[2..^1], Text(tree, slice));
    }

    [Fact]
    public void Stimulus()
    {
        var tree = ParseClean("stimulus drive = poisson_input(n = 100, rate = 5 Hz, weight = 0.1 mV) -> E.v, I[0:3].v");
        var stimulus = Assert.IsType<StimulusSyntax>(Assert.Single(tree.Root.Declarations));
        Assert.Equal("drive", stimulus.Name.Text);
        Assert.Equal("poisson_input(n=100, rate=5[Hz], weight=0.1[mV])", Sexp(stimulus.Source));
        Assert.Equal(new[] { "n", "rate", "weight" }, stimulus.Source.Arguments.Select(a => a.Name!.Text));
        Assert.Equal(new[] { "E.v", "I[0:3].v" }, stimulus.Targets.Select(t => Text(tree, t)));
        Assert.Equal(("I", "v"), (stimulus.Targets[1].Owner.Name.Text, stimulus.Targets[1].Member!.Text));
        Assert.Empty(stimulus.Settings);

        var positional = Single<StimulusSyntax>("stimulus s = step(100 ms, 200 ms, 0.5 nA) -> E.I { extra = 1 }");
        Assert.All(positional.Source.Arguments, a => Assert.Null(a.Name));
        Assert.Equal("extra", Assert.Single(positional.Settings).Name.Text);
    }

    [Fact]
    public void ProtocolItemsAndActions()
    {
        const string source = """
            protocol {
              segment baseline 1 s
              segment stim 500 ms { set drive.rate = 20 Hz; silence I }
              at 2 s { E[0:10].v += 5 mV; set g = 2 nS for 100 ms }
              at 3 s set E.I = 1 nA for 10 ms
              at 4 s silence E[:50] for 20 ms
              at 5 s E.v -= 1 mV
            }
            """;
        var tree = ParseClean(source);
        var protocol = Assert.IsType<ProtocolSyntax>(Assert.Single(tree.Root.Declarations));
        Assert.Equal(6, protocol.Items.Length);

        var baseline = Assert.IsType<SegmentSyntax>(protocol.Items[0]);
        Assert.Equal(("baseline", "1[s]"), (baseline.Name.Text, Sexp(baseline.Duration)));
        Assert.Empty(baseline.Actions);

        var stim = Assert.IsType<SegmentSyntax>(protocol.Items[1]);
        Assert.Equal("500[ms]", Sexp(stim.Duration));
        var set = Assert.IsType<SetActionSyntax>(stim.Actions[0]);
        Assert.Equal("drive.rate", Text(tree, set.Target));
        Assert.Equal("20[Hz]", Sexp(set.Value));
        Assert.Null(set.Duration);
        var silence = Assert.IsType<SilenceActionSyntax>(stim.Actions[1]);
        Assert.Equal("I", silence.Population.Name.Text);
        Assert.Null(silence.Duration);

        var block = Assert.IsType<AtSyntax>(protocol.Items[2]);
        Assert.Equal("2[s]", Sexp(block.Time));
        var kick = Assert.IsType<KickActionSyntax>(block.Actions[0]);
        Assert.Equal(AssignmentOperator.AddAssign, kick.Operator);
        Assert.Equal("E[0:10].v", Text(tree, kick.Target));
        Assert.Equal("5[mV]", Sexp(kick.Value));
        var timedSet = Assert.IsType<SetActionSyntax>(block.Actions[1]);
        Assert.Equal("g", timedSet.Target.Owner.Name.Text);
        Assert.Null(timedSet.Target.Member);
        Assert.Equal("100[ms]", Sexp(timedSet.Duration!));

        var single = Assert.IsType<AtSyntax>(protocol.Items[3]);
        var singleSet = Assert.IsType<SetActionSyntax>(Assert.Single(single.Actions));
        Assert.Equal(("1[nA]", "10[ms]"), (Sexp(singleSet.Value), Sexp(singleSet.Duration!)));
        Assert.Equal("set E.I = 1 nA for 10 ms", Text(tree, singleSet));

        var timedSilence = Assert.IsType<SilenceActionSyntax>(Assert.Single(Assert.IsType<AtSyntax>(protocol.Items[4]).Actions));
        Assert.Equal("E[:50]", Text(tree, timedSilence.Population));
        Assert.Equal("20[ms]", Sexp(timedSilence.Duration!));

        var lone = Assert.IsType<KickActionSyntax>(Assert.Single(Assert.IsType<AtSyntax>(protocol.Items[5]).Actions));
        Assert.Equal(AssignmentOperator.SubtractAssign, lone.Operator);
    }

    [Fact]
    public void RecordForms()
    {
        var tree = ParseClean("record spikes E, I[0:50]\nrecord rate E every 1 ms\nrecord E[0:5].v, E[0:5].ge every 0.5 ms\nrecord P.v");
        var spikes = Assert.IsType<RecordGroupSyntax>(tree.Root.Declarations[0]);
        Assert.Equal("spikes", spikes.Kind.Text);
        Assert.Equal(new[] { "E", "I[0:50]" }, spikes.Populations.Select(p => Text(tree, p)));
        Assert.Null(spikes.Every);

        var rate = Assert.IsType<RecordGroupSyntax>(tree.Root.Declarations[1]);
        Assert.Equal("rate", rate.Kind.Text);
        Assert.Equal("1[ms]", Sexp(rate.Every!));

        var traces = Assert.IsType<RecordTraceSyntax>(tree.Root.Declarations[2]);
        Assert.Equal(new[] { "E[0:5].v", "E[0:5].ge" }, traces.Variables.Select(v => Text(tree, v)));
        Assert.Equal(new[] { "v", "ge" }, traces.Variables.Select(v => v.Member!.Text));
        Assert.Equal("0.5[ms]", Sexp(traces.Every!));

        var one = Assert.IsType<RecordTraceSyntax>(tree.Root.Declarations[3]);
        Assert.Null(one.Every);
        Assert.Equal("P.v", Text(tree, Assert.Single(one.Variables)));
    }

    [Fact]
    public void DeclarationSpansCoverTheirText()
    {
        const string source = "neuron N { state v = 0 mV }\n\n// comment\npopulation P = N[3] { v = 1 mV }\n";
        var tree = ParseClean(source);
        Assert.Equal(new[] { "neuron N { state v = 0 mV }", "population P = N[3] { v = 1 mV }" },
            tree.Root.Declarations.Select(d => Text(tree, d)));
        Assert.Equal(new Core.Text.TextSpan(0, source.Length), tree.Root.Span);
    }

    [Fact]
    public void SamplesAndStandardLibraryParseWithoutErrors()
    {
        foreach (var (name, text) in Repo.SampleFiles)
        {
            var tree = SyntaxTree.Parse(text, name);
            Assert.True(tree.Diagnostics.IsEmpty, name + ":\n" + Core.Diagnostics.DiagnosticFormatter.FormatAll(tree.Diagnostics));
            Assert.NotEmpty(tree.Root.Declarations);
        }
        var cuba = SyntaxTree.Parse(File.ReadAllText(Repo.Path("samples", "cuba.neuro")));
        Assert.Equal(
            new[] { "Model", "NeuronType", "SynapseType", "SynapseType", "Population", "Projection", "Projection", "RecordGroup", "RecordGroup", "RecordTrace" },
            cuba.Root.Declarations.Select(d => d.GetType().Name.Replace("Syntax", "")));
    }

    [Fact]
    public void Task()
    {
        var tree = ParseClean("task recall_a at 250 ms for 150 ms: E[25:50] > E[75:100]");
        var task = Assert.IsType<TaskSyntax>(Assert.Single(tree.Root.Declarations));
        Assert.Equal("recall_a", task.Name.Text);
        Assert.Equal("250[ms]", Sexp(task.Time));
        Assert.Equal("150[ms]", Sexp(task.Duration));
        Assert.Equal("E[25:50]", Text(tree, task.Target));
        Assert.Equal("E[75:100]", Text(tree, task.Reference));
        Assert.Equal(tree.Text.Length, task.Span.End);
    }
}
