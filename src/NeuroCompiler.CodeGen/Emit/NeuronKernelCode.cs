using NeuroCompiler.IR;

namespace NeuroCompiler.CodeGen.Emit;

/// <summary>
/// The per-neuron code of one population, for the GPU backend to wrap in its kernels: the same
/// emitter writes the CPU loop's body, so every backend does the interpreter's operations by
/// construction. Lines are C# for neuron <c>i</c>, with <c>step</c>, <c>t</c> and <c>seed</c> in scope
/// and each of <see cref="Arrays"/> as a local of its name.
/// </summary>
/// <param name="Arrays">The arrays the lines read and write, each with its role, by name.</param>
/// <param name="Prologue">Lines computed once per launch, before any neuron's.</param>
/// <param name="Update">Advances neuron i's integrated states by one step, then sets <c>fired[i]</c> (when the model has a threshold) and the non-finite flag.</param>
/// <param name="Reset">The reset of spiking neuron i, for a device that runs the whole step (its neuron states only).</param>
public sealed record NeuronKernelCode(IReadOnlyList<KernelArray> Arrays, IReadOnlyList<string> Prologue, IReadOnlyList<string> Update, IReadOnlyList<string> Reset)
{
    /// <summary>The code of one device thread per neuron (no SIMD, refractory flags as bytes, the threshold as a flag per neuron); null when the population has nothing for a kernel to do.</summary>
    public static NeuronKernelCode? ForDevice(Network network, Population population)
    {
        if (!PopulationKernelEmitter.Needed(population.Model))
        {
            return null;
        }
        var initial = new Lazy<InitialValues>(() => InitialValues.Compute(network, population));
        var emitter = new PopulationKernelEmitter(network, population, slot => initial.Value.Parameter(slot)[0], KernelTarget.Device);
        emitter.Generate();
        return new NeuronKernelCode(emitter.Arrays.ToList(), emitter.Prologue.ToList(), Lines(emitter.Body), Lines(emitter.ResetBody));
    }

    private static IReadOnlyList<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
