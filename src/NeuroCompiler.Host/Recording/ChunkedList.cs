using System.Collections.Immutable;

namespace NeuroCompiler.Host.Recording;

/// <summary>
/// An append-only list kept in chunks of <see cref="ChunkLength"/> elements: growing never copies
/// (a List doubles and copies, briefly holding three times its contents), and each chunk stays
/// below the large-object heap's threshold. Recorded spikes live here until the run ends.
/// </summary>
internal sealed class ChunkedList<T> where T : unmanaged
{
    public const int ChunkLength = 8192;

    private readonly List<T[]> _chunks = new();
    private int _last = ChunkLength;

    public long Count { get; private set; }

    public void Add(T value)
    {
        if (_last == ChunkLength)
        {
            _chunks.Add(new T[ChunkLength]);
            _last = 0;
        }
        _chunks[^1][_last++] = value;
        Count++;
    }

    public T this[long index] => _chunks[(int)(index / ChunkLength)][index % ChunkLength];

    /// <summary>Keeps the first <paramref name="count"/> elements (a run that stopped early drops what came after).</summary>
    public void Truncate(long count)
    {
        if (count >= Count)
        {
            return;
        }
        int chunks = (int)((count + ChunkLength - 1) / ChunkLength);
        _chunks.RemoveRange(chunks, _chunks.Count - chunks);
        _last = chunks == 0 ? ChunkLength : (int)(count - (long)(chunks - 1) * ChunkLength);
        Count = count;
    }

    /// <summary>The elements in one array, exactly as long as the list.</summary>
    public ImmutableArray<T> ToImmutableArray()
    {
        var result = new T[Count];
        long at = 0;
        foreach (var chunk in _chunks)
        {
            int length = (int)Math.Min(ChunkLength, Count - at);
            Array.Copy(chunk, 0, result, at, length);
            at += length;
        }
        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(result);
    }
}
