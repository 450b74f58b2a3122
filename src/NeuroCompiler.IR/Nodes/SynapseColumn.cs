namespace NeuroCompiler.IR;

/// <summary>
/// The initial value of one per-synapse variable for every synapse, stored in the model's precision
/// (float32 models hold 4 bytes per synapse): values are computed in float64 and rounded once, the
/// same rounding the simulation applies when it loads them. Immutable once built.
/// </summary>
public sealed class SynapseColumn
{
    private readonly float[]? _single;
    private readonly double[]? _double;

    private SynapseColumn(float[]? single, double[]? @double)
    {
        _single = single;
        _double = @double;
    }

    public static SynapseColumn Single(float[] values) => new(values, null);

    public static SynapseColumn Double(double[] values) => new(null, values);

    public int Length => _single?.Length ?? _double!.Length;

    public int BytesPerElement => _single is null ? 8 : 4;

    public long Bytes => (long)Length * BytesPerElement;

    public double this[int k] => _single is { } s ? s[k] : _double![k];

    /// <summary>The values as stored; null when <typeparamref name="T"/> is not the stored type.</summary>
    public ReadOnlyMemory<T>? Memory<T>() where T : unmanaged =>
        _single is T[] s ? s : _double is T[] d ? d : null;
}
