using System.Collections.Immutable;
using System.Globalization;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Core.Units;

namespace NeuroCompiler.Targets.Json;

/// <summary>
/// Reads the fields of one JSON object of a target description, checking each as it is read:
/// its kind, its range, its unit. Every problem is reported with the span of the value (or of the
/// object, for a missing field), and reading goes on, so one pass reports every error in the file.
/// <see cref="Done"/> reports the fields nobody asked for (misspellings), with a suggestion.
/// </summary>
public sealed class FieldReader
{
    private readonly JsonObject _object;
    private readonly SourceText _text;
    private readonly DiagnosticBag _diagnostics;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonMember> _members = new(StringComparer.Ordinal);

    /// <param name="path">Where the object is, for messages: "device", "device.drift".</param>
    public FieldReader(JsonObject @object, string path, SourceText text, DiagnosticBag diagnostics)
    {
        _object = @object;
        Path = path;
        _text = text;
        _diagnostics = diagnostics;
        foreach (var member in @object.Members)
        {
            if (!_members.TryAdd(member.Name, member))
            {
                Report(ErrorCode.DuplicateTargetField, member.NameSpan, $"'{Name(member.Name)}' is given twice");
            }
        }
    }

    public string Path { get; }

    public SourceText Text => _text;

    /// <summary>Where problems go (for readers of nested values).</summary>
    public DiagnosticBag Diagnostics => _diagnostics;

    public TextSpan Span => _object.Span;

    public bool Has(string name) => _members.ContainsKey(name);

    /// <summary>The object's field names, in file order (for objects whose keys are data, such as a state's name).</summary>
    public IEnumerable<string> Names => _object.Members.Select(m => m.Name);

    private string Name(string field) => Path.Length == 0 ? field : $"{Path}.{field}";

    public void Report(ErrorCode code, TextSpan span, string message) => _diagnostics.Error(code, _text, span, message);

    /// <summary>The field's value, or null (reported when <paramref name="required"/>) when it is absent.</summary>
    public JsonValue? Field(string name, bool required)
    {
        _read.Add(name);
        if (_members.TryGetValue(name, out var member))
        {
            return member.Value;
        }
        if (required)
        {
            // Point at the object's opening brace: the field belongs inside it.
            Report(ErrorCode.MissingTargetField, new TextSpan(_object.Span.Start, 1), $"'{Name(name)}' is missing");
        }
        return null;
    }

    private T? Expect<T>(string name, bool required, string what) where T : JsonValue
    {
        var value = Field(name, required);
        if (value is null or T)
        {
            return value as T;
        }
        Report(ErrorCode.TargetValueType, value.Span, $"'{Name(name)}' must be {what}, not {value.Kind}");
        return null;
    }

    public FieldReader? Object(string name, bool required = true) =>
        Expect<JsonObject>(name, required, "an object { ... }") is { } o ? new FieldReader(o, Name(name), _text, _diagnostics) : null;

    public JsonArray? Array(string name, bool required = true) => Expect<JsonArray>(name, required, "a list [ ... ]");

    public string? String(string name, bool required = true) => Expect<JsonString>(name, required, "a string")?.Value;

