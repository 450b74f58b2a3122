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
        return network.Settings.Precision == Precision.Float32
            ? new Simulation<float>(network, options).Run()
            : new Simulation<double>(network, options).Run();
    }
}
