using CsCheck;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Driver;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.EndToEnd.Tests;

/// <summary>No input makes the compiler throw: bad input is a diagnostic.</summary>
public class RobustnessTests
{
    private static readonly string[] Seeds = Directory.GetFiles(Repository.Path("samples"), "*.neuro")
        .Concat(Directory.GetFiles(Repository.Path("src", "NeuroCompiler.Semantics", "Std"), "*.neuro"))
        .Select(File.ReadAllText)
        .Append(File.ReadAllText(Repository.Path("docs", "language.md")))
        .ToArray();

    private static readonly string[] Fragments =
    {
        "{", "}", "(", ")", "[", "]", "=", "+=", "->", ":", ",", ";", ".", "/", "*", "**", "-", "mV", "ms", "nS", "0", "-1", "1e400", "0.5",
        "x", "v", "dv/dt", "neuron", "synapse", "population", "projection", "param", "state", "let", "threshold", "reset",
        "refractory", "connect", "fixed_indegree(5)", "fixed_probability(2)", "delay", "protocol", "segment", "at", "silence",
        "set", "record", "spikes", "stimulus", "poisson_input(", "import \"std/neurons\"", "xi", "rand()", "\"", "µ", "\u0000", "\n",
    };

    private static readonly Gen<string> Mutated =
        from source in Gen.OneOf(Seeds.Select(Gen.Const).ToArray())
        from edits in Gen.Int[1, 6]
        from operations in Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Int[0, 40], Gen.OneOf(Fragments.Select(Gen.Const).ToArray())).Array[edits]
        select Apply(source, operations);

    private static string Apply(string text, (int Kind, int Position, int Length, string Fragment)[] operations)
    {
        foreach (var (kind, position, length, fragment) in operations)
        {
            if (text.Length == 0)
            {
                return fragment;
            }
            int at = position % text.Length;
            int count = Math.Min(length, text.Length - at);
            text = kind switch
            {
                0 => text.Remove(at, count),
                1 => text.Insert(at, fragment),
                2 => text.Insert(at, text.Substring(at, count)),
                _ => text.Remove(at, count).Insert(at, fragment),
            };
        }
        return text;
    }

    [Fact]
    public void MutatedModelsNeverThrow()
    {
        Mutated.Sample(text =>
        {
            var compilation = Compilation.FromText(SourceText.From(text, "mutated.neuro"),
                new CompileOptions { InstantiateConnectivity = false });
            foreach (var diagnostic in compilation.Diagnostics.Where(d => d.Location is not null))
            {
                Assert.InRange(diagnostic.Location!.Span.Start, 0, diagnostic.Location.Text.Length);
                Assert.InRange(diagnostic.Location.Span.End, 0, diagnostic.Location.Text.Length);
            }
        }, iter: 400, threads: 1);
    }

    private static readonly string[] SmallSeeds = System.Text.RegularExpressions.Regex
        .Matches(File.ReadAllText(Repository.Path("docs", "language.md")), "```neuro[^\n]*\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline)
        .Select(m => m.Groups[1].Value)
        .ToArray();

    /// <summary>Mutated small models that still compile also build their synapses and run without throwing.</summary>
    [Fact]
    public void MutatedModelsThatCompileAlsoRun()
    {
        var gen = from source in Gen.OneOf(SmallSeeds.Select(Gen.Const).ToArray())
                  from edits in Gen.Int[1, 3]
                  from operations in Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Int[0, 12], Gen.OneOf(Fragments.Select(Gen.Const).ToArray())).Array[edits]
                  select Apply(source, operations);
        gen.Sample(text =>
        {
            var compilation = Compilation.FromText(SourceText.From(text, "mutated.neuro"), new CompileOptions
            {
                Overrides = new[] { NeuroCompiler.Semantics.ParameterOverride.Parse("duration=2 ms")! },
                MemoryBudgetBytes = 256L << 20,
            });
            if (compilation.Success && compilation.Network!.TotalNeurons < 100_000)
            {
                Host.ReferenceInterpreter.Run(compilation.Network);
            }
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void RandomTextNeverThrows()
    {
        Gen.String[Gen.Char["{}()[]=+-*/.,:;<>!0123456789 \nabcdemnsvxVAS_µ\"#"], 0, 300].Sample(text =>
        {
            Compilation.FromText(SourceText.From(text, "random.neuro"), new CompileOptions { InstantiateConnectivity = false });
        }, iter: 400, threads: 1);
    }
}
