namespace NeuroCompiler.CodeGen.Emit;

/// <summary>
/// An array a kernel body reads or writes: its name in the body, its element type there and what it
/// is for (<see cref="ArrayRole"/>), from which each backend decides where it comes from.
/// </summary>
public sealed record KernelArray(string Name, string ElementType, ArrayRole Role);
