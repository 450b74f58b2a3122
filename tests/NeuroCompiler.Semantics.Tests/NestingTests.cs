using System.Text;
using NeuroCompiler.Core;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Syntax;
using static NeuroCompiler.Semantics.Tests.Bind;

namespace NeuroCompiler.Semantics.Tests;

/// <summary>
/// Definitions that refer to definitions make deep (and large) expressions from shallow text: a let is
/// written out where it is used, and initial values are computed through the values they use. The
/// binder counts those levels (docs/limits.md) and reports NC0004 at the use that crosses
/// <see cref="Limits.MaxNesting"/>, naming the chain; NC0005 where lets written out pass
/// <see cref="Limits.MaxExpandedNodes"/>. The same for variants of variants and for the chains a
/// population's own values make.
/// </summary>
public class NestingTests
{
    private const int Max = Limits.MaxNesting;

    /// <summary>A neuron type with the lets l1 = 1 mV, l2 = l1, ..., l{count}, and a reset that uses «l{used}».</summary>
    private static string AliasLets(int count, int used)
    {
        var text = new StringBuilder("neuron N {\n  state v = 0 mV\n  let l1 = 1 mV\n");
        for (int i = 2; i <= count; i++)
        {
            text.Append($"  let l{i} = l{i - 1}\n");
        }
        text.Append($"  threshold v > 1 V\n  reset {{ v = «l{used}» }}\n}}\n");
        return text.ToString();
    }

    [Fact]
    public void ALetChainAsDeepAsTheLimitBinds()
    {
        // l1000 stands for 999 lets below it; its use in the reset is level 1000.
        var result = Text(AliasLets(Max, Max).Replace("«", "").Replace("»", ""));
        Assert.True(result.Diagnostics.IsEmpty, DiagnosticFormatter.FormatAll(result.Diagnostics));
    }

    [Fact]
    public void OneLetMoreIsReportedAtTheUseWithItsChain() => Expect(AliasLets(Max + 1, Max + 1),
        "NC0004 nested more than 1000 levels deep through the definitions used on the way: " +
        "'l1001' -> 'l1000' -> 'l999' -> ... (995 more) -> 'l3' -> 'l2' -> 'l1' (a use of a let, or of a param or state inside " +
        "another definition's value, is a level, and so is each level of the value it stands for; see docs/limits.md)");

    [Fact]
    public void TenThousandLetsEachUsingThePreviousAreOneDiagnostic()
    {
        // The reported case. l{i} = l{i-1} + 1 mV is two levels deeper than l{i-1}, so l502's use of l501 crosses the limit;
        // every later let is built on it and stays quiet.
        var text = new StringBuilder("neuron N {\n  state v = 0 mV\n  let l1 = 1 mV\n");
        for (int i = 2; i <= 10_000; i++)
        {
            text.Append(i == 502 ? $"  let l{i} = «l{i - 1}» + 1 mV\n" : $"  let l{i} = l{i - 1} + 1 mV\n");
        }
        text.Append("  dv/dt = (l10000 - v) / (10 ms)\n}\npopulation P = N[1]\n");
        Expect(text.ToString(), "NC0004 'l502' -> 'l501' -> 'l500' -> ... ");
    }

    [Fact]
    public void ModelParamsInOrder() => Expect(ParamChain(10_000, crossing: 502, reversed: false), "NC0004 'p502' -> 'p501'");

    [Fact]
    public void ModelParamsInReverseOrderAreBoundedToo()
    {
        // Bound on first use, p9999 needs p9998 needs ... : the levels are counted down the chain as it is
        // bound, and the chain is cut where it passes the limit, once in each segment of 500 params.
        var result = Text(ParamChain(10_000, crossing: null, reversed: true));
        Assert.False(result.Success);
        Assert.All(result.Diagnostics, d => Assert.Equal(ErrorCode.NestingTooDeep, d.Code));
        Assert.InRange(result.Diagnostics.Length, 1, 10_000 / (Max / 2));
        Assert.Contains("'p9999' -> 'p9998' -> 'p9997' -> ...", result.Diagnostics.OrderBy(d => d.Location!.Span.Start).First().Message);
    }

    private static string ParamChain(int count, int? crossing, bool reversed)
    {
        var lines = new List<string> { "param p1 = 1" };
        for (int i = 2; i < count; i++)
        {
            lines.Add(i == crossing ? $"param p{i} = «p{i - 1}» + 1" : $"param p{i} = p{i - 1} + 1");
        }
        if (reversed)
        {
            lines.Reverse();
        }
        return string.Join("\n", lines) + "\n";
    }

