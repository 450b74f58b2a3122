using System.Reflection;
using System.Text.RegularExpressions;
using ILGPU.Backends;
using ILGPU.Backends.PTX;
using NeuroCompiler.CodeGen;
using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Gpu.Tests;

/// <summary>
/// The PTX of the generated kernels, read without a GPU (ILGPU's PTXBackend runs anywhere): nothing
/// approximate, nothing the PTX assembler could fuse into a multiply-add.
/// </summary>
public sealed partial class PtxTests : IDisposable
{
    private readonly KernelCache _cache = new(Directory.CreateTempSubdirectory("neuroc-ptx-kernels-").FullName);

    public void Dispose() => Directory.Delete(_cache.Folder, recursive: true);

    [GeneratedRegex(@"\b(add|sub|mul)\.(f32|f64)\b")]
    private static partial Regex Unrounded();

    private IReadOnlyList<PtxKernel> Ptx(string sample, params string[] overrides)
    {
        var compilation = Models.CompileFile(Repository.Path("samples", sample), overrides);
        Assert.True(compilation.Success, DiagnosticFormatter.FormatAll(compilation.Diagnostics));
        return PtxCompiler.Offline(GpuBackend.Compile(compilation.Network!, _cache).Kernels);
    }

    public static TheoryData<string, string> Samples()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Repository.Path("samples"), "*.neuro").OrderBy(f => f))
        {
            data.Add(Path.GetFileName(file), "float32");
            data.Add(Path.GetFileName(file), "float64");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void KernelsAreLoadedWithEveryOperationRoundedAndNothingApproximate(string sample, string precision)
    {
        var kernels = Ptx(sample, SampleSizes.For(sample).Append($"precision={precision}").ToArray());
        Assert.NotEmpty(kernels);
        string type = precision == "float32" ? "f32" : "f64";
        Assert.Contains(kernels, k => Unrounded().IsMatch(k.Emitted)); // what ILGPU gives: contractible
        foreach (var kernel in kernels)
        {
            Assert.Contains(".entry", kernel.Loaded);
            if (Unrounded().IsMatch(kernel.Emitted))
            {
                Assert.Matches($@"\b(add|sub|mul)\.rn\.{type}\b", kernel.Loaded);
            }
            Assert.DoesNotMatch(Unrounded(), kernel.Loaded);
            Assert.DoesNotContain(".approx", kernel.Loaded);
            Assert.DoesNotContain("fma.", kernel.Loaded);
            Assert.DoesNotContain("mad.f", kernel.Loaded);
            Assert.DoesNotContain(".ftz", kernel.Loaded);
        }
    }

    [Fact]
    public void TheDeviceStepHasDeliveryInputAndResetKernelsWithoutFloatingPointAtomics()
    {
        var names = Ptx("brunel2000.neuro", SampleSizes.For("brunel2000.neuro").ToArray()).ToDictionary(k => k.Name);
        foreach (var name in new[] { "Kernel0", "Kernel1", "Scatter0", "Gather0", "Scatter3", "Gather3", "Poisson0", "Reset0", "Reset1" })
        {
            Assert.True(names.ContainsKey(name), $"{name} is missing");
        }
        foreach (var kernel in names.Values)
        {
            Assert.DoesNotMatch(@"atom\.[a-z.]*\.f(32|64)", kernel.Loaded); // sums in a fixed order, never float atomics
        }
        Assert.Matches(@"atom\.[a-z.]*add\.u32|atom\.[a-z.]*add\.s32", names["Scatter0"].Loaded); // queue slots: integer atomics
        Assert.Matches(@"add\.rn\.f64", names["Gather0"].Loaded);
        Assert.Matches(@"add\.rn\.f64", names["Poisson0"].Loaded);
    }

    [Fact]
    public void RoundingTouchesOnlyFloatingPointAddSubtractAndMultiply()
    {
        string ptx = "add.f32 %f1, %f2, %f3;\nmul.f64 %fd1, %fd2, %fd3;\nsub.f32 %f4, %f1, %f1;\nadd.s32 %r1, %r2, 1;\nmul.lo.s32 %r3, %r1, %r1;\nmul.wide.u32 %rd1, %r1, 4;\ndiv.rn.f32 %f5, %f1, %f4;\nmul.rn.f32 %f6, %f5, %f5;";
        Assert.Equal("add.rn.f32 %f1, %f2, %f3;\nmul.rn.f64 %fd1, %fd2, %fd3;\nsub.rn.f32 %f4, %f1, %f1;\nadd.s32 %r1, %r2, 1;\nmul.lo.s32 %r3, %r1, %r1;\nmul.wide.u32 %rd1, %r1, 4;\ndiv.rn.f32 %f5, %f1, %f4;\nmul.rn.f32 %f6, %f5, %f5;",
            PtxCompiler.Round(ptx));
    }

    [Fact]
    public void IlgpusInternalsThatRoundingRebuildsOnAreThere()
    {
        Assert.NotNull(typeof(CompiledKernel).GetProperty("EntryPoint", BindingFlags.Instance | BindingFlags.NonPublic));
        Assert.Single(typeof(PTXCompiledKernel).GetConstructors(BindingFlags.Instance | BindingFlags.NonPublic));
    }
}
