using NeuroCompiler.Driver;
using NeuroCompiler.IR;

namespace NeuroCompiler.Engine;

/// <summary>
/// A compiled model and the backend that will run it: the library's way from a <see cref="Compilation"/>
/// to results (docs/library.md).
/// <code>
/// var compilation = Compilation.FromFile("samples/cuba.neuro");
/// var run = Simulator.Create(compilation, "cpu").Run();
/// foreach (var spike in run.Result!.SpikeTimes("P")) Console.WriteLine($"{spike.Neuron} {spike.Time}");
/// </code>
/// </summary>
public sealed class Simulator
{
    private Simulator(Network network, IBackend backend)
    {
        Network = network;
        Backend = backend;
    }

    /// <summary>The network as compiled, its synapses built.</summary>
    public Network Network { get; }

    public IBackend Backend { get; }

    /// <summary>A simulator for a successful compilation (its connectivity instantiated, as by default) on the backend called <paramref name="backend"/>.</summary>
    /// <exception cref="ArgumentException">The compilation has errors or no synapses built, or no backend has that name.</exception>
    public static Simulator Create(Compilation compilation, string backend = "reference")
    {
        if (!compilation.Success)
        {
            string errors = string.Join(Environment.NewLine, compilation.Diagnostics.Where(d => d.IsError));
            throw new ArgumentException($"the model did not compile:{Environment.NewLine}{errors}", nameof(compilation));
        }
        return Create(compilation.Network!, backend);
    }

    /// <inheritdoc cref="Create(Compilation, string)"/>
    public static Simulator Create(Network network, string backend = "reference")
    {
        if (network.Projections.Any(p => p.Synapses is null))
        {
            throw new ArgumentException("the network's synapses are not built (compile with CompileOptions.InstantiateConnectivity)", nameof(network));
        }
        var found = BackendRegistry.Find(backend)
            ?? throw new ArgumentException($"no backend is called '{backend}'; there are {BackendRegistry.Names()}", nameof(backend));
        return new Simulator(network, found);
    }

    /// <summary>Runs the whole network once; the same model and seed give the same results on every backend.</summary>
    public BackendRun Run(RunOptions? options = null) => Backend.Run(Network, options ?? RunOptions.Default);
}
