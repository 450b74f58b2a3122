using System.Reflection;
using System.Text.RegularExpressions;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace NeuroCompiler.Gpu;

/// <summary>
/// PTX for the generated kernels, with every floating-point add, subtract and multiply rounded on
/// its own. ILGPU emits C#'s + and × (in the kernels and in the library routines they call: DetMath's
/// exp and log, the random number generator's conversions, ScalarMath) as <c>add.f32</c>/<c>mul.f32</c>
/// without a rounding modifier, which the PTX assembler may contract into a fused multiply-add with
/// one rounding instead of two. Writing the modifier into every such instruction (<c>add.f64</c> →
/// <c>add.rn.f64</c>) keeps each one IEEE-rounded, as on the host, without changing what it computes;
/// ptxas never contracts operations that carry one. (Inline PTX through CudaAsm would do the same for
/// the kernels' own arithmetic only, and costs a round trip through local memory per operation.) PTXBackend needs no GPU, so tests and
/// <c>neuroc emit-ptx</c> read the PTX on any machine.
/// </summary>
public static partial class PtxCompiler
{
    /// <summary>The architecture PTX is generated for when no GPU is present (sm_90: H100/H200).</summary>
    public static CudaArchitecture OfflineArchitecture => CudaArchitecture.SM_90;

    /// <summary>The generated kernels, in the order they run in a step: population updates, deliveries, Poisson inputs, resets.</summary>
    private static readonly string[] KernelKinds = { "Kernel", "Scatter", "Gather", "Poisson", "Reset" };

    [GeneratedRegex(@"^(Kernel|Scatter|Gather|Poisson|Reset)(\d+)$")]
    private static partial Regex KernelName();

    [GeneratedRegex(@"\b(add|sub|mul)\.(f32|f64)\b")]
    private static partial Regex Contractible();

    /// <summary>The PTX with a rounding modifier on every contractible floating-point instruction.</summary>
    public static string Round(string ptx) => Contractible().Replace(ptx, "$1.rn.$2");

    /// <summary>ILGPU's PTX for one kernel method, as ILGPU emits it.</summary>
    public static PTXCompiledKernel Compile(PTXBackend backend, MethodInfo kernel) =>
        (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(kernel), KernelSpecialization.Empty);

    /// <summary>The compiled kernel with its PTX rounded (<see cref="Round"/>).</summary>
    public static PTXCompiledKernel Rounded(PTXCompiledKernel kernel)
    {
        // PTXCompiledKernel's constructor and entry point are internal to ILGPU (pinned at 1.5.3;
        // a test checks that they are there).
        var entryPoint = typeof(CompiledKernel).GetProperty("EntryPoint", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(kernel)!;
        var constructor = typeof(PTXCompiledKernel).GetConstructors(BindingFlags.Instance | BindingFlags.NonPublic).Single();
        return (PTXCompiledKernel)constructor.Invoke(new[] { kernel.Context, entryPoint, kernel.Info, Round(kernel.PTXAssembly) });
    }

    /// <summary>PTX of every kernel in a compiled model (<c>Kernel{n}</c>, <c>Scatter{p}</c>, <c>Gather{p}</c>, <c>Poisson{i}</c>, <c>Reset{n}</c>), for <see cref="OfflineArchitecture"/>, without a GPU.</summary>
    public static IReadOnlyList<PtxKernel> Offline(Type kernels)
    {
        using var context = Context.Create(builder => builder.Math(MathMode.Default));
        using var backend = new PTXBackend(context, OfflineArchitecture, CudaInstructionSet.ISA_80, null!);
        var result = new List<PtxKernel>();
        foreach (var method in kernels.GetMethods(BindingFlags.Public | BindingFlags.Static)
                     .Where(m => KernelName().IsMatch(m.Name))
                     .OrderBy(m => Array.IndexOf(KernelKinds, KernelName().Match(m.Name).Groups[1].Value))
                     .ThenBy(m => int.Parse(KernelName().Match(m.Name).Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))
        {
            var compiled = Compile(backend, method);
            result.Add(new PtxKernel(method.Name, compiled.PTXAssembly, Round(compiled.PTXAssembly)));
        }
        return result;
    }
}

/// <summary>One kernel's PTX as ILGPU emits it and as neuroc loads it (rounded).</summary>
public sealed record PtxKernel(string Name, string Emitted, string Loaded);
