using NeuroCompiler.Core.Diagnostics;

namespace NeuroCompiler.Cli;

/// <summary>Prints diagnostics to standard error with the source line and a caret, and a count at the end.</summary>
internal static class DiagnosticPrinter
{
    public static void Print(TextWriter error, IReadOnlyList<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            error.Write(DiagnosticFormatter.Format(diagnostic));
        }
        int errors = diagnostics.Count(d => d.IsError);
        int warnings = diagnostics.Count - errors;
        if (errors > 0)
        {
            error.WriteLine($"{errors} error{(errors == 1 ? "" : "s")}{(warnings > 0 ? $", {warnings} warning{(warnings == 1 ? "" : "s")}" : "")}");
        }
    }
}
