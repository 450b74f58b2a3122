using NeuroCompiler.IR;
using NeuroCompiler.Output;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.Host;

/// <summary>
/// The reference interpreter: the host with nothing compiled, every population and projection
/// evaluated by the interpreter, on one thread. It is the ground truth every other backend must match
/// bit for bit.
/// </summary>
public static class ReferenceInterpreter
{
    public const string BackendName = "reference";

    public static SimulationResult Run(Network network, HostOptions? options = null)
    {
        options ??= HostOptions.Default;
        return network.Settings.Precision == Precision.Float32
            ? SimulationHost.Run(network, options, (IKernelFactory<float>?)null)
            : SimulationHost.Run(network, options, (IKernelFactory<double>?)null);
    }
}
