using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Driver;
using NeuroCompiler.Host;
using NeuroCompiler.IR;
using NeuroCompiler.Output;
using NeuroCompiler.Semantics;

namespace NeuroCompiler.TestSupport;

/// <summary>Compiles and runs models given as text in tests.</summary>
public static class Models
{
    public static Compilation CompileText(string text, params string[] overrides) =>
        Compilation.FromText(SourceText.From(text, "test.neuro"), Options(overrides));

    public static Compilation CompileFile(string path, params string[] overrides) =>
        Compilation.FromFile(path, Options(overrides));

    private static CompileOptions Options(string[] overrides) =>
        new() { Overrides = overrides.Select(o => ParameterOverride.Parse(o) ?? throw new ArgumentException(o)).ToList() };

    /// <summary>Compiles and fails the test with every diagnostic if there was an error.</summary>
    public static Network Network(string text, params string[] overrides)
    {
        var compilation = CompileText(text, overrides);
        if (!compilation.Success)
        {
            throw new InvalidOperationException("model did not compile:\n" + DiagnosticFormatter.FormatAll(compilation.Diagnostics));
        }
        return compilation.Network!;
    }

    public static SimulationResult Run(string text, params string[] overrides) => ReferenceInterpreter.Run(Network(text, overrides));

    public static IReadOnlyList<Diagnostic> Errors(string text, params string[] overrides) =>
        CompileText(text, overrides).Diagnostics.Where(d => d.IsError).ToList();
}