    /// <summary>One of <paramref name="allowed"/>.</summary>
    public string? Choice(string name, IReadOnlyCollection<string> allowed, bool required = true)
    {
        var value = Expect<JsonString>(name, required, "a string");
        if (value is null)
        {
            return null;
        }
        if (!allowed.Contains(value.Value))
        {
            Report(ErrorCode.TargetValueOutOfRange, value.Span,
                $"'{Name(name)}' is \"{value.Value}\"; it can be {string.Join(", ", allowed.Select(a => $"\"{a}\""))}{NameSuggester.Hint(value.Value, allowed)}");
            return null;
        }
        return value.Value;
    }

    /// <summary>A list of strings, each one of <paramref name="allowed"/>.</summary>
    public ImmutableArray<string>? Choices(string name, IReadOnlyCollection<string> allowed, bool required = true)
    {
        if (Array(name, required) is not { } list)
        {
            return null;
        }
        var result = ImmutableArray.CreateBuilder<string>();
        bool ok = true;
        foreach (var item in list.Items)
        {
            if (item is not JsonString s)
            {
                Report(ErrorCode.TargetValueType, item.Span, $"the items of '{Name(name)}' must be strings, not {item.Kind}");
                ok = false;
            }
            else if (!allowed.Contains(s.Value))
            {
                Report(ErrorCode.TargetValueOutOfRange, s.Span,
                    $"\"{s.Value}\" in '{Name(name)}' is not one of {string.Join(", ", allowed.Select(a => $"\"{a}\""))}{NameSuggester.Hint(s.Value, allowed)}");
                ok = false;
            }
            else
            {
                result.Add(s.Value);
            }
        }
        return ok ? result.ToImmutable() : null;
    }

    public bool? Boolean(string name, bool required = true) => Expect<JsonBool>(name, required, "true or false")?.Value;

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long? Integer(string name, long min, long max, bool required = true)
    {
        var value = Expect<JsonNumber>(name, required, "a whole number");
        if (value is null)
        {
            return null;
        }
        if (value.Value != Math.Floor(value.Value))
        {
            Report(ErrorCode.TargetValueType, value.Span, $"'{Name(name)}' must be a whole number, not {value.Value.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        return InRange(name, value.Span, value.Value, min, max) ? (long)value.Value : null;
    }

    /// <summary>A plain number (dimensionless) in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double? Number(string name, double min, double max, bool required = true)
    {
        var value = Expect<JsonNumber>(name, required, "a number");
        return value is not null && InRange(name, value.Span, value.Value, min, max) ? value.Value : null;
    }

    /// <summary>
    /// A physical quantity written as a string with its unit (<c>"100 uS"</c>, <c>"0.2 V"</c>, <c>"20 s"</c>),
    /// of dimension <paramref name="dimension"/>, in SI units, in [<paramref name="min"/>, <paramref name="max"/>].
    /// </summary>
    public double? Quantity(string name, Dimension dimension, double min, double max, bool required = true)
    {
        var value = Field(name, required);
        if (value is null)
        {
            return null;
        }
        if (value is not JsonString s)
        {
            Report(ErrorCode.TargetValueType, value.Span, $"'{Name(name)}' must be a quantity with its unit, such as \"{Example(dimension)}\", not {value.Kind}");
            return null;
        }
        if (!TryParseQuantity(s.Value, out double number, out var unit, out string? problem))
        {
            Report(ErrorCode.TargetValueType, s.Span, $"'{Name(name)}': {problem}");
            return null;
        }
        if (unit.Dimension != dimension)
        {
            Report(ErrorCode.TargetUnitMismatch, s.Span,
                $"'{Name(name)}' must be in {UnitFormatter.Format(dimension)} (such as \"{Example(dimension)}\"), but \"{s.Value}\" is in {UnitFormatter.Format(unit.Dimension)}");
            return null;
        }
        double si = number * unit.Scale;
        return InRange(name, s.Span, si, min, max, $"\"{s.Value}\"") ? si : null;
    }

    private static string Example(Dimension dimension) =>
        dimension == Dimension.Siemens ? "10 uS" : dimension == Dimension.Volt ? "0.2 V" : dimension == Dimension.Second ? "1 ms"
        : dimension == Dimension.Joule ? "2 pJ" : "1";

    /// <summary>"100 uS" as 100 and the unit uS; a bare number is dimensionless.</summary>
    public static bool TryParseQuantity(string text, out double number, out UnitDefinition unit, out string? problem)
    {
        text = text.Trim();
        int end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '.' or '-' or '+' ||
                   (text[end] is 'e' or 'E' && end + 1 < text.Length && (char.IsAsciiDigit(text[end + 1]) || text[end + 1] is '-' or '+'))))
        {
            end++;
        }
        unit = new UnitDefinition("", 1, Dimension.None);
        if (!double.TryParse(text.AsSpan(0, end), NumberStyles.Float, CultureInfo.InvariantCulture, out number) || !double.IsFinite(number))
        {
            problem = $"\"{text}\" does not start with a number";
            return false;
        }
        string name = text[end..].Trim();
        if (name.Length > 0 && !UnitTable.TryLookup(name, out unit))
        {
            var suggestions = UnitTable.Suggest(name);
            problem = $"unknown unit '{name}'{(suggestions.Count > 0 ? $"; did you mean '{suggestions[0]}'?" : "")}";
            return false;
        }
        problem = null;
        return true;
    }

    private bool InRange(string name, TextSpan span, double value, double min, double max, string? shown = null)
    {
        if (value >= min && value <= max)
        {
            return true;
        }
        string text = shown ?? value.ToString(CultureInfo.InvariantCulture);
        string range = max == double.MaxValue || max == long.MaxValue
            ? $"at least {Format(min)}"
            : $"between {Format(min)} and {Format(max)}";
        Report(ErrorCode.TargetValueOutOfRange, span, $"'{Name(name)}' is {text}; it must be {range}");
        return false;
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Reports every field that was never read: a misspelling, or something this family does not have.</summary>
    public void Done()
    {
        foreach (var member in _object.Members.Where(m => !_read.Contains(m.Name)))
        {
            Report(ErrorCode.UnknownTargetField, member.NameSpan,
                $"unknown field '{Name(member.Name)}'{NameSuggester.Hint(member.Name, _read)}");
        }
    }
}
