using System.Collections.Immutable;
using System.Text.RegularExpressions;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Host;
using NeuroCompiler.IR;
using NeuroCompiler.Output;
using NeuroCompiler.Targets.Configuration;
using NeuroCompiler.Targets.Emulation;
using NeuroCompiler.Targets.Mapping;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Targets.Tests;

/// <summary>
/// A configuration read back without its model (neuroc load): it runs to the same spikes as the mapping verify emulates, fed
/// the same inputs from a spikes.csv; and every kind of tampering is caught, with its code, on digital cores and crossbars.
/// </summary>
public sealed class ConfigurationLoadTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuroc-load-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string Model = HardwareModels.WithInput;

    private static readonly TargetCatalog Catalog = TargetRegistry.Load(Repository.Path("targets"));

    private sealed record Compiled(Network Network, ITargetMapping Mapping, SimulationResult Ideal, string Folder);

    /// <summary>The model mapped onto <paramref name="target"/> (relays where its fan-out needs them) and written, with the ideal run that feeds both.</summary>
    private Compiled Compile(string target)
    {
        var network = Models.Network(Model);
        network = network with
        {
            Recordings = network.Populations.Select(p => (Recording)new SpikeRecording(new PopulationRange(p.Index, 0, p.Size))).ToImmutableArray(),
        };
        var ideal = ReferenceInterpreter.Run(network);
        var rates = ideal.Populations.Select((p, i) => (i, p.MeanRate)).ToDictionary(p => p.i, p => p.MeanRate);
        var description = Catalog.Find(target)!;
        var diagnostics = new DiagnosticBag();
        var mapping = TargetRegistry.Families[description.Family].Map(new MappingRequest(network, description, () => rates, new MappingOptions(InsertRelays: true)), diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items.Select(d => d.Message)));
        string folder = Path.Combine(_folder, target);
        using (var atomic = new AtomicDirectory(folder))
        {
            mapping!.Write(atomic, "model-hash", description.Sha256);
            atomic.Commit();
        }
        return new Compiled(network, mapping, ideal, folder);
    }

    private static ILoadedConfiguration? Load(string folder, DiagnosticBag diagnostics, TargetCatalog? catalog = null) =>
        ConfigurationLoader.Load(folder, catalog ?? Catalog, diagnostics);

    /// <summary>The ideal run's spikes as neuroc run writes them, read back as the input file of the loaded configuration.</summary>
    private InputSpikeFile Inputs(Compiled compiled, ILoadedConfiguration loaded)
    {
        string run = Path.Combine(_folder, "run");
        ResultWriter.Write(compiled.Ideal, new RunInfo(TimeSpan.Zero, "test", 1, null), run);
        var text = NeuroCompiler.Core.Text.SourceText.From(File.ReadAllText(Path.Combine(run, "spikes.csv")), "spikes.csv");
        var diagnostics = new DiagnosticBag();
        var inputs = InputSpikeFile.Read(text, loaded.Outline, loaded.Identity.DeviceTimestep, diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items.Select(d => d.Message)));
        return inputs!;
    }

    [Theory]
    [InlineData("loihi-like")]
    [InlineData("truenorth-like")]
    [InlineData("pcm-256")]
    public void ALoadedConfigurationRunsToTheSpikesVerifyEmulates(string target)
    {
        var compiled = Compile(target);
        var diagnostics = new DiagnosticBag();
        var loaded = Load(compiled.Folder, diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items.Select(d => d.ToString())));
        var inputs = Inputs(compiled, loaded!);
        // The spikes.csv route gives the very device steps verify feeds the emulation.
        var onChip = loaded!.Outline.Populations.Where(p => p.OnChip).Select(p => p.Index).ToHashSet();
        var verified = FidelityComparison.Inputs(compiled.Network, onChip, compiled.Ideal, loaded.Identity.DeviceTimestep);
        Assert.Equal(verified.OrderBy(s => (s.Step, s.Population, s.Neuron)), inputs.Spikes.OrderBy(s => (s.Step, s.Population, s.Neuron)));
        Assert.True(inputs.Spikes.Length > 100);
        Assert.True(inputs.OnChipLeftOut > 0);

        var times = ImmutableArray.Create(1.0, 86400.0);
        var runs = loaded.Emulate(FidelityComparison.DeviceSteps(loaded.Outline.Duration, loaded.Identity.DeviceTimestep), inputs.Spikes, times);
        var fidelity = compiled.Mapping.Verify(compiled.Ideal, new VerificationOptions(times));

        Assert.Equal(fidelity.Points.Length, runs.Count);
        for (int k = 0; k < runs.Count; k++)
        {
            var point = fidelity.Points[k].Report;
            Assert.Equal(fidelity.Points[k].Condition, runs[k].Condition);
            Assert.Equal(point.MappedSpikes, runs[k].Spikes.Length);
            foreach (var population in point.Populations)
            {
                var p = loaded.Outline.Populations.Single(q => q.Name == population.Population);
                Assert.Equal(population.MappedRate, runs[k].Spikes.Count(s => s.Population == p.Index) / (p.Size * loaded.Outline.Duration));
            }
            Assert.Equal(point.Notes.Where(n => !n.Contains("task")), runs[k].Notes);
        }
        Assert.True(runs[0].Spikes.Length > 0, "the emulation has spikes to compare");
    }

    [Theory]
    [InlineData("loihi-like")]
    [InlineData("truenorth-like")]
    [InlineData("pcm-256")]
    public void ALoadedConfigurationRunsFromWhatItHoldsAlone(string target)
    {
        // The same folder, read twice into fresh objects, gives the same spikes: nothing but the files feeds the run.
        var compiled = Compile(target);
        var first = Load(compiled.Folder, new DiagnosticBag())!;
        var second = Load(compiled.Folder, new DiagnosticBag())!;
        var inputs = Inputs(compiled, first).Spikes;
        long steps = FidelityComparison.DeviceSteps(first.Outline.Duration, first.Identity.DeviceTimestep);
        var a = first.Emulate(steps, inputs, new[] { 60.0 })[0].Spikes;
        var b = second.Emulate(steps, inputs, new[] { 60.0 })[0].Spikes;
        int differ = a.Zip(b).TakeWhile(p => p.First == p.Second).Count();
        Assert.True(a.Length == b.Length && differ == a.Length, $"{a.Length} vs {b.Length} spikes, first differ at {differ}: {(differ < a.Length ? a[differ] : null)} vs {(differ < b.Length ? b[differ] : null)}");
        Assert.NotEqual(a, first.Emulate(steps, Array.Empty<DeviceSpike>(), new[] { 60.0 })[0].Spikes); // the inputs matter
    }

    /// <summary>A change to one file, as text; <c>rehash</c>: the hashes recomputed afterwards, so the reader's own checks must catch it.</summary>
    public static TheoryData<string, string, string, bool, ErrorCode, string> Tamperings() => new()
    {
        // Without fixing the hashes: the manifest's SHA-256 catches every change and names the file.
        { "loihi-like", "a weight's sign flipped", "core-0000.json", false, ErrorCode.ConfigurationFileChanged, "core-0000.json is not the file that was written" },
        { "loihi-like", "a synapse deleted", "core-0000.json", false, ErrorCode.ConfigurationFileChanged, "core-0000.json is not the file that was written" },
        { "loihi-like", "an extra core", "core-0002.json", false, ErrorCode.ConfigurationFileUnlisted, "core-0002.json is in the configuration folder, and the manifest does not list it" },
        { "loihi-like", "a hash changed", "manifest.json", false, ErrorCode.ConfigurationFileChanged, "manifest.json is not the file that was written" },
        { "loihi-like", "a file missing", "core-0000.json", false, ErrorCode.CannotReadFile, "core-0000.json: the configuration has no such file" },
        { "loihi-like", "truncated JSON", "core-0000.json", false, ErrorCode.ConfigurationFileChanged, "core-0000.json is not the file that was written" },
        { "loihi-like", "truncated JSON", "core-0000.json", true, ErrorCode.TargetSyntax, "" },
        { "loihi-like", "an exponent changed", "manifest.json", false, ErrorCode.ConfigurationFileChanged, "manifest.json is not the file that was written" },
        { "truenorth-like", "a weight's sign flipped", "core-0000.json", false, ErrorCode.ConfigurationFileChanged, "core-0000.json is not the file that was written" },
        { "truenorth-like", "a synapse deleted", "core-0001.json", false, ErrorCode.ConfigurationFileChanged, "core-0001.json is not the file that was written" },
        { "truenorth-like", "an extra core", "core-0999.json", false, ErrorCode.ConfigurationFileUnlisted, "core-0999.json is in the configuration folder" },
        { "truenorth-like", "truncated JSON", "core-0002.json", false, ErrorCode.ConfigurationFileChanged, "core-0002.json is not the file that was written" },
        { "pcm-256", "a weight's sign flipped", "tile-0000.json", false, ErrorCode.ConfigurationFileChanged, "tile-0000.json is not the file that was written" },
        { "pcm-256", "a synapse deleted", "tile-0000.json", false, ErrorCode.ConfigurationFileChanged, "tile-0000.json is not the file that was written" },
        { "pcm-256", "an extra tile", "tile-0999.json", false, ErrorCode.ConfigurationFileUnlisted, "tile-0999.json is in the configuration folder" },
        { "pcm-256", "a hash changed", "manifest.json", false, ErrorCode.ConfigurationFileChanged, "manifest.json is not the file that was written" },
        { "pcm-256", "a file missing", "tile-0001.json", false, ErrorCode.CannotReadFile, "tile-0001.json: the configuration has no such file" },
        { "pcm-256", "truncated JSON", "tile-0001.json", false, ErrorCode.ConfigurationFileChanged, "tile-0001.json is not the file that was written" },
        // With the hashes fixed: the target's limits and the parts' consistency catch it, at its place.
        { "loihi-like", "an extra core, counted", "core-0002.json", true, ErrorCode.ConfigurationInconsistent, "neuron 0 of population 0 is on core 0 and on core 2" },
        { "loihi-like", "a core's place taken", "core-0001.json", true, ErrorCode.ConfigurationInconsistent, "where core 0 is" },
        { "loihi-like", "a mantissa beyond the weight bits", "core-0000.json", true, ErrorCode.TargetValueOutOfRange, "beyond the target's 8-bit weights" },
        { "loihi-like", "a delay beyond the target's", "core-0000.json", true, ErrorCode.TargetValueOutOfRange, "outside the target's 0–62" },
        { "loihi-like", "an exponent beyond the target's", "manifest.json", true, ErrorCode.TargetValueOutOfRange, "'projections[0].exponent' is 12; it must be between 0 and 7" },
        { "loihi-like", "a synapse from a neuron that does not exist", "core-0000.json", true, ErrorCode.ConfigurationInconsistent, "which does not exist" },
        { "loihi-like", "a route to a core that does not exist", "core-0000.json", true, ErrorCode.ConfigurationInconsistent, "routes spikes to core 9, and there are 2 cores" },
        { "loihi-like", "a route removed", "core-0000.json", true, ErrorCode.ConfigurationInconsistent, "its routes do not go there" },
        { "loihi-like", "more cores than the chip has", "manifest.json", true, ErrorCode.TargetValueOutOfRange, "'cores' is 129; it must be between 0 and 128" },
        { "loihi-like", "a synapse onto a state the core lacks", "manifest.json", true, ErrorCode.ConfigurationInconsistent, "and core 0's neurons have no such state" },
        { "loihi-like", "a population left off the cores", "manifest.json", true, ErrorCode.ConfigurationInconsistent, "which runs on the device, is on no core" },
        { "truenorth-like", "a weight's sign flipped", "core-0000.json", true, ErrorCode.TargetValueOutOfRange, "and its axon's type gives its neuron" },
        { "truenorth-like", "a route removed", "core-0000.json", true, ErrorCode.ConfigurationInconsistent, "its routes do not go there" },
        { "pcm-256", "a level beyond the cells'", "tile-0000.json", true, ErrorCode.TargetValueOutOfRange, "outside the tile or the target's range" },
        { "pcm-256", "a row from a neuron that does not exist", "tile-0000.json", true, ErrorCode.ConfigurationInconsistent, "which does not exist" },
        { "pcm-256", "a tile's neurons beyond its population", "tile-0000.json", true, ErrorCode.ConfigurationInconsistent, "which has 160" },
        { "pcm-256", "a group feeding a state the circuits lack", "manifest.json", true, ErrorCode.ConfigurationInconsistent, "which has no neuron circuits with that state" },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void TamperingIsCaughtWithItsCode(string target, string tampering, string file, bool rehash, ErrorCode code, string message)
    {
        var compiled = Compile(target);
        string path = Path.Combine(compiled.Folder, file);
        Tamper(compiled.Folder, path, tampering);
        if (rehash)
        {
            ConfigurationHashes.Rewrite(compiled.Folder);
        }
        var diagnostics = new DiagnosticBag();
        Assert.Null(Load(compiled.Folder, diagnostics));
        var found = diagnostics.Items.Where(d => d.Code == code && d.Message.Contains(message)).ToList();
        Assert.True(found.Count > 0, $"no {DiagnosticCatalogue.Text(code)} '{message}' among:\n{string.Join("\n", diagnostics.Items)}");
        Assert.All(found, d => Assert.True(d.IsError));
        if (rehash)
        {
            Assert.DoesNotContain(diagnostics.Items, d => d.Code is ErrorCode.ConfigurationFileChanged or ErrorCode.ConfigurationFileUnlisted);
        }
        if (code != ErrorCode.CannotReadFile)
        {
            // At its place: the file and its line and column.
            Assert.Contains(found, d => d.Location is { } l && Path.GetDirectoryName(l.Text.FileName) == compiled.Folder);
        }
    }

    private static void Tamper(string folder, string path, string tampering)
    {
        string text = File.Exists(path) ? File.ReadAllText(path) : "";
        string Synapses(Func<Match, string> change) => Regex.Replace(text, @"""synapses"":\[\[(-?\d+),(-?\d+),(-?\d+),(-?\d+),(-?\d+),(-?\d+)\]", m => change(m), RegexOptions.None, TimeSpan.FromSeconds(5));
        string Rows(Func<Match, string> change) => new Regex(@"""rows"":\[\[(-?\d+),(-?\d+),(-?\d+)\]").Replace(text, m => change(m), 1);
        string Field(string name, string value) => new Regex($@"""{name}"":\s*-?\d+").Replace(text, $"\"{name}\":{value}", 1);
        string Copy(string from) => File.ReadAllText(Path.Combine(folder, from));
        string result = tampering switch
        {
            "a weight's sign flipped" when text.Contains("\"cells\"") => new Regex(@"""cells"":\[\[(\d+),(\d+),(\d+)\]").Replace(text, m => $"\"cells\":[[{m.Groups[1]},{int.Parse(m.Groups[2].Value) ^ 1},{m.Groups[3]}]", 1),
            "a weight's sign flipped" => Synapses(m => $"\"synapses\":[[{m.Groups[1]},{m.Groups[2]},{m.Groups[3]},{m.Groups[4]},{-int.Parse(m.Groups[5].Value) - 1},{m.Groups[6]}]"),
            "a synapse deleted" when text.Contains("\"cells\"") => new Regex(@"""cells"":\[\[\d+,\d+,\d+\],").Replace(text, "\"cells\":[", 1),
            "a synapse deleted" => new Regex(@"""synapses"":\[\[[-\d,]+\],").Replace(text, "\"synapses\":[", 1),
            "an extra core" or "an extra tile" or "an extra core, counted" => Copy(File.Exists(Path.Combine(folder, "core-0000.json")) ? "core-0000.json" : "tile-0000.json"),
            "a hash changed" => new Regex(@"""(core|tile)-0000\.json"": ""[0-9a-f]").Replace(text, m => m.Value[..^1] + (m.Value[^1] == '0' ? "1" : "0"), 1),
            "a file missing" => "",
            "truncated JSON" => text[..(text.Length / 2)],
            "an exponent changed" => new Regex(@"""exponent"": (\d+)").Replace(text, m => $"\"exponent\": {int.Parse(m.Groups[1].Value) + 1}", 1),
            "a core's place taken" => Field("x", "0"),
            "a mantissa beyond the weight bits" => Synapses(m => $"\"synapses\":[[{m.Groups[1]},{m.Groups[2]},{m.Groups[3]},{m.Groups[4]},300,{m.Groups[6]}]"),
            "a delay beyond the target's" => Synapses(m => $"\"synapses\":[[{m.Groups[1]},{m.Groups[2]},{m.Groups[3]},{m.Groups[4]},{m.Groups[5]},63]"),
            "an exponent beyond the target's" => new Regex(@"""exponent"": \d+").Replace(text, "\"exponent\": 12", 1),
            "a synapse from a neuron that does not exist" => Synapses(m => $"\"synapses\":[[{m.Groups[1]},{m.Groups[2]},99999,{m.Groups[4]},{m.Groups[5]},{m.Groups[6]}]"),
            "a route to a core that does not exist" => text.Replace("\"routes\":[", "\"routes\":[9,"),
            "a route removed" => Regex.Replace(text, @"""routes"":\[[\d,]*\]", "\"routes\":[]"),
            "more cores than the chip has" => Regex.Replace(text, @"""cores"": \d+", "\"cores\": 129"),
            "a synapse onto a state the core lacks" => new Regex(@"""target_state"": ""[^""]+""").Replace(text, "\"target_state\": \"nothing\"", 1),
            "a population left off the cores" => new Regex(@"""on_chip"": false").Replace(text, "\"on_chip\": true", 1),
            "a level beyond the cells'" => new Regex(@"""cells"":\[\[(\d+),(\d+),(\d+)\]").Replace(text, m => $"\"cells\":[[{m.Groups[1]},{m.Groups[2]},99]", 1),
            "a row from a neuron that does not exist" => Rows(m => $"\"rows\":[[{m.Groups[1]},99999,{m.Groups[3]}]"),
            "a tile's neurons beyond its population" => Field("start", "150"),
            "a group feeding a state the circuits lack" => new Regex(@"""state"": ""[^""]+""").Replace(text, "\"state\": \"nothing\"", 1),
            _ => throw new ArgumentException(tampering),
        };
        if (tampering == "a file missing")
        {
            File.Delete(path);
            return;
        }
        Assert.NotEqual(text, result);
        if (tampering == "an extra core, counted")
        {
            // Listed too: the manifest counts it, so only its contents can give it away.
            string manifest = Path.Combine(folder, "manifest.json");
            File.WriteAllText(manifest, Regex.Replace(File.ReadAllText(manifest), @"""cores"": 2,", "\"cores\": 3,"));
            result = result.Replace("\"core\":0,", "\"core\":2,").Replace("\"chip\":0,\"x\":0,\"y\":0", "\"chip\":0,\"x\":2,\"y\":0");
        }
        File.WriteAllText(path, result);
    }

    [Fact]
    public void AConfigurationCompiledForAnotherDescriptionOfItsTargetIsRefused()
    {
        var compiled = Compile("loihi-like");
        string targets = Path.Combine(_folder, "targets");
        Directory.CreateDirectory(targets);
        File.WriteAllText(Path.Combine(targets, "loihi-like.json"),
            File.ReadAllText(Repository.Path("targets", "loihi-like.json")).Replace("\"max_steps\": 62", "\"max_steps\": 61"));
        var diagnostics = new DiagnosticBag();
        Assert.Null(Load(compiled.Folder, diagnostics, TargetRegistry.Load(targets)));
        var error = Assert.Single(diagnostics.Items);
        Assert.Equal(ErrorCode.ConfigurationTargetMismatch, error.Code);
        Assert.Contains("the configuration was compiled for another description of 'loihi-like'", error.Message);
        Assert.EndsWith("manifest.json", error.Location!.Text.FileName);
    }

    [Fact]
    public void CoresBeyondTheTargetsRoutingLimitsAreRefused()
    {
        // A configuration that claims a description whose routing it exceeds: E's neurons reach two cores (E's and I's),
        // and E's core sends on more output axons than this description's cores have.
        var compiled = Compile("loihi-like");
        string targets = Path.Combine(_folder, "narrow");
        Directory.CreateDirectory(targets);
        string text = File.ReadAllText(Repository.Path("targets", "loihi-like.json"))
            .Replace("\"max_fan_out\": 4096", "\"max_fan_out\": 1").Replace("\"output_axons\": 4096", "\"output_axons\": 100");
        File.WriteAllText(Path.Combine(targets, "loihi-like.json"), text);
        var catalog = TargetRegistry.Load(targets);
        string manifest = Path.Combine(compiled.Folder, "manifest.json");
        File.WriteAllText(manifest, Regex.Replace(File.ReadAllText(manifest), @"""target_sha256"": ""[0-9a-f]+""", $"\"target_sha256\": \"{catalog.Find("loihi-like")!.Sha256}\""));
        ConfigurationHashes.Rewrite(compiled.Folder);
        var diagnostics = new DiagnosticBag();
        Assert.Null(Load(compiled.Folder, diagnostics, catalog));
        Assert.Contains(diagnostics.Items, d => d.Code == ErrorCode.TargetLimitExceeded && d.Message.Contains("a neuron of core 0 reaches 2 cores, and the target's fan-out is 1") &&
            d.Location!.Text.FileName.EndsWith("core-0000.json"));
        Assert.Contains(diagnostics.Items, d => d.Code == ErrorCode.TargetLimitExceeded && d.Message.Contains("output axons (one per neuron and destination core), and the target's cores have 100"));
    }

    [Fact]
    public void AConfigurationOfAnOlderVersionIsRefusedWithWhatToDo()
    {
        var compiled = Compile("loihi-like");
        string manifest = Path.Combine(compiled.Folder, "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace($"\"version\": {DigitalConfiguration.Version}", "\"version\": 3"));
        var diagnostics = new DiagnosticBag();
        Assert.Null(Load(compiled.Folder, diagnostics));
        var error = Assert.Single(diagnostics.Items);
        Assert.Equal(ErrorCode.ConfigurationTooOld, error.Code);
        Assert.Contains("compile the model again", error.Message);
    }

    [Theory]
    [InlineData("population,index,time_ms\nnowhere,0,1.0\n", 2, 1, "the configuration's model has no population 'nowhere' (it has E, I, noise)")]
    [InlineData("population,index,time_ms\nnoise,100,1.0\n", 2, 7, "'100' is not a neuron of 'noise' (0 to 99)")]
    [InlineData("population,index,time_ms\nnoise,3,-1\n", 2, 9, "'-1' is not a time in milliseconds from 0 on")]
    [InlineData("population,index,time_ms\nnoise,3,NaN\n", 2, 9, "'NaN' is not a time in milliseconds from 0 on")]
    [InlineData("population,index,time_ms\nnoise,3\n", 2, 1, "a spike is 'population,index,time_ms', and this line has 2 field(s)")]
    [InlineData("index,time_ms\n", 1, 1, "an input spike file starts with the line 'population,index,time_ms'")]
    public void ABadInputSpikeLineIsReportedAtItsPlace(string file, int line, int column, string message)
    {
        var compiled = Compile("loihi-like");
        var loaded = Load(compiled.Folder, new DiagnosticBag())!;
        var diagnostics = new DiagnosticBag();
        Assert.Null(InputSpikeFile.Read(NeuroCompiler.Core.Text.SourceText.From(file, "in.csv"), loaded.Outline, loaded.Identity.DeviceTimestep, diagnostics));
        var error = Assert.Single(diagnostics.Items);
        Assert.Equal(ErrorCode.BadInputSpike, error.Code);
        Assert.Equal(message, error.Message);
        Assert.Equal(line, error.Location!.Start.Line);
        Assert.Equal(column, error.Location.Start.Column);
    }

    [Fact]
    public void AFileOfBadLinesIsReportedUpToALimit()
    {
        var compiled = Compile("loihi-like");
        var loaded = Load(compiled.Folder, new DiagnosticBag())!;
        var diagnostics = new DiagnosticBag();
        string file = InputSpikeFile.Header + "\n" + string.Concat(Enumerable.Repeat("noise,x,1\n", 150));
        Assert.Null(InputSpikeFile.Read(NeuroCompiler.Core.Text.SourceText.From(file, "in.csv"), loaded.Outline, loaded.Identity.DeviceTimestep, diagnostics));
        Assert.Equal(NeuroCompiler.Core.Limits.MaxInputSpikeErrors + 1, diagnostics.Items.Count);
        Assert.Equal($"stopped after {NeuroCompiler.Core.Limits.MaxInputSpikeErrors} bad lines", diagnostics.Items[^1].Message);
    }

    [Fact]
    public void AnErrorInALongLineShowsThePartOfTheLineAroundIt()
    {
        // A core file is one line of many thousand characters: the diagnostic shows the synapse, not the line.
        var compiled = Compile("loihi-like");
        string core = Path.Combine(compiled.Folder, "core-0000.json");
        Tamper(compiled.Folder, core, "a mantissa beyond the weight bits");
        ConfigurationHashes.Rewrite(compiled.Folder);
        var diagnostics = new DiagnosticBag();
        Assert.Null(Load(compiled.Folder, diagnostics));
        var error = Assert.Single(diagnostics.Items);
        Assert.True(File.ReadAllText(core).Length > 10 * NeuroCompiler.Core.Diagnostics.DiagnosticFormatter.MaxShownLine);
        var lines = NeuroCompiler.Core.Diagnostics.DiagnosticFormatter.Format(error).Split('\n');
        Assert.InRange(lines[1].Length, 20, NeuroCompiler.Core.Diagnostics.DiagnosticFormatter.MaxShownLine + 10);
        int caret = lines[2].IndexOf('^');
        Assert.StartsWith("[", lines[1][caret..]);
        Assert.Contains(",300,", lines[1][caret..]);
    }
}
