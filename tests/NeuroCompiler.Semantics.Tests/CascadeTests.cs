using NeuroCompiler.Core.Text;
using NeuroCompiler.Semantics.Binding;
using NeuroCompiler.Syntax;
using static NeuroCompiler.Semantics.Tests.Bind;
using static NeuroCompiler.Semantics.Tests.NameErrorTests;

namespace NeuroCompiler.Semantics.Tests;

/// <summary>One mistake gives one diagnostic; independent mistakes are all reported in one run.</summary>
public class CascadeTests
{
    [Fact]
    public void OneUnknownUnitInAParamUsedEverywhereGivesOneDiagnostic() => Expect("""
        neuron A {
          param El = -70 «mVolts»
          param tau = 10 ms
          state v = El
          let drive = (El - v) / tau
          dv/dt = drive
          threshold v > El + 15 mV
          reset { v = El }
          refractory 2 ms
        }
        population P = A[10] { El = -65 mV; v = -70 mV }
        synapse S { param w = 1 mV
          on_pre { v += w } }
        projection p = P -> P : S { connect fixed_probability(0.1) }
        stimulus s = poisson_input(10, 5 Hz, 1 mV) -> P.v
        record P.v, P.El
        protocol { at 1 s set P.El = -60 mV }
        """, "NC0202 unknown unit 'mVolts'");

    [Fact]
    public void OneUnknownNeuronTypeGivesOneDiagnostic() => Expect("""
        population P = «LIF»[10] { v = 1 mV }
        neuron A { state v = 0 mV }
        synapse S { param w = 1 mV
          on_pre { v += w } }
        projection p = P -> P : S { connect fixed_indegree(5) }
        projection q = P[0:5] -> P[5:] : S { connect one_to_one }
        stimulus s = poisson_input(10, 5 Hz, 1 mV) -> P.v
        record spikes P
        record P[0:3].v
        protocol { at 1 s silence P; at 2 s P.v += 1 mV }
        """, "NC0103 unknown neuron type 'LIF'");

    [Fact]
    public void OneBadGlobalParamGivesOneDiagnostic() => Expect("""
        param n = 10 «neurons»
        param p = n / 100
        neuron A { state v = 0 mV }
        synapse S { param w = 1 mV
          on_pre { v += w } }
        population P = A[n]
        projection a = P -> P : S { connect fixed_probability(p) }
        projection b = P -> P : S { connect fixed_indegree(n) }
        """, "NC0202 unknown unit 'neurons'");

    [Fact]
    public void AnErrorInASynapseTypeUsedByTwoProjectionsIsReportedOnce() => Expect(Lif + """
        synapse S { param w = 1 nS
          on_pre { ge += «ww» } }
        projection a = P -> P : S { connect all_to_all }
        projection b = P[0:5] -> P : S { connect all_to_all }
        """, "NC0101 unknown name 'ww'; did you mean 'w'?");

    [Fact]
    public void AFailedLetIsReportedOnceWhereItIsDefined() => Expect("""
        neuron A {
          param tau = 10 ms
          state v = 0 mV
          let I = v / «R»
          dv/dt = (I * 1 Ohm - v) / tau
          threshold I > 1 nA
        }
        """, "NC0101 unknown name 'R'");

    [Fact]
    public void ACycleIsReportedOnceNotAtEveryUse() => Expect("""
        neuron A {
          param «a» = b
          param b = a
          state v = 0 mV
          dv/dt = -v / a + b * 0 mV
          threshold v > b
        }
        population P = A[2] { a = 1 ms }
        """, "NC0304 'a' is defined in terms of itself: 'a' -> 'b' -> 'a'");

    [Fact]
    public void AMisspelledArgumentNameIsNotAlsoReportedMissing() => Expect(LifWithSynapse + """
        projection a = P -> P : S { connect fixed_probability(«pp» = 0.1) }
        stimulus s = poisson_input(n = 10, «rat» = 5 Hz, weight = 1 mV) -> P.v
        stimulus t = poisson_input(n = 10, «5 Hz», weight = 1 mV) -> P.v
        """,
        "NC0117 'fixed_probability' has no argument 'pp' (it takes p); did you mean 'p'?",
        "NC0117 'poisson_input' has no argument 'rat' (it takes n, rate, weight); did you mean 'rate'?",
        "NC0002 a positional argument cannot follow a named one");

    [Fact]
    public void ABadSpikeTimesListIsNotAlsoReportedMissing() => Expect("""
        population G = SpikeGenerator[2] { times = [1 ms, «2 mV»] }
        population H = SpikeGenerator[2] { times = [1 ms, 2 ms]; indices = «[0 s, 1 s]» }
        """, "NC0201 list items must all have one unit", "NC0201 spike indices must have unit 1");