    [Fact]
    public void InitialValuesOfParamsAndStatesCountTheirChain() => Expect("""
        neuron N {
          param p1 = 1 mV
        """ + string.Concat(Enumerable.Range(2, Max).Select(i => $"  param p{i} = p{i - 1}\n")) + $$"""
          param q = «p{{Max + 1}}»
          state v = p{{Max}}
        }
        """,
        "NC0004 'q' -> 'p1001' -> 'p1000' -> ...");

    [Fact]
    public void UsesInEquationsReadTheStoredValue()
    {
        // In an equation a param is read where it is stored: its chain of 1000 values does not count there.
        var result = Text("neuron N {\n  param p1 = 1 mV\n" + string.Concat(Enumerable.Range(2, Max - 1).Select(i => $"  param p{i} = p{i - 1}\n")) +
            $"  state v = 0 mV\n  dv/dt = (p{Max} - v) / (10 ms)\n}}\npopulation P = N[1]\n");
        Assert.True(result.Diagnostics.IsEmpty, DiagnosticFormatter.FormatAll(result.Diagnostics));
    }

    [Fact]
    public void APopulationsOwnValuesCanMakeTheChain()
    {
        // Each default alone is one level; the population chains them: q{i} = q{i-1}.
        var type = "neuron N {\n  state v = 0 mV\n" + string.Concat(Enumerable.Range(1, Max + 2).Select(i => $"  param q{i} = 1 mV\n")) + "}\n";
        var settings = string.Concat(Enumerable.Range(2, Max + 1).Select(i => i == Max + 2 ? $"; «q{i} = q{i - 1}»" : $"; q{i} = q{i - 1}"));
        Expect(type + $"population P = N[1] {{ v = 0 mV{settings} }}\n",
            "NC0004 in population 'P', 'q1002' is nested more than 1000 levels deep through the definitions used on the way: 'q1002' -> 'q1001' -> 'q1000' -> ...");
    }

    [Fact]
    public void NeuronVariantsOfVariants()
    {
        string Variants(int count, bool reversed)
        {
            var lines = Enumerable.Range(1, count).Select(i => i == Max + 1 ? $"neuron V{i} = «V{i - 1}»" : $"neuron V{i} = {(i == 1 ? "B" : $"V{i - 1}")}").ToList();
            if (reversed)
            {
                lines.Reverse();
            }
            return "neuron B { state v = 0 mV }\n" + string.Join("\n", lines) + $"\npopulation P = V{count}[1]\n";
        }
        Assert.True(Text(Variants(Max, reversed: false).Replace("«", "").Replace("»", "")).Success);
        const string message = "NC0004 a variant of a variant more than 1000 levels deep: 'V1001' -> 'V1000' -> 'V999' -> ... (996 more) -> 'V2' -> 'V1' -> 'B'";
        Expect(Variants(Max + 1, reversed: false), message);
        Expect(Variants(Max + 1, reversed: true), message);
    }

    [Fact]
    public void SynapseVariantsOfVariants()
    {
        var variants = string.Concat(Enumerable.Range(1, Max + 1).Select(i => $"synapse S{i} = {(i == 1 ? "S" : $"S{i - 1}")}\n"));
        Expect("""
            neuron A { state v = 0 mV }
            synapse S { on_pre { v += 1 mV } }
            population P = A[1]
            """ + "\n" + variants + $"projection ok = P -> P : S{Max} {{ connect all_to_all }}\n" +
            $"projection deep = P -> P : «S{Max + 1}» {{ connect all_to_all }}\n",
            "NC0004 a variant of a variant more than 1000 levels deep: 'S1001' -> 'S1000'");
    }

    [Fact]
    public void LetsThatDoubleAtEachStepAreTooLargeOnceWrittenOut()
    {
        // l{i} = l{i-1} * l{i-1}: 15 lets would write out 2^16 uses; the second use of l14 passes the limit.
        var lets = string.Concat(Enumerable.Range(1, 14).Select(i => $"  let l{i} = l{i - 1} * l{i - 1}\n"));
        Expect("neuron N {\n  state v = 0\n  let l0 = v\n" + lets + "  let l15 = l14 * «l14»\n  dv/dt = -l15 / (10 ms)\n}\n",
            "NC0005 too large once its lets are written out: more than 100,000 nodes (each use of a let is replaced by its whole value, " +
            "and this use of 'l14' adds 65,533; see docs/limits.md)");
    }

    [Fact]
    public void BindingDoesNotDependOnTheCallersStack()
    {
        var tree = SyntaxTree.Parse(AliasLets(Max, Max).Replace("«", "").Replace("»", ""), FileName);
        BindResult? result = null;
        var thread = new Thread(() => result = Binder.Bind(tree), 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.True(result!.Diagnostics.IsEmpty);
    }
}
