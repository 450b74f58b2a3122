namespace NeuroCompiler.Gpu;

/// <summary>Where the GPU backend's kernels run.</summary>
public enum DeviceKind
{
    /// <summary>The first NVIDIA GPU, through CUDA.</summary>
    Cuda,

    /// <summary>ILGPU's CPU accelerator: the same kernels, emulated on the host, about a thousand times slower; for tests.</summary>
    CpuAccelerator,
}
