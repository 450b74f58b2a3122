using NeuroCompiler.Core.Units;

namespace NeuroCompiler.Semantics;

public enum ValueKind
{
    Quantity,
    Boolean,
    List,
    String,
    /// <summary>The type of an expression that already produced an error; it reports nothing further.</summary>
    Error,
}

/// <summary>What an expression evaluates to: a quantity with a dimension, a truth value, a list, a string, or an error.</summary>
public readonly record struct ValueType(ValueKind Kind, Dimension Dimension)
{
    public static readonly ValueType Error = new(ValueKind.Error, Dimension.None);
    public static readonly ValueType Boolean = new(ValueKind.Boolean, Dimension.None);
    public static readonly ValueType Dimensionless = new(ValueKind.Quantity, Dimension.None);
    public static readonly ValueType String = new(ValueKind.String, Dimension.None);

    public static ValueType Quantity(Dimension dimension) => new(ValueKind.Quantity, dimension);

    public static ValueType List(Dimension dimension) => new(ValueKind.List, dimension);

    public bool IsError => Kind == ValueKind.Error;

    public bool IsQuantity => Kind == ValueKind.Quantity;

    public override string ToString() => Kind switch
    {
        ValueKind.Quantity => Dimension.ToString(),
        ValueKind.Boolean => "a truth value",
        ValueKind.List => $"a list of {Dimension}",
        ValueKind.String => "a string",
        _ => "<error>",
    };
}
