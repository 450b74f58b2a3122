using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using NeuroCompiler.Core;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Nesting;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Targets.Json;

/// <summary>
/// Reads JSON (RFC 8259) into <see cref="JsonValue"/>s that keep their spans. A syntax error is
/// reported once, with its place, and the result is null: after a broken token nothing later in
/// the file can be trusted. Lists and objects nest by recursion, at most <see cref="Limits.MaxNesting"/>
/// open at once: the one that would pass the limit is NC0004 at its opening bracket.
/// </summary>
public sealed class JsonParser
{
    private readonly SourceText _text;
    private readonly DiagnosticBag _diagnostics;
    private readonly NestingGuard _nesting = new();
    private int _position;

    private JsonParser(SourceText text, DiagnosticBag diagnostics)
    {
        _text = text;
        _diagnostics = diagnostics;
    }

    public static JsonValue? Parse(SourceText text, DiagnosticBag diagnostics) => DeepStack.Run(() => ParseValue(text, diagnostics));

    private static JsonValue? ParseValue(SourceText text, DiagnosticBag diagnostics)
    {
        var parser = new JsonParser(text, diagnostics);
        try
        {
            var value = parser.Value();
            parser.SkipWhitespace();
            if (parser._position < text.Length)
            {
                throw parser.Error(new TextSpan(parser._position, 1), "unexpected text after the end of the description");
            }
            return value;
        }
        catch (SyntaxError e)
        {
            diagnostics.Error(e.Code, text, e.Span, e.Message);
            return null;
        }
    }

    private sealed class SyntaxError(TextSpan span, string message, ErrorCode code = ErrorCode.TargetSyntax) : Exception(message)
    {
        public TextSpan Span { get; } = span;

        public ErrorCode Code { get; } = code;
    }

    private SyntaxError Error(TextSpan span, string message) => new(span, message);

    private char Current => _position < _text.Length ? _text.Text[_position] : '\0';

    private void SkipWhitespace()
    {
        while (_position < _text.Length && Current is ' ' or '\t' or '\r' or '\n')
        {
            _position++;
        }
    }

    private JsonValue Value()
    {
        SkipWhitespace();
        int start = _position;
        switch (Current)
        {
            case '{' or '[':
                if (!_nesting.TryEnter())
                {
                    throw new SyntaxError(new TextSpan(start, 1), NestingMessages.Json, ErrorCode.NestingTooDeep);
                }
                try
                {
                    return Current == '{' ? Object() : Array();
                }
                finally
                {
                    _nesting.Exit();
                }
            case '"':
                var (text, span) = String();
                return new JsonString(text, span);
            case 't' or 'f' or 'n':
                foreach (var (word, value) in new (string, JsonValue)[] { ("true", new JsonBool(true, new TextSpan(start, 4))),
                             ("false", new JsonBool(false, new TextSpan(start, 5))), ("null", new JsonNull(new TextSpan(start, 4))) })
                {
                    if (string.CompareOrdinal(_text.Text, start, word, 0, word.Length) == 0)
                    {
                        _position += word.Length;
                        return value;
                    }
                }
                throw Error(new TextSpan(start, 1), "expected a value (a number, a string, true, false, null, an object or a list)");
            case '-' or (>= '0' and <= '9'):
                return Number();
            case '\0':
                throw Error(new TextSpan(Math.Max(0, _text.Length - 1), 1), "the description ends where a value was expected");
            default:
                throw Error(new TextSpan(start, 1), $"unexpected '{Current}' where a value was expected");
        }
    }

    private JsonObject Object()
    {
        int start = _position++;
        var members = ImmutableArray.CreateBuilder<JsonMember>();
        SkipWhitespace();
        if (Current == '}')
        {
            _position++;
            return new JsonObject(members.ToImmutable(), TextSpan.FromBounds(start, _position));
        }
        while (true)
        {
            SkipWhitespace();
            if (Current != '"')
            {
                throw Error(new TextSpan(_position, 1), Current == '}' ? "a comma before '}' is not allowed in JSON" : "expected a field name in double quotes");
            }
            var (name, nameSpan) = String();
            SkipWhitespace();
            if (Current != ':')
            {
                throw Error(new TextSpan(_position, 1), $"expected ':' after the field name \"{name}\"");
            }
            _position++;
            members.Add(new JsonMember(name, nameSpan, Value()));
            SkipWhitespace();
            if (Current == ',')
            {
                _position++;
                continue;
            }
            if (Current == '}')
            {
                _position++;
                return new JsonObject(members.ToImmutable(), TextSpan.FromBounds(start, _position));
            }
            throw Error(new TextSpan(Math.Min(_position, _text.Length - 1), 1), "expected ',' or '}' after a field");
        }
    }

    private JsonArray Array()
    {
        int start = _position++;
        var items = ImmutableArray.CreateBuilder<JsonValue>();
        SkipWhitespace();
        if (Current == ']')
        {
            _position++;
            return new JsonArray(items.ToImmutable(), TextSpan.FromBounds(start, _position));
        }
        while (true)
        {
            items.Add(Value());
            SkipWhitespace();
            if (Current == ',')
            {
                _position++;
                continue;
            }
            if (Current == ']')
            {
                _position++;
                return new JsonArray(items.ToImmutable(), TextSpan.FromBounds(start, _position));
            }
            throw Error(new TextSpan(Math.Min(_position, _text.Length - 1), 1), "expected ',' or ']' in a list");
        }
    }

    private (string Text, TextSpan Span) String()
    {
        int start = _position++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length || Current is '\n' or '\r')
            {
                throw Error(new TextSpan(start, 1), "this string has no closing quote");
            }
            char c = Current;
            _position++;
            if (c == '"')
            {
                return (builder.ToString(), TextSpan.FromBounds(start, _position));
            }
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            char escape = Current;
            _position++;
            switch (escape)
            {
                case '"' or '\\' or '/':
                    builder.Append(escape);
                    break;
                case 'n':
                    builder.Append('\n');
                    break;
                case 't':
                    builder.Append('\t');
                    break;
                case 'r':
                    builder.Append('\r');
                    break;
                case 'b':
                    builder.Append('\b');
                    break;
                case 'f':
                    builder.Append('\f');
                    break;
                case 'u' when _position + 4 <= _text.Length &&
                    int.TryParse(_text.Text.AsSpan(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code):
                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw Error(new TextSpan(_position - 2, 2), $"unknown escape '\\{escape}' in a string");
            }
        }
    }

    private JsonNumber Number()
    {
        int start = _position;
        while (_position < _text.Length && (char.IsAsciiDigit(Current) || Current is '-' or '+' or '.' or 'e' or 'E'))
        {
            _position++;
        }
        var span = TextSpan.FromBounds(start, _position);
        string literal = _text.Text.Substring(start, span.Length);
        if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw Error(span, $"'{literal}' is not a number");
        }
        return new JsonNumber(value, span);
    }
}
