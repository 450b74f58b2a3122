using System.Text.RegularExpressions;
using NeuroCompiler.Cli;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.EndToEnd.Tests;

/// <summary>
/// neuroc load as a user runs it: compile, then load the folder alone (inputs from run's spikes.csv) gives the rates verify
/// --target gives the mapping; a tampered folder is a coded error at its place, exit 65; bad options exit 64.
/// </summary>
public sealed class LoadCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuroc-load-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Code, string Output, string Error) Neuroc(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private const string Model = HardwareModels.WithInput;

    private string ModelFile()
    {
        string path = Path.Combine(_folder, "loaded.neuro");
        File.WriteAllText(path, Model);
        return path;
    }

    private string Targets => Repository.Path("targets");

    /// <summary>Compiles the model for <paramref name="target"/> into a folder; returns it.</summary>
    private string Compile(string target)
    {
        string folder = Path.Combine(_folder, target);
        var (code, _, error) = Neuroc("compile", ModelFile(), "--target", target, "--targets", Targets, "--insert-relays", "--out", folder);
        Assert.True(code == 0, error);
        return folder;
    }

    /// <summary>"condition population ... rate Hz" of each population, from verify --target's mapped column or load's rate column.</summary>
    private static List<string> Rates(string output, bool verify) =>
        output.Split('\n').Select(l => Regex.Match(l, verify
                ? @"^\s+(?<c>\S+(?: \S+)?)\s+(?<p>E|I)\s+[\d.]+ Hz\s+(?<r>[\d.]+) Hz"
                : @"^\s+(?<c>\S+(?: \S+)?)\s+(?<p>E|I)\s+\d+\s+[\d,]+\s+(?<r>[\d.]+) Hz"))
            .Where(m => m.Success).Select(m => $"{m.Groups["c"].Value} {m.Groups["p"].Value} {m.Groups["r"].Value}").ToList();

    [Theory]
    [InlineData("loihi-like")]
    [InlineData("truenorth-like")]
    [InlineData("pcm-256")]
    public void LoadingTheCompiledFolderAloneGivesTheRatesVerifyGivesTheMapping(string target)
    {
        string model = ModelFile();
        string run = Path.Combine(_folder, "run");
        Assert.Equal(0, Neuroc("run", model, "--out", run, "--quiet").Code);
        string folder = Compile(target);

        var (code, loaded, error) = Neuroc("load", folder, "--targets", Targets, "--input", Path.Combine(run, "spikes.csv"), "--after", "1s", "1day");
        Assert.True(code == 0, error);
        var (verifyCode, verified, verifyError) = Neuroc("verify", model, "--target", target, "--targets", Targets, "--insert-relays", "--after", "1s", "1day");
        Assert.True(verifyCode == 0, verifyError);

        Assert.Contains($"loaded on {target}: {folder}", loaded);
        Assert.Contains("checked: every file against the manifest's SHA-256, the target's limits, and each other", loaded);
        Assert.Matches(@"input: [\d,]+ spikes of noise from .*spikes\.csv \([\d,]+ spikes of populations on the device left out", loaded);
        var rates = Rates(loaded, verify: false);
        Assert.True(rates.Count >= 2, loaded);
        Assert.Equal(Rates(verified, verify: true), rates);
        Assert.Contains(rates, r => !r.EndsWith(" 0.000")); // there are spikes to agree on
    }

    [Fact]
    public void WithoutInputTheInputPopulationsStaySilent()
    {
        string folder = Compile("loihi-like");
        var (code, output, error) = Neuroc("load", folder, "--targets", Targets, "--duration", "50ms");
        Assert.True(code == 0, error);
        Assert.Contains("input: none given (--input): noise stay silent", output);
        Assert.Contains("emulated 0.05 s: 50 device steps of 1 ms", output);
    }

    [Fact]
    public void AFlippedWeightIsAnErrorNamingTheFileAtItsPlace()
    {
        string folder = Compile("loihi-like");
        string core = Path.Combine(folder, "core-0000.json");
        string text = File.ReadAllText(core);
        var synapse = Regex.Match(text, @"""synapses"":\[\[(-?\d+),(-?\d+),(-?\d+),(-?\d+),(-?\d+),");
        File.WriteAllText(core, text.Replace(synapse.Value, synapse.Value.Replace($",{synapse.Groups[5].Value},", $",{-int.Parse(synapse.Groups[5].Value)},")));
        var (code, output, error) = Neuroc("load", folder, "--targets", Targets);
        Assert.Equal(65, code);
        Assert.Equal("", output);
        Assert.Matches(@"manifest\.json:\d+:\d+: error NC0714: core-0000\.json is not the file that was written: its SHA-256 is [0-9a-f]{64}, and the manifest says [0-9a-f]{64}", error);
        Assert.Contains("^~~~", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void AnExtraCoreIsAnError()
    {
        string folder = Compile("loihi-like");
        File.Copy(Path.Combine(folder, "core-0001.json"), Path.Combine(folder, "core-0002.json"));
        var (code, _, error) = Neuroc("load", folder, "--targets", Targets);
        Assert.Equal(65, code);
        Assert.Contains("error NC0715: core-0002.json is in the configuration folder, and the manifest does not list it", error);
    }

    [Fact]
    public void BadInputSpikesAreErrorsAtTheirLine()
    {
        string folder = Compile("pcm-256");
        string input = Path.Combine(_folder, "in.csv");
        File.WriteAllText(input, "population,index,time_ms\nnoise,1,2.5\nnoise,1000,3\n");
        var (code, _, error) = Neuroc("load", folder, "--targets", Targets, "--input", input);
        Assert.Equal(65, code);
        Assert.Contains($"{input}:3:7: error NC0718: '1000' is not a neuron of 'noise' (0 to 99)", error);
    }

    [Theory]
    [InlineData("--duration", "5 parsecs", "error NC0904: --duration expects a time greater than zero with its unit (e.g. 2s, 500 ms, 1.5 min); got '5 parsecs'")]
    [InlineData("--duration", "-1 s", "error NC0904: --duration expects a time greater than zero with its unit (e.g. 2s, 500 ms, 1.5 min); got '-1 s'")]
    [InlineData("--after", "soon", "error NC0904: --after: 'soon' is not a time greater than zero")]
    public void BadOptionsAreUsageErrors(string option, string value, string message)
    {
        var (code, _, error) = Neuroc("load", Path.Combine(_folder, "nothing"), "--targets", Targets, option, value);
        Assert.Equal(64, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public void AFolderThatIsNotThereIsAnError()
    {
        string nothing = Path.Combine(_folder, "nothing");
        var (code, _, error) = Neuroc("load", nothing, "--targets", Targets);
        Assert.Equal(64, code);
        Assert.Contains($"error NC0905: there is no folder '{nothing}' (a configuration folder written by neuroc compile)", error);
    }
}
