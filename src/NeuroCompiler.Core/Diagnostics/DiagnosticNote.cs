using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Core.Diagnostics;

/// <summary>
/// A place related to a diagnostic, printed under it as <c>file:line:col: note: message</c> with its own
/// source line and caret: where an error found inside a library type was caused, or where a name was first declared.
/// </summary>
public sealed record DiagnosticNote(string Message, SourceLocation Location);
