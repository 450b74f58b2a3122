using System.Numerics;
using ILGPU;
using ILGPU.Runtime;
using NeuroCompiler.Host;

namespace NeuroCompiler.Gpu;

/// <summary>A population's device buffers and the host's copy of its recent spike counts.</summary>
internal sealed class PopulationBuffers<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public PopulationBuffers(DeviceSession device, ResidentPopulation<T> model)
    {
        Model = model;
        Size = model.Size;
        Depth = Math.Max(1, model.HistoryDepth);
        Counts = new int[Depth];
        Fired = device.Allocate<byte>(Size);
        Refractory = device.Allocate<byte>(Size);
        LastSpike = device.Shared(model.LastSpike);
        Silence = device.Shared(model.SilenceDepth);
        HasRefractoriness = model.RefractorySteps > 0 || model.RefractoryStepsPerNeuron is not null;
        Periods = device.Shared(model.RefractoryStepsPerNeuron ?? new int[1]);
        Periods.UploadAll();
        History = device.Allocate<int>((long)Depth * Size);
        HistoryCounts = device.Allocate<int>(Depth);
        Chunks = (Size + ResidentKernels.Chunk - 1) / ResidentKernels.Chunk;
        ChunkCounts = device.Allocate<int>(Chunks);
    }

    public ResidentPopulation<T> Model { get; }
    public int Size { get; }
    public int Depth { get; }
    public int Chunks { get; }

    /// <summary>The spike counts of the last <see cref="Depth"/> steps, by slot, as the host saw them.</summary>
    public int[] Counts { get; }

    /// <summary>This step's slot.</summary>
    public int Slot;
    public ArrayView<byte> Fired { get; }
    public ArrayView<byte> Refractory { get; }
    public DeviceArray<long> LastSpike { get; }
    public DeviceArray<int> Silence { get; }
    public bool HasRefractoriness { get; }
    public DeviceArray<int> Periods { get; }
    public ArrayView<int> History { get; }
    public ArrayView<int> HistoryCounts { get; }
    public ArrayView<int> ChunkCounts { get; }
    public Action<long, T>? Update;
    public bool Fires;
    public Action<int, ArrayView<int>, long, T>? Reset;

    public ResidentKernels.ListArgs ListArgs(int population, long step, ArrayView<int> stepCounts)
    {
        Slot = (int)(step % Depth);
        return new ResidentKernels.ListArgs
        {
            Fired = Fired,
            Silence = Silence.View,
            ChunkCounts = ChunkCounts,
            List = History.SubView((long)Slot * Size, Size),
            RingCounts = HistoryCounts,
            StepCounts = stepCounts,
            Slot = Slot,
            Population = population,
            Size = Size,
            Chunks = Chunks,
        };
    }
}
