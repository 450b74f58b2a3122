using CsCheck;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Tests;

/// <summary>
/// Property tests: binding any edit of a real model never throws, every diagnostic lies within its
/// text, and a model is returned exactly when there is no error.
/// </summary>
public class BinderFuzzTests
{
    private static readonly string[] Seeds =
    {
        File.ReadAllText(Repo.Path("samples", "cuba.neuro")),
        """
        import "std/neurons"
        import "std/synapses"
        model m { dt = 0.1 ms; duration = 2 s; seed = 7 }
        param n = 20
        param rate = 5 Hz
        neuron Noisy = LIF { tau_m = 20 ms }
        population E = Noisy[n * 4] { v = uniform(-70 mV, -55 mV) }
        population I = LIF[n]
        population G = SpikeGenerator[2] { times = [1 ms, 2 ms]; indices = [0, 1] }
        projection ee = E[0:40] -> E : CurrentExc { connect fixed_indegree(5); delay = 1.5 ms; w = uniform(5 pA, 15 pA) }
        projection ie = I -> E[:10] : CurrentInh { connect fixed_probability(0.2) }
        projection ge = G -> I : CurrentExc { connect all_to_all }
        stimulus drive = poisson_input(n = 100, rate = rate, weight = 1 pA) -> E.Ie, I.Ie
        stimulus step = step(100 ms, 200 ms, 0.5 nA) -> E[0:5].I
        protocol {
          segment rest 1 s
          segment stim 1 s { set drive.rate = 20 Hz; silence I }
          at 1.5 s { E[0:10].v += 5 mV; set E.tau_m = 30 ms for 100 ms }
        }
        record spikes E, I[0:5]
        record rate E every 1 ms
        record E[0:3].v, E[0:3].Ie every 0.5 ms
        """,
        """
        neuron Adapt {
          param tau = 10 ms
          param a = 2 nS
          param sigma = 1 mV
          state v = -65 mV
          state w = 0 pA
          let I = a * (v + 65 mV)
          dv/dt = -(v + 65 mV) / tau - w / (100 pF) + sigma * xi / sqrt(tau)
          dw/dt = (I - w) / (100 ms)
          method euler_maruyama
          threshold v > -50 mV
          reset { v = -65 mV; w += 10 pA }
          refractory 2 ms clamp v
        }
        synapse Plastic {
          param w = 1 mV
          state apre = 0
          dapre/dt = -apre / (20 ms)
          on_pre { v += w; apre += 1 }
          on_post { w = clip(w + 0.1 mV * apre, 0 mV, 5 mV) }
        }
        population P = Adapt[10] { layout = grid(5, 2, spacing = 10 um) }
        projection p = P -> P : Plastic { connect probability(0.5 * exp(-distance / (50 um))); autapses = false }
        record P.v
        """,
    };

    private static readonly string[] Tokens =
    {
        "mV", "ms", "nS", "-", "+", "*", "/", "**", "(", ")", "{", "}", "[", "]", ":", ",", ";", "=", "+=", "0", "1", "-1", "1e3", "0.5",
        "v", "w", "xi", "t", "dt", "N", "i", "pre.", "post.", "rand()", "exp(", "sqrt(", "P", "E", "LIF", "tau", "1 s", "\n", " ",
        "param x = 1\n", "state", "let", "threshold", "reset", "on_pre", "true", "and", "not", "** 63.5", "1 / ms ** 60",
    };

    private static void Check(string text)
    {
        var result = Binder.Bind(SyntaxTree.Parse(text, "fuzz.neuro"));
        foreach (var d in result.Diagnostics)
        {
            if (d.Location is { } l && (l.Span.Start < 0 || l.Span.Length < 0 || l.Span.End > l.Text.Length))
            {
                throw new Exception($"span {l.Span} outside {l.Text.FileName} (length {l.Text.Length}): {d}");
            }
            _ = DiagnosticFormatter.Format(d);
        }
        if (result.Success == result.Diagnostics.Any(d => d.IsError))
        {
            throw new Exception($"Success is {result.Success} with diagnostics:\n{DiagnosticFormatter.FormatAll(result.Diagnostics)}");
        }
    }

    [Fact]
    public void TheSeedsBind()
    {
        foreach (var seed in Seeds)
        {
            var result = Binder.Bind(SyntaxTree.Parse(seed, "seed.neuro"));
            Assert.True(result.Success, DiagnosticFormatter.FormatAll(result.Diagnostics));
        }
    }

    private static Gen<string> Edit(string text) =>
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, text.Length], Gen.Int[1, 12], Gen.OneOf(Tokens)).Select(t =>
        {
            var (kind, position, length, token) = t;
            length = Math.Min(length, text.Length - position);
            return kind switch
            {
                0 => text.Remove(position, length),
                1 => text.Insert(position, token),
                2 => text.Insert(position, text.Substring(position, length)),
                _ => text.Remove(position, length).Insert(position, token),
            };
        });

    [Fact]
    public void EditedModelsNeverThrow() =>
        Gen.Int[0, Seeds.Length - 1]
            .SelectMany(i => Gen.Int[1, 4].SelectMany(n =>
            {
                var gen = Gen.Const(Seeds[i]);
                for (int k = 0; k < n; k++)
                {
                    gen = gen.SelectMany(Edit);
                }
                return gen;
            }))
            .Sample(Check, iter: 150);

    [Fact]
    public void RandomModelsOfTokensNeverThrow() =>
        Gen.OneOf(Tokens).Array[0, 40]
            .Select(tokens => "neuron A {\n  state v = 0 mV\n  dv/dt = " + string.Concat(tokens) + "\n}\npopulation P = A[3]\nparam q = " + string.Concat(tokens.Reverse()))
            .Sample(Check, iter: 400);
}
