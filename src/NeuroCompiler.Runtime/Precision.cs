namespace NeuroCompiler.Runtime;

/// <summary>The floating-point format a model's state and arithmetic use.</summary>
public enum Precision
{
    Float32,
    Float64,
}
