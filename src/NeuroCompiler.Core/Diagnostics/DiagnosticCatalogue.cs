using System.Reflection;

namespace NeuroCompiler.Core.Diagnostics;

/// <summary>The codes of <see cref="ErrorCode"/> with their summaries, and the one way a code is written (NC0123).</summary>
public static class DiagnosticCatalogue
{
    /// <summary>The codes in use: every one but those retired (marked obsolete).</summary>
    public static IReadOnlyList<ErrorCode> Codes { get; } = Enum.GetValues<ErrorCode>()
        .Where(c => typeof(ErrorCode).GetField(c.ToString())!.GetCustomAttribute<ObsoleteAttribute>() is null)
        .ToArray();

    public static string Text(ErrorCode code) => $"NC{(int)code:D4}";

    /// <summary>What the code means; null only for a code the catalogue lacks (a test forbids that).</summary>
    public static string? Summary(ErrorCode code) =>
        typeof(ErrorCode).GetField(code.ToString(), BindingFlags.Public | BindingFlags.Static)?.GetCustomAttribute<SummaryAttribute>()?.Text;

    /// <summary>A diagnostic without a place in a model, as the command line prints it: <c>neuroc: error NC0901: message</c>.</summary>
    public static string CommandLine(ErrorCode code, string message, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        new Diagnostic(severity, code, message, null).ToString();
}
