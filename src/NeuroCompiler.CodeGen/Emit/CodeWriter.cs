using System.Text;

namespace NeuroCompiler.CodeGen.Emit;

/// <summary>
/// Writes C# source with indentation, so generated code reads like hand-written code. A line is one line:
/// one holding a line break or a control character is refused (a bug in an emitter that pasted the user's
/// text in without <see cref="Comment"/>), so nothing the user names can start a line of its own.
/// </summary>
public sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public CodeWriter Line(string line = "")
    {
        if (!line.All(CSharpText.AllowedInLine))
        {
            throw new InvalidOperationException($"a generated line holds a line break or control character (user text must go through CSharpText): {CSharpText.Comment(line)}");
        }
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4).Append(line);
        }
        _text.Append('\n');
        return this;
    }

    /// <summary>A <c>//</c> comment line; <paramref name="text"/> may hold the user's names (<see cref="CSharpText.Comment"/>).</summary>
    public CodeWriter Comment(string text) => Line("// " + CSharpText.Comment(text));

    /// <summary>A line and an opening brace, or only the brace for a bare block.</summary>
    public CodeWriter Open(string line)
    {
        if (line.Length > 0)
        {
            Line(line);
        }
        Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    public override string ToString() => _text.ToString();
}
