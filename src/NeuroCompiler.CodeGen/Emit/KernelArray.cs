namespace NeuroCompiler.CodeGen.Emit;

/// <summary>
/// An array a kernel body reads or writes: its name in the body, its element type and where the CPU
/// wrapper takes it from (a member of <c>PopulationArrays</c>). The GPU wrapper turns each into an
/// ArrayView parameter of the same name.
/// </summary>
internal sealed record KernelArray(string Name, string ElementType, string Source);
