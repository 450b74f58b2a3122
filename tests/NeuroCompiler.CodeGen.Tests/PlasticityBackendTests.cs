using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Host;
using NeuroCompiler.IR;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.CodeGen.Tests;

/// <summary>Every rule of std/plasticity, compiled by the CPU backend, gives the reference's weights and spikes to the bit.</summary>
public sealed class PlasticityBackendTests : IDisposable
{
    private readonly NeuroCompiler.CodeGen.Compile.KernelCache _cache = new(Directory.CreateTempSubdirectory("neuroc-kernels-").FullName);

    public void Dispose() => Directory.Delete(_cache.Folder, recursive: true);

    public static TheoryData<string, string> Rules()
    {
        var data = new TheoryData<string, string>();
        foreach (var rule in PlasticityModels.StandardRules)
        {
            data.Add(rule, "float64");
            data.Add(rule, "float32");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void EveryStandardRuleIsBitIdenticalCompiled(string rule, string precision)
    {
        var compilation = Models.CompileText(PlasticityModels.Network(rule, precision));
        Assert.True(compilation.Success, DiagnosticFormatter.FormatAll(compilation.Diagnostics));
        var network = Comparison.RecordingAllSpikes(compilation.Network!);
        var reference = ReferenceInterpreter.Run(network);
        var run = CpuBackend.Run(network, cache: _cache);
        Assert.Equal(2, run.CompiledProjections);
        var report = Comparison.Compare(reference, run.Result);
        Assert.True(report.Identical, $"{rule} ({precision}) first differs at step {report.First?.Step}, {report.First?.Population}[{report.First?.Neuron}]: {report.First?.What}");
        Assert.True(report.SpikesCompared > 0);
        var weights = reference.Traces.Single(t => t.Variable == PlasticityModels.Learned(rule)).Values;
        Assert.NotEqual(weights[0].ToArray(), weights[^1].ToArray()); // the rule did something
    }
}
