using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.IR;
using NeuroCompiler.Output;
using NeuroCompiler.TestSupport;
using NeuroCompiler.Targets.Configuration;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Tests;

/// <summary>A digital configuration reads back as written, the same seed gives the same files, and a damaged one says where.</summary>
public sealed class ConfigurationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuroc-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static TargetDescription Loihi()
    {
        var diagnostics = new DiagnosticBag();
        return TargetRegistry.Read(SourceText.From(File.ReadAllText(Repository.Path("targets", "loihi-like.json")), "loihi-like.json"), diagnostics)!;
    }

    private static (Network, DigitalConfiguration) Compile(string seed = "1")
    {
        var network = Models.CompileFile(Repository.Path("samples", "cuba.neuro"), $"seed={seed}", "duration=100 ms").Network!;
        var target = Loihi();
        var diagnostics = new DiagnosticBag();
        var mapping = DigitalMapper.Map(network, target, () => new Dictionary<int, double> { [0] = 5 }, new MappingOptions(), diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items.Select(d => d.Message)));
        return (network, DigitalConfiguration.From(network, mapping!, "model-hash", "target-hash"));
    }

    private string Write(DigitalConfiguration configuration, string name)
    {
        string folder = Path.Combine(_folder, name);
        using var atomic = new AtomicDirectory(folder);
        ConfigurationWriter.Write(configuration, atomic);
        atomic.Commit();
        return folder;
    }

    private static string Canonical(DigitalConfiguration c) => string.Join("\n",
        new[] { $"{c.Model} {c.ModelHash} {c.Target} {c.TargetHash} {c.Seed} {c.DeviceTimestep:R}" }
            .Concat(c.Projections.Select(p => $"{p.Projection} {p.Name} {p.TargetState} {p.Exponent}"))
            .Concat(c.Cores.Select(k => $"{k.Core} {k.Chip} {k.X} {k.Y} {k.Population} {k.Start} {k.Count} {k.Membrane} {string.Join(",", k.Decays)} {k.Threshold} {k.Bias} {k.Rest} {k.RefractorySteps} " +
                $"[{string.Join(";", k.Synapses)}] [{string.Join(",", k.Routes)}]")));

    [Fact]
    public void AConfigurationReadsBackAsWrittenAndKeepsTheTargetsLimits()
    {
        var (network, configuration) = Compile();
        string folder = Write(configuration, "a");
        var diagnostics = new DiagnosticBag();
        var read = ConfigurationReader.Read(folder, (DigitalHardware)Loihi().Hardware, diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items.Select(d => d.Message)));
        Assert.Equal(Canonical(configuration), Canonical(read!));
        Assert.Equal(network.TotalSynapses, read!.Cores.Sum(c => c.Synapses.Length));
        Assert.Equal(4000, read.Cores.Sum(c => c.Count));
    }

    [Fact]
    public void TheSameSeedGivesTheSameFilesAndAnotherSeedOthers()
    {
        string a = Write(Compile("1").Item2, "one");
        string b = Write(Compile("1").Item2, "again");
        string c = Write(Compile("2").Item2, "other");
        foreach (var file in Directory.GetFiles(a).Select(Path.GetFileName))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, file!)), File.ReadAllBytes(Path.Combine(b, file!)));
        }
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(a, "core-0000.json")), File.ReadAllBytes(Path.Combine(c, "core-0000.json")));
    }

    [Fact]
    public void ADamagedConfigurationIsReportedWithItsPlace()
    {
        string folder = Write(Compile().Item2, "damaged");
        string core = Path.Combine(folder, "core-0001.json");
        File.WriteAllText(core, File.ReadAllText(core).Replace("\"threshold\":32768", "\"threshold\":999999"));
        File.Delete(Path.Combine(folder, "core-0003.json"));
        var diagnostics = new DiagnosticBag();
        Assert.Null(ConfigurationReader.Read(folder, (DigitalHardware)Loihi().Hardware, diagnostics));
        Assert.Contains(diagnostics.Items, d => d.CodeText == "NC0705" && d.Message.Contains("'neuron.threshold' is 999999") && d.Location!.Text.FileName.EndsWith("core-0001.json"));
        Assert.Contains(diagnostics.Items, d => d.CodeText == "NC0001" && d.Message.Contains("core-0003.json"));
    }
}
