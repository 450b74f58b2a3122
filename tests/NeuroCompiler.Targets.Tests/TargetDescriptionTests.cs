using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Targets.Tests;

/// <summary>The descriptions in targets/ load, and broken ones say what is wrong, where.</summary>
public class TargetDescriptionTests
{
    private static (TargetDescription? Target, IReadOnlyList<Diagnostic> Errors) Read(string json)
    {
        var diagnostics = new DiagnosticBag();
        var target = TargetRegistry.Read(SourceText.From(json, "target.json"), diagnostics);
        return (target, diagnostics.ToSortedList());
    }

    private static string Repo(string file) => File.ReadAllText(Repository.Path("targets", file));

    [Fact]
    public void TheRepositorysTargetsLoadWithoutAProblem()
    {
        var catalog = TargetRegistry.Load(Repository.Path("targets"));
        Assert.Empty(catalog.Diagnostics);
        Assert.Equal(new[] { "loihi-like", "pcm-256", "rram-1t1r-128", "truenorth-like" }, catalog.Targets.Select(t => t.Name).Order());
        Assert.Equal(2, catalog.Targets.Count(t => t.Family == "memristor_crossbar"));
        Assert.Equal(2, catalog.Targets.Count(t => t.Family == "digital_core"));
    }

    [Fact]
    public void ACrossbarDescriptionIsReadInSiUnits()
    {
        var pcm = (CrossbarHardware)Read(Repo("pcm-256.json")).Target!.Hardware;
        Assert.Equal((256, 256, 1024), (pcm.Array.Rows, pcm.Array.Columns, pcm.Array.Tiles));
        Assert.Equal(WeightScheme.Differential, pcm.Encoding.Scheme);
        Assert.Equal(2, pcm.Encoding.CellsPerWeight);
        Assert.Equal(0.1e-6, pcm.Device.GMin, 1e-15);
        Assert.Equal(25e-6, pcm.Device.GMax, 1e-15);
        Assert.Equal(20, pcm.Device.Drift!.T0);
        Assert.Equal(new[] { 0.1, 0.07, 0.05 }, pcm.Device.Drift.Nu.Select(p => p.NuMean));
        Assert.Equal(0.2, pcm.Periphery.ReadVoltage);
        Assert.Equal(1e-3, pcm.Neuron.Timestep);
        Assert.Equal(200e-12, pcm.Costs.WriteEnergy, 1e-20);
    }

    [Fact]
    public void ADigitalDescriptionIsRead()
    {
        var loihi = (DigitalHardware)Read(Repo("loihi-like.json")).Target!.Hardware;
        Assert.Equal(1024, loihi.Core.Neurons);
        Assert.Equal(1L << 20, loihi.Core.SynapseMemoryBits);
        Assert.Equal((1, 8, -8, 7), (loihi.Formats.WeightBitsMin, loihi.Formats.WeightBitsMax, loihi.Formats.ExponentMin, loihi.Formats.ExponentMax));
        Assert.Equal(4096, loihi.Formats.DecayUnity);
        Assert.Equal(62, loihi.Delays.MaxSteps);
        Assert.Contains("pair_stdp", loihi.Learning.Rules);
        var trueNorth = (DigitalHardware)Read(Repo("truenorth-like.json")).Target!.Hardware;
        Assert.True(trueNorth.Core.BinaryCrossbar);
        Assert.Equal(4, trueNorth.Core.AxonTypes);
        Assert.Empty(trueNorth.Learning.Rules);
    }

    /// <summary>Replaces the first occurrence of <paramref name="from"/> in a repository target.</summary>
    private static string Edit(string file, string from, string to)
    {
        var text = Repo(file);
        int at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' is not in {file}");
        return text[..at] + to + text[(at + from.Length)..];
    }

