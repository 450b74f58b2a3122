namespace NeuroCompiler.Gpu;

/// <summary>ILGPU rejected a generated kernel: a bug in neuroc's GPU code generator, reported with the model.</summary>
public sealed class GpuCompileException(string message, Exception inner) : Exception(message, inner);
