// Two neuroc builds' whole simulation loops, alternated in one process: each build's libraries are
// loaded into their own AssemblyLoadContext from its output folder, and the same model runs on the
// cpu backend with each in turn (one warm-up run each, then A, B, B, A, A, B, ...). Runs in one process see
// the same machine state, so a small difference survives that separate processes' noise hides.
//
//   dotnet run -c Release --project bench/loop_ab -- A_FOLDER B_FOLDER samples/cuba.neuro [--runs N] [--duration 40s] [--threads N] [--set NAME=VALUE]...
//
// --set replaces the value of the model's `param NAME = ...` line (e.g. --set scale=0.1 for the microcircuit).
//
// A_FOLDER, B_FOLDER: the folders holding neuroc.dll (src/NeuroCompiler.Cli/bin/Release/net10.0 of each build).
using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;

if (args.Length < 3)
{
    Console.Error.WriteLine("loop_ab A_FOLDER B_FOLDER MODEL [--runs N] [--duration T] [--threads N] [--set NAME=VALUE]...");
    return 2;
}
int runs = 11, threads = 1;
string? duration = null;
var sets = new List<string>();
for (int k = 3; k + 1 < args.Length; k += 2)
{
    switch (args[k])
    {
        case "--runs": runs = int.Parse(args[k + 1]); break;
        case "--duration": duration = args[k + 1]; break;
        case "--threads": threads = int.Parse(args[k + 1]); break;
        case "--set": sets.Add(args[k + 1]); break;
        default: Console.Error.WriteLine($"unknown option {args[k]}"); return 2;
    }
}
var scratch = new List<string>();
string Scratch(string prefix)
{
    scratch.Add(Directory.CreateTempSubdirectory(prefix).FullName);
    return scratch[^1];
}
string model = args[2];
if (duration is not null || sets.Count > 0)
{
    string text = File.ReadAllText(model);
    if (duration is not null)
    {
        text = Regex.Replace(text, @"duration\s*=\s*[^\n;}]+", $"duration = {Regex.Replace(duration, @"(\d)([a-z])", "$1 $2")}");
    }
    foreach (var set in sets)
    {
        int equals = set.IndexOf('=');
        if (equals <= 0)
        {
            Console.Error.WriteLine($"--set takes NAME=VALUE, not '{set}'");
            return 2;
        }
        var (name, value) = (set[..equals], set[(equals + 1)..]);
        var line = new Regex($@"param\s+{Regex.Escape(name)}\s*=\s*[^\n;/]+");
        if (!line.IsMatch(text))
        {
            Console.Error.WriteLine($"{model} has no 'param {name} = ...' line");
            return 2;
        }
        text = line.Replace(text, $"param {name} = {value}", 1);
    }
    model = Path.Combine(Scratch("loop-ab-"), Path.GetFileName(model));
    File.WriteAllText(model, text);
}
Environment.SetEnvironmentVariable("NEUROC_CACHE", Scratch("loop-ab-cache-"));
var a = new Build(args[0]);
var b = new Build(args[1]);
a.Loop(model, threads);
b.Loop(model, threads);
var ta = new List<double>();
var tb = new List<double>();
var sa = new List<double>();
var sb = new List<double>();
for (int r = 1; r <= runs; r++)
{
    // A then B in odd runs, B then A in even ones: neither build always runs second.
    (double Loop, double Setup) runA, runB;
    if (r % 2 == 1)
    {
        runA = a.Loop(model, threads);
        runB = b.Loop(model, threads);
    }
    else
    {
        runB = b.Loop(model, threads);
        runA = a.Loop(model, threads);
    }
    var ((loopA, setupA), (loopB, setupB)) = (runA, runB);
    ta.Add(loopA);
    tb.Add(loopB);
    sa.Add(setupA);
    sb.Add(setupB);
    Console.WriteLine($"run {r}: A {loopA:0.0000} s, B {loopB:0.0000} s (setup A {setupA:0.000} s, B {setupB:0.000} s)");
}
double Median(List<double> x) { var s = x.Order().ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
var ratios = ta.Zip(tb, (x, y) => y / x).ToList();
Console.WriteLine($"median of {runs} runs: A {Median(ta):0.0000} s, B {Median(tb):0.0000} s, B/A {Median(tb) / Median(ta):0.0000}");
Console.WriteLine($"minimum: A {ta.Min():0.0000} s, B {tb.Min():0.0000} s, B/A {tb.Min() / ta.Min():0.0000}; median of the runs' B/A {Median(ratios):0.0000}");
scratch.ForEach(folder => Directory.Delete(folder, recursive: true));
Console.WriteLine($"setup (building the network, kernels from the cache), median: A {Median(sa):0.000} s, B {Median(sb):0.000} s, B/A {Median(sb) / Median(sa):0.0000}");
return 0;

/// <summary>One build's libraries, in a context of their own; runs a model through its public Engine.</summary>
sealed class Build
{
    private readonly Assembly _driver;
    private readonly Assembly _engine;

    public Build(string folder)
    {
        var context = new BuildContext(Path.GetFullPath(folder));
        _driver = context.LoadFromAssemblyName(new AssemblyName("NeuroCompiler.Driver"));
        _engine = context.LoadFromAssemblyName(new AssemblyName("NeuroCompiler.Engine"));
    }

    /// <summary>Compiles and runs the model; the simulation loop's and the setup's wall time in seconds.</summary>
    public (double Loop, double Setup) Loop(string model, int threads)
    {
        var compilationType = _driver.GetType("NeuroCompiler.Driver.Compilation")!;
        var compilation = compilationType.GetMethod("FromFile")!.Invoke(null, new object?[] { model, null })!;
        if (!(bool)compilationType.GetProperty("Success")!.GetValue(compilation)!)
        {
            throw new InvalidOperationException($"{model} did not compile");
        }
        var simulatorType = _engine.GetType("NeuroCompiler.Engine.Simulator")!;
        var create = simulatorType.GetMethod("Create", new[] { compilationType, typeof(string) })!;
        var simulator = create.Invoke(null, new[] { compilation, "cpu" })!;
        var optionsType = _engine.GetType("NeuroCompiler.Engine.RunOptions")!;
        var options = Activator.CreateInstance(optionsType)!;
        optionsType.GetProperty("Workers")!.SetValue(options, (int?)threads);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var run = simulatorType.GetMethod("Run")!.Invoke(simulator, new[] { options })!;
        var result = run.GetType().GetProperty("Result")!.GetValue(run)
            ?? throw new InvalidOperationException($"the run failed: {run.GetType().GetProperty("Error")!.GetValue(run)}");
        double Seconds(string property) => ((TimeSpan)result.GetType().GetProperty(property)!.GetValue(result)!).TotalSeconds;
        return (Seconds("SimulationTime"), Seconds("SetupTime"));
    }
}

/// <summary>Resolves a build's own assemblies from its folder; the framework comes from the default context.</summary>
sealed class BuildContext(string folder) : AssemblyLoadContext(isCollectible: false)
{
    private readonly AssemblyDependencyResolver _resolver = new(Path.Combine(folder, "neuroc.dll"));

    protected override Assembly? Load(AssemblyName name) =>
        _resolver.ResolveAssemblyToPath(name) is { } path ? LoadFromAssemblyPath(path) : null;

    protected override IntPtr LoadUnmanagedDll(string name) =>
        _resolver.ResolveUnmanagedDllToPath(name) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
