using System.Text.RegularExpressions;

namespace NeuroCompiler.Syntax.Parsing;

/// <summary>Rewrites ANTLR's messages into plainer English; long "expecting {...}" sets are shortened.</summary>
internal static partial class SyntaxMessages
{
    public static string Rewrite(string message)
    {
        message = message.Replace("<EOF>", "end of file");
        message = ExpectingSet().Replace(message, m =>
        {
            // Items are token names or quoted literals, and a literal may be ',' '{' or '}' itself.
            var items = SetItem().Matches(m.Groups[1].Value).Select(i => i.Value).ToArray();
            return items.Length <= 5
                ? "expecting " + string.Join(", ", items.Select(Friendly))
                : "expecting one of " + string.Join(", ", items.Take(5).Select(Friendly)) + ", ...";
        });
        message = SingleExpecting().Replace(message, m => m.Groups[1].Value + " " + Friendly(m.Groups[2].Value));
        message = message.Replace("mismatched input", "unexpected").Replace("extraneous input", "unexpected")
            .Replace("no viable alternative at input", "cannot parse");
        return "syntax error: " + message;
    }

    private static string Friendly(string token) => token switch
    {
        "IDENT" => "a name",
        "QUANTITY" => "a quantity",
        "NUMBER" => "a number",
        "STRING" => "a string",
        "NOT" => "'not'",
        "AND" => "'and'",
        "OR" => "'or'",
        "POW" => "'**'",
        _ => token,
    };

    [GeneratedRegex(@"expecting \{((?:'[^']*'|[^'}])*)\}")]
    private static partial Regex ExpectingSet();

    [GeneratedRegex(@"'[^']*'|[^\s,']+")]
    private static partial Regex SetItem();

    [GeneratedRegex(@"(expecting|missing) (IDENT|QUANTITY|NUMBER|STRING)\b")]
    private static partial Regex SingleExpecting();
}
