using System.Runtime.InteropServices;

namespace NeuroCompiler.IR;

/// <summary>
/// Non-negative integers (synapse targets, delays in steps) stored in the narrowest of
/// <see cref="byte"/>, <see cref="ushort"/> and <see cref="int"/> that holds the largest value the
/// column may hold. Immutable once built; hot loops read it through <see cref="Span{TIndex}"/> with
/// the element type of <see cref="Width"/>.
/// </summary>
public sealed class IndexColumn
{
    private readonly Array _data;

    private IndexColumn(Array data, IndexWidth width)
    {
        _data = data;
        Width = width;
    }

    public IndexWidth Width { get; }

    public int Length => _data.Length;

    public int BytesPerElement => Width switch { IndexWidth.Byte => 1, IndexWidth.UInt16 => 2, _ => 4 };

    public long Bytes => (long)Length * BytesPerElement;

    public int this[int k] => Width switch
    {
        IndexWidth.Byte => ((byte[])_data)[k],
        IndexWidth.UInt16 => ((ushort[])_data)[k],
        _ => ((int[])_data)[k],
    };

    /// <summary>The narrowest width that holds every value in [0, <paramref name="maxValue"/>].</summary>
    public static IndexWidth WidthFor(int maxValue) =>
        maxValue <= byte.MaxValue ? IndexWidth.Byte : maxValue <= ushort.MaxValue ? IndexWidth.UInt16 : IndexWidth.Int32;

    /// <summary>The values as elements of their stored type; <typeparamref name="TIndex"/> must match <see cref="Width"/>.</summary>
    public ReadOnlySpan<TIndex> Span<TIndex>() where TIndex : unmanaged =>
        _data is TIndex[] array ? array : throw new InvalidOperationException($"the column holds {Width}, not {typeof(TIndex).Name}");

    public int[] ToArray()
    {
        var result = new int[Length];
        for (int k = 0; k < result.Length; k++)
        {
            result[k] = this[k];
        }
        return result;
    }

    public static IndexColumn From(ReadOnlySpan<int> values, int maxValue)
    {
        var builder = new Builder(values.Length, maxValue);
        for (int k = 0; k < values.Length; k++)
        {
            builder[k] = values[k];
        }
        return builder.ToColumn();
    }

    /// <summary>Fills a column in place (no second copy at the end); used once, then frozen by <see cref="ToColumn"/>.</summary>
    public sealed class Builder
    {
        private Array? _data;
        private readonly IndexWidth _width;

        public Builder(long length, int maxValue)
        {
            if (length > Array.MaxLength)
            {
                throw new ArgumentOutOfRangeException(nameof(length), $"{length} elements do not fit one array");
            }
            _width = WidthFor(maxValue);
            _data = _width switch
            {
                IndexWidth.Byte => new byte[length],
                IndexWidth.UInt16 => new ushort[length],
                _ => new int[length],
            };
        }

        public int Length => Data.Length;

        private Array Data => _data ?? throw new InvalidOperationException("the column was already built");

        public int this[long k]
        {
            get => _width switch
            {
                IndexWidth.Byte => ((byte[])Data)[k],
                IndexWidth.UInt16 => ((ushort[])Data)[k],
                _ => ((int[])Data)[k],
            };
            set
            {
                switch (_width)
                {
                    case IndexWidth.Byte: ((byte[])Data)[k] = checked((byte)value); break;
                    case IndexWidth.UInt16: ((ushort[])Data)[k] = checked((ushort)value); break;
                    default: ((int[])Data)[k] = value; break;
                }
            }
        }

        /// <summary>Sorts [start, start + length) ascending.</summary>
        public void Sort(int start, int length)
        {
            switch (_width)
            {
                case IndexWidth.Byte: Array.Sort((byte[])Data, start, length); break;
                case IndexWidth.UInt16: Array.Sort((ushort[])Data, start, length); break;
                default: Array.Sort((int[])Data, start, length); break;
            }
        }

        public IndexColumn ToColumn()
        {
            var column = new IndexColumn(Data, _width);
            _data = null;
            return column;
        }
    }
}

public enum IndexWidth
{
    Byte,
    UInt16,
    Int32,
}
