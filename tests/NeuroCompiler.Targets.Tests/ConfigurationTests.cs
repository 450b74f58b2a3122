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
        new[] { $"{c.Model} {c.ModelHash} {c.Target} {c.TargetHash} {c.Seed} {c.DeviceTimestep:R} {c.Relays}" }
            .Concat(c.Projections.Select(p => $"{p.Projection} {p.Name} {p.TargetState} {p.Exponent}"))
            .Concat(c.Cores.Select(k => $"{k.Core} {k.Chip} {k.X} {k.Y} {k.Population} {k.Start} {k.Count} {k.Membrane} {string.Join(",", k.Decays)} {k.Threshold} {k.Bias} {k.Rest} {k.RefractorySteps} " +
                $"[{string.Join(";", k.Synapses)}] [{string.Join(",", k.Routes)}] [{string.Join(";", k.Axons)}] " +
                $"[{string.Join(";", k.AxonTypes.Select(t => $"{t.Projection}:{string.Join(",", t.Weights)}"))}]")));

    /// <summary>The layered network of the relay tests on small truenorth-like cores of fan-out 1: relays, a binary crossbar, axon types.</summary>
    private static (TargetDescription, DigitalConfiguration) Relayed()
    {
        var network = RelayTests.Layers(8, 64, "3 ms", feedback: true);
        var target = RelayTests.Small("truenorth-like", 8, 1);
        return (target, DigitalConfiguration.From(network, RelayTests.Map(network, target), "model-hash", "target-hash"));
    }

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
    public void RelayCoresAndAxonTypesReadBackAsWritten()
    {
        var (target, configuration) = Relayed();
        Assert.NotNull(configuration.Relays);
        Assert.Contains(configuration.Cores, c => c.Population == configuration.Relays!.Population);
        Assert.All(configuration.Cores, c => Assert.NotEmpty(c.AxonTypes));
        string folder = Write(configuration, "relayed");
        var diagnostics = new DiagnosticBag();
        var read = ConfigurationReader.Read(folder, (DigitalHardware)target.Hardware, diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items.Select(d => d.Message)));
        Assert.Equal(Canonical(configuration), Canonical(read!));
        Assert.Contains("\"relays\": {", File.ReadAllText(Path.Combine(folder, "manifest.json")));
        Assert.Contains($"\"version\": {DigitalConfiguration.Version}", File.ReadAllText(Path.Combine(folder, "manifest.json")));
    }

    [Theory]
    [InlineData("model", "\"weights\":[255,", "\"weights\":[254,", "this synapse has mantissa 255, and its axon's type gives its neuron 254")]
    [InlineData("model", "\"weights\":[255,", "\"weights\":[255,0,", "an axon type has one whole-number weight per neuron of the core (4)")]
    [InlineData("relay", "\"threshold\":0", "\"threshold\":1", "a relay core's neurons are relays")]
    [InlineData("relay", "\"axon_types\":[{\"projection\":3", "\"axon_types\":[{\"projection\":1", "this synapse is of projection 3, and its axon's type is projection 1's")]
    [InlineData("relay", "[3,", "[4,", "this synapse names projection 4, which the manifest does not list")]
    [InlineData("manifest", "\"neurons\": ", "\"neurons\": 1", "the relay cores do not hold relay neurons")]
    public void ADamagedRelayOrAxonTypeIsReported(string file, string find, string replace, string message)
    {
        var (target, configuration) = Relayed();
        string folder = Write(configuration, "damaged-" + file + replace.Length);
        var relay = configuration.Cores.First(c => c.Population == configuration.Relays!.Population);
        var model = configuration.Cores.First(c => c.Population != configuration.Relays!.Population && c.Synapses.Length > 0);
        string path = Path.Combine(folder, file == "manifest" ? "manifest.json" : ConfigurationWriter.CoreFile(file == "relay" ? relay.Core : model.Core));
        string text = File.ReadAllText(path);
        Assert.Contains(find, text);
        File.WriteAllText(path, ReplaceFirst(text, find, replace));
        ConfigurationHashes.Rewrite(folder); // past the hashes: the reader's own checks must catch it
        var diagnostics = new DiagnosticBag();
        Assert.Null(ConfigurationReader.Read(folder, (DigitalHardware)target.Hardware, diagnostics));
        Assert.Contains(diagnostics.Items, d => d.IsError && d.Message.Contains(message));
        Assert.DoesNotContain(diagnostics.Items, d => d.Code == ErrorCode.ConfigurationFileChanged);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        int at = text.IndexOf(find, StringComparison.Ordinal);
        return text[..at] + replace + text[(at + find.Length)..];
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