    [Theory]
    [InlineData("pcm-256.json", "\"rows\": 256", "\"rowz\": 256", "NC0702", "unknown field 'array.rowz'; did you mean 'rows'?")]
    [InlineData("pcm-256.json", "\"rows\": 256, ", "", "NC0703", "'array.rows' is missing")]
    [InlineData("pcm-256.json", "\"rows\": 256", "\"rows\": \"many\"", "NC0704", "'array.rows' must be a whole number, not a string")]
    [InlineData("pcm-256.json", "\"rows\": 256", "\"rows\": 0", "NC0705", "'array.rows' is 0; it must be between 1 and 65536")]
    [InlineData("pcm-256.json", "\"rows\": 256", "\"rows\": 25.5", "NC0704", "must be a whole number, not 25.5")]
    [InlineData("pcm-256.json", "\"memristor_crossbar\"", "\"memristor_crossbars\"", "NC0706", "unknown target family \"memristor_crossbars\"; did you mean 'memristor_crossbar'?")]
    [InlineData("pcm-256.json", "\"g_max\": \"25 uS\"", "\"g_max\": \"25 uV\"", "NC0707", "'device.g_max' must be in S (such as \"10 uS\"), but \"25 uV\" is in V")]
    [InlineData("pcm-256.json", "\"g_max\": \"25 uS\"", "\"g_max\": \"25 uQ\"", "NC0704", "unknown unit 'uQ'")]
    [InlineData("pcm-256.json", "\"g_max\": \"25 uS\"", "\"g_max\": 25", "NC0704", "must be a quantity with its unit, such as \"10 uS\", not a number")]
    [InlineData("pcm-256.json", "\"g_max\": \"25 uS\"", "\"g_max\": \"0.01 uS\"", "NC0710", "'device.g_min' (1E-07 S) must be below 'device.g_max' (1E-08 S)")]
    [InlineData("pcm-256.json", "\"scheme\": \"differential\"", "\"scheme\": \"diferential\"", "NC0705", "did you mean 'differential'?")]
    [InlineData("pcm-256.json", "{ \"g\": \"5 uS\"", "{ \"g\": \"50 uS\"", "NC0710", "ascending order")]
    [InlineData("pcm-256.json", "\"models\": [\"lif\"", "\"models\": [\"lifx\"", "NC0705", "\"lifx\" in 'neuron.models' is not one of")]
    [InlineData("pcm-256.json", "\"scheme\": \"differential\"", "\"scheme\": \"bit_sliced\", \"cells_per_weight\": 3", "NC0710", "a bit-sliced weight takes an even number of cells, at least 4")]
    [InlineData("pcm-256.json", "\"decay_terms\": 3", "\"decay_terms\": 9", "NC0705", "'neuron.decay_terms' is 9; it must be between 1 and 8")]
    [InlineData("pcm-256.json", "\"max_steps\": 32", "\"max_steps\": \"32\"", "NC0704", "'delays.max_steps' must be a whole number, not a string")]
    [InlineData("loihi-like.json", "\"x\": 8, \"y\": 16", "\"x\": 8, \"y\": 8", "NC0710", "a 8×8 mesh has 64 places, fewer than the 128 cores per chip")]
    [InlineData("loihi-like.json", "\"decay_unity\": 4096", "\"decay_unity\": 5000", "NC0710", "does not fit in 12 bits")]
    [InlineData("loihi-like.json", "\"max_steps\": 62", "\"max_steps\": -1", "NC0705", "'delays.max_steps' is -1")]
    [InlineData("loihi-like.json", "\"pair_stdp\"", "\"pair_stdpp\"", "NC0705", "did you mean 'pair_stdp'?")]
    [InlineData("loihi-like.json", "\"name\": \"loihi-like\"", "\"name\": \"loihi like\"", "NC0705", "a target name is letters, digits")]
    [InlineData("loihi-like.json", "\"neurons\": 1024,", "\"neurons\": 1024, \"neurons\": 512,", "NC0708", "'core.neurons' is given twice")]
    [InlineData("loihi-like.json", "\"max_fan_out\": 4096 }", "\"max_fan_out\": 4096, }", "NC0701", "a comma before '}' is not allowed in JSON")]
    public void EachKindOfErrorIsReportedAtItsValue(string file, string from, string to, string code, string message)
    {
        string json = Edit(file, from, to);
        var (target, errors) = Read(json);
        Assert.Null(target);
        var error = Assert.Single(errors, e => e.CodeText == code);
        Assert.Contains(message, error.Message);
        Assert.NotNull(error.Location);
        // The span is inside the edit; a missing field or an inconsistency points at the object it concerns.
        int at = Repo(file).IndexOf(from, StringComparison.Ordinal);
        if (code is not ("NC0703" or "NC0710"))
        {
            Assert.InRange(error.Location!.Span.Start, at, at + Math.Max(to.Length, 1));
        }
    }

    [Fact]
    public void EveryErrorInAFileIsReportedInOnePass()
    {
        string json = Edit("pcm-256.json", "\"rows\": 256", "\"rows\": -2");
        json = json.Replace("\"adc_bits\": 10", "\"adc_bits\": 99").Replace("\"read_voltage\": \"0.2 V\"", "\"read_voltage\": \"0.2 A\"");
        var (_, errors) = Read(json);
        Assert.Equal(new[] { "NC0705", "NC0705", "NC0707" }, errors.Select(e => e.CodeText));
        var starts = errors.Select(e => e.Location!.Span.Start).ToList();
        Assert.Equal(starts.Order(), starts);   // in file order
        Assert.Equal(3, starts.Distinct().Count());
    }

    [Theory]
    [InlineData("", "the description ends where a value was expected")]
    [InlineData("[1, 2]", "a target description is an object { ... }, not a list")]
    [InlineData("{ \"name\": \"x\", \"family\": \"digital_core\" ", "expected ',' or '}' after a field")]
    [InlineData("{ \"name\": \"x }", "this string has no closing quote")]
    [InlineData("{ \"name\": \"x\", \"family\": 3 }", "'family' must be a string, not a number")]
    public void BrokenJsonIsADiagnosticNotACrash(string json, string message)
    {
        var (target, errors) = Read(json);
        Assert.Null(target);
        Assert.Contains(errors, e => e.Message.Contains(message));
    }

    [Fact]
    public void TwoTargetsWithOneNameInAFolderIsAnError()
    {
        var folder = Directory.CreateTempSubdirectory("neuroc-targets-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.json"), Repo("pcm-256.json"));
            File.WriteAllText(Path.Combine(folder, "b.json"), Repo("pcm-256.json"));
            var catalog = TargetRegistry.Load(folder);
            Assert.Single(catalog.Targets);
            Assert.Contains(catalog.Diagnostics, d => d.Message.Contains("already described in"));
            Assert.Contains("did you mean 'pcm-256'?", catalog.Unknown("pcm-265"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