    [Fact]
    public void ASyntaxErrorDoesNotAlsoGiveBindingErrors()
    {
        // Error recovery drops `state` and reads `v` as the value of x: no "unknown name 'v'" on top.
        var result = Text("neuron A {\n  param x =\n  state v = 0 mV\n}\npopulation P = A[1]\nparam ok = 1 mV");
        Assert.All(result.Diagnostics, d => Assert.Equal("NC0002", d.CodeText));
        Assert.Equal(2, result.Diagnostics.Length);
        Assert.False(result.Success);
    }

    [Fact]
    public void ErrorsOutsideTheBrokenDeclarationAreStillReported()
    {
        var result = Text("neuron A {\n  param x =\n}\nparam ok = 1 mVV\npopulation P = B[1]");
        Assert.Equal(new[] { "NC0002", "NC0202", "NC0103" }, result.Diagnostics.Select(d => d.CodeText));
    }

    [Fact]
    public void AllIndependentErrorsInAFileAreReportedInOneRun() => Expect("""
        import «"std/nothing"»
        model m { dt = 0.1 ms; «dtt» = 1 }
        param g = 5 «nSS»
        neuron A {
          param tau = 10 ms
          state v = 0 mV
          dv/dt = «v»
          method «rk5»
          threshold v > 1 «mVV»
          reset { «tau» = 1 ms }
        }
        synapse S {
          param w = 1 mV
          «threshold» w > 0 mV
          on_pre { v += «w * w» }
        }
        population P = A[«-1»]
        population Q = A[10]
        projection p = Q -> Q : S { connect fixed_probability(«2») }
        projection q = Q -> Q : S { connect «fixed_prob»(0.1) }
        record spikes Q[«11»]
        record «spike» Q
        """,
        "NC0105", "NC0107", "NC0202", "NC0203", "NC0110", "NC0202", "NC0116", "NC0106", "NC0201", "NC0301", "NC0302", "NC0111",
        "NC0308", "NC0113");

    [Fact]
    public void ImportsAndImportCycles()
    {
        var files = new Dictionary<string, string>
        {
            ["a"] = "import \"b\"\nneuron FromA { state v = 0 mV }",
            ["b"] = "import \"a\"\nparam fromB = 3",
            ["bad"] = "neuron Bad { state v = 0 mVV }\npopulation Nope = Bad[1]",
        };
        var resolver = new MemoryResolver(files);
        var tree = SyntaxTree.Parse("import \"a\"\nimport \"bad\"\npopulation P = FromA[fromB]", "test.neuro");
        var result = Binder.Bind(tree, new BindOptions(Array.Empty<ParameterOverride>(), resolver));
        var described = result.Diagnostics.Select(Describe).ToList();
        Assert.Equal(3, described.Count);
        // The cycle is reported in the file that closes it, at the import's string.
        Assert.Contains(result.Diagnostics, d => d.CodeText == "NC0115" && d.Location!.Text.FileName == "b" &&
            d.Location.Span == new TextSpan(7, 3) && d.Message == "import \"a\" imports itself through a cycle");
        Assert.Contains(result.Diagnostics, d => d.CodeText == "NC0202" && d.Location!.Text.FileName == "bad" && d.Location.Span == new TextSpan(files["bad"].IndexOf("mVV", StringComparison.Ordinal), 3));
        Assert.Contains(result.Diagnostics, d => d.CodeText == "NC0106" && d.Location!.Text.FileName == "bad" &&
            d.Message == "an imported file may only define neuron types, synapse types and params");
    }

    [Fact]
    public void AnImportedFileDefinesTypesAndParamsForTheMainFile()
    {
        var resolver = new MemoryResolver(new Dictionary<string, string> { ["lib"] = "param n = 4\nneuron N { state v = 0 mV }" });
        var tree = SyntaxTree.Parse("import \"lib\"\nimport \"lib\"\npopulation P = N[n]", "test.neuro");
        var result = Binder.Bind(tree, new BindOptions(Array.Empty<ParameterOverride>(), resolver));
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(Describe)));
        Assert.Equal(4, result.Model!.Populations.Single().Size);
    }

    internal const string LifWithSynapse = Lif + "synapse S { param w = 1 nS\n  on_pre { ge += w } }\n";

    private sealed class MemoryResolver(Dictionary<string, string> files) : SourceResolver
    {
        public override ImportResolution Resolve(string path, SourceText importer) =>
            files.TryGetValue(path, out var text) ? ImportResolution.Found(SourceText.From(text, path), path) : ImportResolution.NotFound;
    }
}
