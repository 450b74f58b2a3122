using System.Numerics;
using NeuroCompiler.Core.Nesting;
using NeuroCompiler.IR;
using NeuroCompiler.Output;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.Host;

/// <summary>
/// Runs a network clock-driven in its declared precision, step by step in the order docs/semantics.md
/// writes down, with a backend's compiled kernels where it supplies them and the interpreter
/// (NeuroCompiler.Interpreter) for everything else.
/// </summary>
public static class SimulationHost
{
    /// <summary>
    /// Runs with compiled kernels where the factory supplies them (none: the reference, see
    /// <see cref="ReferenceInterpreter"/>). T must match the network's precision.
    /// </summary>
    public static SimulationResult Run<T>(Network network, HostOptions options, IKernelFactory<T>? kernels)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if ((typeof(T) == typeof(float)) != (network.Settings.Precision == Precision.Float32))
        {
            throw new ArgumentException($"kernels of {typeof(T).Name} cannot run a {network.Settings.Precision} model");
        }
        // Expressions are compiled and evaluated by recursion (as are the compiled kernels by the JIT),
        // as deep as the nesting limits allow: on a deep-stack thread, with deep-stack workers.
        return DeepStack.Run(() =>
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var simulation = new Simulation<T>(network, options, kernels);
            var setup = watch.Elapsed;
            return simulation.Run() with { SetupTime = setup };
        });
    }
}
