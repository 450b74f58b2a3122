using NeuroCompiler.Core.Nesting;
using NeuroCompiler.IR;
using NeuroCompiler.Output;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.Interpreter;

/// <summary>
/// The reference interpreter: runs a network clock-driven in its declared precision, with the
/// semantics written down in docs/semantics.md. It is the ground truth every other backend must
/// match bit for bit.
/// </summary>
public static class ReferenceInterpreter
{
    public const string BackendName = "reference";

    public static SimulationResult Run(Network network, InterpreterOptions? options = null)
    {
        options ??= InterpreterOptions.Default;
        return network.Settings.Precision == Precision.Float32 ? Run<float>(network, options) : Run<double>(network, options);
    }

    private static SimulationResult Run<T>(Network network, InterpreterOptions options)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T> => Run(network, options, (IKernelFactory<T>?)null);

    /// <summary>
    /// Runs with the same step semantics, but with compiled kernels where the factory supplies them
    /// (the CPU backend). T must match the network's precision.
    /// </summary>
    public static SimulationResult Run<T>(Network network, InterpreterOptions options, IKernelFactory<T>? kernels)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
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
