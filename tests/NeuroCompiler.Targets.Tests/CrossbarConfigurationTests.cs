using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Output;
using NeuroCompiler.TestSupport;
using NeuroCompiler.Targets.Configuration;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Tests;

/// <summary>A crossbar configuration reads back as written, the same seed gives the same files, and a damaged one says where.</summary>
public sealed class CrossbarConfigurationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuroc-crossbar-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CrossbarConfiguration Compile(string target, string seed = "1")
    {
        var network = Models.CompileFile(Repository.Path("samples", "cuba.neuro"), $"seed={seed}", "duration=100 ms").Network!;
        var diagnostics = new DiagnosticBag();
        var mapping = CrossbarMapper.Map(new MappingRequest(network, CrossbarTargets.Repository(target), () => new Dictionary<int, double> { [0] = 5 },
            new MappingOptions(DriftAware: true, FaultAware: true)), diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items.Select(d => d.Message)));
        return CrossbarConfiguration.From(network, mapping!, "model-hash", "target-hash");
    }

    private string Write(CrossbarConfiguration configuration, string name)
    {
        string folder = Path.Combine(_folder, name);
        using var atomic = new AtomicDirectory(folder);
        CrossbarConfigurationWriter.Write(configuration, atomic);
        atomic.Commit();
        return folder;
    }

    private static string Canonical(CrossbarConfiguration c) => string.Join("\n",
        new[] { $"{c.Model} {c.ModelHash} {c.Target} {c.TargetHash} {c.Seed} {c.DeviceTimestep:R} {c.DriftAware} {c.FaultAware}" }
            .Concat(c.Neurons.Select(n => $"{n.Population} {n.Name} {n.Size} {n.Membrane} {string.Join(";", n.Decays.Select(d => $"{d.State}:{string.Join(",", d.Shifts)}"))} {n.Threshold} {n.Bias} {n.Rest} {n.RefractorySteps}"))
            .Concat(c.Groups.Select(g => g.ToString()))
            .Concat(c.Tiles.Select(t => $"{t.Tile} {t.Group} {t.Start} {t.Count} {t.ColumnsUsed} {t.Synapses} [{string.Join(";", t.Rows)}] [{string.Join(";", t.Cells)}]")));

    [Theory]
    [InlineData("rram-1t1r-128")]
    [InlineData("pcm-256")]
    public void AConfigurationReadsBackAsWrittenAndKeepsTheTargetsLimits(string target)
    {
        var configuration = Compile(target);
        string folder = Write(configuration, target);
        var diagnostics = new DiagnosticBag();
        var read = CrossbarConfigurationReader.Read(folder, (CrossbarHardware)CrossbarTargets.Repository(target).Hardware, diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items.Take(5).Select(d => d.Message)));
        Assert.Equal(Canonical(configuration), Canonical(read!));
        Assert.InRange(read!.Tiles.Sum(t => t.Synapses), 310_000, 330_000);
    }

    [Fact]
    public void TheSameSeedGivesTheSameFilesAndAnotherSeedOthers()
    {
        string a = Write(Compile("pcm-256", "1"), "one");
        string b = Write(Compile("pcm-256", "1"), "again");
        string c = Write(Compile("pcm-256", "2"), "other");
        foreach (var file in Directory.GetFiles(a).Select(Path.GetFileName))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, file!)), File.ReadAllBytes(Path.Combine(b, file!)));
        }
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(a, "tile-0000.json")), File.ReadAllBytes(Path.Combine(c, "tile-0000.json")));
    }

    [Fact]
    public void ADamagedConfigurationIsReportedWithItsPlace()
    {
        string folder = Write(Compile("rram-1t1r-128"), "damaged");
        string tile = Path.Combine(folder, "tile-0002.json");
        string text = File.ReadAllText(tile);
        int cells = text.IndexOf("\"cells\":[[", StringComparison.Ordinal) + "\"cells\":[[".Length;
        int end = text.IndexOf(']', cells);
        File.WriteAllText(tile, text[..cells] + "0,0,99" + text[end..]);
        File.Delete(Path.Combine(folder, "tile-0005.json"));
        var diagnostics = new DiagnosticBag();
        Assert.Null(CrossbarConfigurationReader.Read(folder, (CrossbarHardware)CrossbarTargets.Repository("rram-1t1r-128").Hardware, diagnostics));
        Assert.Contains(diagnostics.Items, d => d.CodeText == "NC0705" && d.Message.Contains("outside the tile or the target's range") &&
            d.Location!.Text.FileName.EndsWith("tile-0002.json"));
        Assert.Contains(diagnostics.Items, d => d.CodeText == "NC0001" && d.Message.Contains("tile-0005.json"));
    }
}
