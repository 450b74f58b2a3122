// The population kernels of CUBA and COBA from two builds' kernel caches, called alternately in one
// process on copies of the same states, 50 steps of one then 50 of the other, 400 rounds: on a busy
// machine both see the same load, so the ratio is steadier than whole runs' loop times.
//
//   NEUROC_CACHE=/tmp/a A/neuroc verify samples/cuba.neuro --steps 1   (and coba; same for B into /tmp/b)
//   (a run with --backend cpu fills the cache just as well)
//   dotnet run -c Release --project bench/kernel_ab -- /tmp/a /tmp/b
//
// Each cache must hold exactly the two kernels, CUBA's (the smaller file) and COBA's. The states are
// set between reset and threshold, reset when a neuron fires, and given a little input each step.
using System.Diagnostics;
using System.Numerics;
using System.Reflection;
using NeuroCompiler.Host;

static PopulationKernel<T> Load<T>(string dll, int population, PopulationArrays<T> a) where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    var type = Assembly.LoadFile(dll).GetType("NeuroCompiler.Generated.Kernels")!;
    return (PopulationKernel<T>)type.GetMethod($"Bind{population}")!.Invoke(null, new object[] { a })!;
}

static PopulationArrays<T> Arrays<T>(int n, int states, Func<int, int, double> init) where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    var refractory = new bool[n];
    return new PopulationArrays<T>
    {
        States = Enumerable.Range(0, states).Select(s => Enumerable.Range(0, n).Select(i => T.CreateChecked(init(s, i))).ToArray()).ToArray(),
        Parameters = new T[]?[32], SharedParameters = new T[]?[32], Globals = new T[]?[32], Signals = Array.Empty<T[]>(),
        Positions = new T[]?[3], Refractory = refractory, Tracker = new RefractoryTracker(50, refractory),
        Saved = Enumerable.Range(0, states).Select(_ => new T[n]).ToArray(), Seed = 1,
    };
}

static void Bench<T>(string name, string a, string b, int[] populations, int n, int states, Func<int, int, double> init, double vr) where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    var arraysA = populations.Select(_ => Arrays<T>(n, states, init)).ToArray();
    var arraysB = populations.Select(_ => Arrays<T>(n, states, init)).ToArray();
    var ka = populations.Select((p, k) => Load(a, p, arraysA[k])).ToArray();
    var kb = populations.Select((p, k) => Load(b, p, arraysB[k])).ToArray();
    var candidates = new int[n];
    var rng = new Random(1);
    long Step(PopulationKernel<T>[] kernels, PopulationArrays<T>[] arrays, long step)
    {
        var watch = Stopwatch.GetTimestamp();
        for (int k = 0; k < kernels.Length; k++)
        {
            int count = kernels[k](0, n, step, T.Zero, candidates);
            if (count < 0) throw new Exception("non-finite");
            for (int c = 0; c < count; c++) arrays[k].States[0][candidates[c]] = T.CreateChecked(vr); // the reset
            // input, as delivery would add it
            for (int e = 0; e < 32; e++) arrays[k].States[1][rng.Next(n)] += T.CreateChecked(1e-3);
        }
        return Stopwatch.GetTimestamp() - watch;
    }
    for (int w = 0; w < 3000; w++) { Step(ka, arraysA, w); Step(kb, arraysB, w); }
    var ratios = new List<double>();
    long sumA = 0, sumB = 0;
    for (int round = 0; round < 400; round++)
    {
        long ta = 0, tb = 0;
        for (int s = 0; s < 50; s++) { ta += Step(ka, arraysA, s); tb += Step(kb, arraysB, s); }
        sumA += ta; sumB += tb;
        ratios.Add((double)tb / ta);
    }
    ratios.Sort();
    double perStepA = sumA * 1e6 / Stopwatch.Frequency / (400 * 50);
    double perStepB = sumB * 1e6 / Stopwatch.Frequency / (400 * 50);
    Console.WriteLine($"{name}: kernels per step A {perStepA:0.00} us, B {perStepB:0.00} us; B/A over all {sumB / (double)sumA:0.000}, median of 400 rounds {ratios[200]:0.000}");
}

string cache = args[0], cacheB = args[1];
// A cache holds plain assemblies (*.dll, builds before the verified cache) or entries (*.kernel: a
// text header, a blank line, the assembly), whose assemblies are copied out to be loaded.
string Dll(string folder, bool big) => Directory.GetFiles(folder, "*.dll").Concat(Directory.GetFiles(folder, "*.kernel").Select(Assembled))
    .OrderBy(f => new FileInfo(f).Length).ElementAt(big ? 1 : 0);
static string Assembled(string entry)
{
    var bytes = File.ReadAllBytes(entry);
    int at = bytes.AsSpan().IndexOf("\n\n"u8);
    string dll = Path.Combine(Directory.CreateTempSubdirectory("kernel-ab-").FullName, Path.GetFileNameWithoutExtension(entry) + ".dll");
    File.WriteAllBytes(dll, bytes[(at + 2)..]);
    return dll;
}
// CUBA: float32, 4000 neurons, v, ge, gi (v between reset and threshold)
Bench<float>("CUBA", Dll(cache, false), Dll(cacheB, false), new[] { 0 }, 4000, 3, (s, i) => s == 0 ? -0.06 + 0.01 * ((i * 7919) % 1000) / 1000.0 : 0, -0.06);
// COBA: float64, E (3200) and I (800) as one 4000-neuron shape each
Bench<double>("COBA E", Dll(cache, true), Dll(cacheB, true), new[] { 0 }, 3200, 3, (s, i) => s == 0 ? -0.06 + 0.01 * ((i * 7919) % 1000) / 1000.0 : 1e-9, -0.06);
Bench<double>("COBA I", Dll(cache, true), Dll(cacheB, true), new[] { 1 }, 800, 3, (s, i) => s == 0 ? -0.06 + 0.01 * ((i * 7919) % 1000) / 1000.0 : 1e-9, -0.06);
