using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NeuroCompiler.CodeGen.Emit;
using NeuroCompiler.IR;
using Xunit;

namespace NeuroCompiler.TestSupport;

/// <summary>
/// Whatever the user names things (a model is named after its file, and a file name can hold anything),
/// generated C# is the same code: the names, and the check every emitter's source passes.
/// </summary>
public static class HostileNames
{
    /// <summary>A model with every kind of name: populations, types, projections, a stimulus, variables.</summary>
    public const string Model = """
        model safe { dt = 0.1 ms; duration = 30 ms; seed = 5 }
        param tau = 10 ms
        neuron N {
          state v = uniform(0 mV, 15 mV)
          state s = 0 mV
          dv/dt = (20 mV + s - v) / tau
          ds/dt = -s / (5 ms)
          threshold v > 15 mV
          reset { v = 0 mV }
        }
        synapse Kick {
          param w = 1 mV
          on_pre { s += w }
        }
        population P = N[50]
        population Q = N[50]
        projection pq = P -> Q : Kick { connect fixed_probability(0.2); delay = 1 ms }
        stimulus drive = poisson_input(n = 10, rate = 20 Hz, weight = 0.5 mV) -> P.s
        record spikes P, Q
        """;

    /// <summary>Names that would break generated code if pasted into it: line breaks, directives, comment ends, quotes, keywords, a very long one.</summary>
    public static IEnumerable<object[]> Names() => new[]
    {
        "x\n#error injected\n#define FOO",
        "a\r\n#line 1 \"evil.cs\"",
        "*/ } class Evil { /*",
        "\" + System.Environment.Exit(3) + \"",
        "back\\slash\\",
        "#pragma warning restore",
        "line\u2028separator\u2029paragraph\u0085next",
        "nul\0byte",
        "right-to-left \u202E override",
        "class",
        "__arglist",
        new string('n', 100_000),
        "\U0001F9E0 brain",
    }.Select(name => new object[] { name });

    /// <summary>Every name of the network (model, populations, types, projections, stimuli, variables, globals) replaced by <paramref name="name"/>.</summary>
    public static Network Renamed(Network network, string name) => network with
    {
        Settings = network.Settings with { Name = name },
        Globals = network.Globals.Select(g => g with { Name = name }).ToImmutableArray(),
        Populations = network.Populations.Select(p => p with
        {
            Name = name,
            Model = p.Model is null ? null : p.Model with
            {
                TypeName = name,
                States = p.Model.States.Select(v => v with { Name = name }).ToImmutableArray(),
                Parameters = p.Model.Parameters.Select(v => v with { Name = name }).ToImmutableArray(),
            },
        }).ToImmutableArray(),
        Projections = network.Projections.Select(p => p with
        {
            Name = name,
            Synapse = p.Synapse with
            {
                TypeName = name,
                Parameters = p.Synapse.Parameters.Select(v => v with { Name = name }).ToImmutableArray(),
            },
        }).ToImmutableArray(),
        Stimuli = network.Stimuli.Select(s => s switch
        {
            PoissonInput poisson => poisson with { Name = name },
            _ => s,
        }).ToImmutableArray(),
    };

    /// <summary>
    /// What <paramref name="emit"/> writes for <see cref="Model"/> with every name replaced by <paramref name="name"/> is
    /// the plainly named model's code: the name is only in comments, escaped, never code, a directive, an identifier or a string.
    /// </summary>
    public static void AssertOnlyInComments(Func<Network, string> emit, string name)
    {
        var plain = Models.Network(Model);
        string source = emit(Renamed(plain, name));
        string expected = emit(plain);
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
        Assert.Empty(tree.GetDiagnostics());
        var root = tree.GetRoot();
        // The code (every token, trivia aside) is the plainly named network's: no name is code, an identifier or a string.
        var code = CSharpSyntaxTree.ParseText(expected, new CSharpParseOptions(LanguageVersion.Latest)).GetRoot().DescendantTokens().Select(t => t.Text);
        Assert.Equal(code, root.DescendantTokens().Select(t => t.Text));
        // The only directive is the generator's own, and every line is one line.
        Assert.Equal(new[] { "#pragma warning disable" }, root.DescendantTrivia().Where(t => t.IsDirective).Select(t => t.ToString().Trim()));
        Assert.DoesNotContain(source, c => !CSharpText.AllowedInLine(c) && c != '\n');
        // The names are in the comments, as the helper writes them.
        Assert.Contains(CSharpText.Comment(name)[..Math.Min(40, CSharpText.Comment(name).Length)],
            string.Join("\n", root.DescendantTrivia().Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia)).Select(t => t.ToString())));
    }
}
