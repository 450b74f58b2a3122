using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Semantics.Binding;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Tests;

/// <summary>
/// An error found inside a type from another file because of how the user's declaration uses it is reported
/// at that declaration, with a note at the place in the other file; an error inside an imported file itself
/// carries a note at the import that read it.
/// </summary>
public class UseSiteTests
{
    private sealed class MemoryResolver(Dictionary<string, string> files) : SourceResolver
    {
        public override ImportResolution Resolve(string path, SourceText importer) =>
            files.TryGetValue(path, out var text) ? ImportResolution.Found(SourceText.From(text, path + ".neuro"), path) : ImportResolution.NotFound;
    }

    private static BindResult Bind(string main, Dictionary<string, string> files) =>
        Binder.Bind(SyntaxTree.Parse(main, "main.neuro"), new BindOptions(Array.Empty<ParameterOverride>(), new MemoryResolver(files)));

    private static string At(SourceLocation location) => location.Text.ToString(location.Span);

    [Fact]
    public void AnErrorInAnImportedSynapseTypeCausedByTheProjectionPointsAtTheProjection()
    {
        var files = new Dictionary<string, string>
        {
            ["lib"] = "synapse Excite {\n  param w = 1 nS\n  on_pre { g_syn += w }\n}\n",
        };
        var result = Bind("import \"lib\"\nneuron N { state v = 0 mV }\npopulation P = N[2]\nprojection p = P -> P : Excite { connect all_to_all }\n", files);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(ErrorCode.UnknownName, error.Code);
        Assert.Equal("main.neuro", error.Location!.Text.FileName);
        Assert.Equal("Excite", At(error.Location));
        Assert.Equal(4, error.Location.Start.Line);
        var note = Assert.Single(error.Notes);
        Assert.Equal("lib.neuro", note.Location.Text.FileName);
        Assert.Equal("g_syn", At(note.Location));
        Assert.Equal("in synapse type 'Excite', as projection 'p' connects it onto 'P' (neuron type 'N')", note.Message);

        string printed = DiagnosticFormatter.Format(error);
        Assert.Equal("""
            main.neuro:4:25: error NC0101: unknown variable 'g_syn'
              projection p = P -> P : Excite { connect all_to_all }
                                      ^~~~~~
            lib.neuro:3:12: note: in synapse type 'Excite', as projection 'p' connects it onto 'P' (neuron type 'N')
                on_pre { g_syn += w }
                         ^~~~~

            """.Replace("\r\n", "\n"), printed);
    }

    [Fact]
    public void TwoProjectionsThatMisuseOneTypeAreTwoErrors()
    {
        var files = new Dictionary<string, string> { ["lib"] = "synapse Excite { param w = 1 nS; on_pre { g_syn += w } }\n" };
        var result = Bind("import \"lib\"\nneuron N { state v = 0 mV }\npopulation P = N[2]\n" +
                          "projection p = P -> P : Excite { connect all_to_all }\nprojection q = P -> P : Excite { connect all_to_all }\n", files);
        Assert.Equal(new[] { 4, 5 }, result.Diagnostics.Select(d => d.Location!.Start.Line));
        Assert.All(result.Diagnostics, d => Assert.Equal("lib.neuro", Assert.Single(d.Notes).Location.Text.FileName));
    }

    [Fact]
    public void AnErrorOfTheImportedFileItselfStaysThereWithANoteAtTheImport()
    {
        var files = new Dictionary<string, string>
        {
            ["outer"] = "import \"inner\"\nparam k = 1\n",
            ["inner"] = "neuron Bad { state v = 0 mVV }\n",
        };
        var result = Bind("import \"outer\"\nparam jj = 2\n", files);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(ErrorCode.UnknownUnit, error.Code);
        Assert.Equal("inner.neuro", error.Location!.Text.FileName);
        Assert.Equal(new[] { ("inner.neuro is imported here", "outer.neuro", "\"inner\""), ("outer.neuro is imported here", "main.neuro", "\"outer\"") },
            error.Notes.Select(n => (n.Message, n.Location.Text.FileName, At(n.Location))));
    }

    [Fact]
    public void AnErrorInTheMainFileHasNoNotes()
    {
        var result = Bind("neuron N { state v = 0 mVV }\n", new Dictionary<string, string>());
        Assert.Empty(Assert.Single(result.Diagnostics).Notes);
    }
}
