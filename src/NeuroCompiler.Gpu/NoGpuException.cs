namespace NeuroCompiler.Gpu;

/// <summary>The GPU backend was asked for CUDA and found no NVIDIA GPU (or no CUDA driver).</summary>
public sealed class NoGpuException(string message) : Exception(message);
