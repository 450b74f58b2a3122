namespace NeuroCompiler.CodeGen.Emit;

/// <summary>What a population kernel body is generated for.</summary>
internal enum KernelTarget
{
    /// <summary>The CPU loop: a SIMD block where possible, candidates appended to a list.</summary>
    Host,

    /// <summary>A GPU kernel, one thread per neuron: no SIMD, refractory flags as bytes, the threshold as a flag per neuron.</summary>
    Device,
}
