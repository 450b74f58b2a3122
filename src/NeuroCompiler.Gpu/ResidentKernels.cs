using ILGPU;

namespace NeuroCompiler.Gpu;

/// <summary>
/// The model-independent kernels of a device step: refractoriness from the last spike, and the
/// spike list of a step (the neurons whose threshold held and that are not silenced, ascending),
/// built in chunks: count per chunk, an exclusive scan over the chunks, then each chunk writes its
/// neurons at its offset. No floating point, no atomics: the list is the same on every device.
/// </summary>
public static class ResidentKernels
{
    /// <summary>Neurons per chunk of the spike list.</summary>
    public const int Chunk = 256;

    public struct RefractoryArgs
    {
        public ArrayView<long> Last;
        public ArrayView<byte> Refractory;
        public ArrayView<int> Periods;
        public int Period;
        public int PerNeuron;
        public long Step;
    }

    /// <summary>Refractory at step n: spiked at step m with n − m &lt; R (the reference's rule).</summary>
    public static void Refractory(Index1D i, RefractoryArgs a)
    {
        long last = a.Last[i];
        int period = a.PerNeuron != 0 ? a.Periods[i] : a.Period;
        a.Refractory[i] = last != long.MinValue && a.Step - last < period ? (byte)1 : (byte)0;
    }

    public struct ListArgs
    {
        public ArrayView<byte> Fired;
        public ArrayView<int> Silence;
        public ArrayView<int> ChunkCounts;

        /// <summary>The list of this step: the ring slot's part of the history.</summary>
        public ArrayView<int> List;

        /// <summary>Where the count goes: the ring slot's count, and the step's count of this population for the host.</summary>
        public ArrayView<int> RingCounts;
        public ArrayView<int> StepCounts;
        public int Slot;
        public int Population;
        public int Size;
        public int Chunks;
    }

    public static void CountChunk(Index1D c, ListArgs a)
    {
        int end = Math.Min(a.Size, (c + 1) * Chunk);
        int count = 0;
        for (int i = c * Chunk; i < end; i++)
        {
            if (a.Fired[i] != 0 && a.Silence[i] == 0)
            {
                count++;
            }
        }
        a.ChunkCounts[c] = count;
    }

    /// <summary>One thread: chunk counts to offsets, and the total.</summary>
    public static void ScanChunks(Index1D k, ListArgs a)
    {
        int sum = 0;
        for (int c = 0; c < a.Chunks; c++)
        {
            int count = a.ChunkCounts[c];
            a.ChunkCounts[c] = sum;
            sum += count;
        }
        a.RingCounts[a.Slot] = sum;
        a.StepCounts[a.Population] = sum;
    }

    public static void WriteChunk(Index1D c, ListArgs a)
    {
        int end = Math.Min(a.Size, (c + 1) * Chunk);
        int at = a.ChunkCounts[c];
        for (int i = c * Chunk; i < end; i++)
        {
            if (a.Fired[i] != 0 && a.Silence[i] == 0)
            {
                a.List[at++] = i;
            }
        }
    }
}
