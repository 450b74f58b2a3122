using System.Collections.Immutable;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Targets.Json;

/// <summary>A JSON value with the span of text it came from, so every complaint about a target file can point at it.</summary>
public abstract record JsonValue(TextSpan Span)
{
    /// <summary>What kind of value this is, as a message says it: "a number", "an object".</summary>
    public abstract string Kind { get; }
}

public sealed record JsonMember(string Name, TextSpan NameSpan, JsonValue Value);

public sealed record JsonObject(ImmutableArray<JsonMember> Members, TextSpan Span) : JsonValue(Span)
{
    public override string Kind => "an object";
}

public sealed record JsonArray(ImmutableArray<JsonValue> Items, TextSpan Span) : JsonValue(Span)
{
    public override string Kind => "a list";
}

public sealed record JsonNumber(double Value, TextSpan Span) : JsonValue(Span)
{
    public override string Kind => "a number";
}

public sealed record JsonString(string Value, TextSpan Span) : JsonValue(Span)
{
    public override string Kind => "a string";
}

public sealed record JsonBool(bool Value, TextSpan Span) : JsonValue(Span)
{
    public override string Kind => Value ? "true" : "false";
}

public sealed record JsonNull(TextSpan Span) : JsonValue(Span)
{
    public override string Kind => "null";
}
