using NeuroCompiler.CodeGen.Emit;

namespace NeuroCompiler.Gpu.Emit;

/// <summary>How a kernel array lives on the device, by its role.</summary>
internal static class DeviceArrays
{
    /// <summary>The element type of its ArrayView: the body's, except the per-neuron propagators, laid end to end as one array of <paramref name="T"/>.</summary>
    public static string Element(KernelArray array, string T) => array.Role is ArrayRole.Propagators ? T : array.ElementType;

    /// <summary>
    /// How the device step's binding gets an array's view (<c>r</c> is the <c>ResidentStep</c>, <c>d</c>
    /// the session): <paramref name="arrays"/> names the population's <c>PopulationArrays</c>,
    /// <paramref name="population"/> its index, and <c>handler</c> is a projection's per-synapse values.
    /// </summary>
    public static string ResidentView(ArrayRole role, string arrays, int population, string T) => role switch
    {
        ArrayRole.NonFiniteFlag => $"r.NonFiniteFlag({population})",
        ArrayRole.Fired => $"r.Fired({population})",
        ArrayRole.Refractory => $"r.RefractoryFlags({population})",
        ArrayRole.Propagators => $"d.Flatten({arrays}.{PopulationArraysMember.Of(role)}).View",
        ArrayRole.NeuronState => $"r.State({arrays}.{PopulationArraysMember.Of(role)})",
        ArrayRole.NeuronParameter => $"r.Input({arrays}.{PopulationArraysMember.Of(role)})",
        ArrayRole.Position => $"r.Constant({arrays}.{PopulationArraysMember.Of(role)})",
        ArrayRole.SynapseValue v => $"r.Upload<{T}>(handler.Values[{v.Slot}]!)",
        // shared parameters, globals, signals: one element the host may change
        ArrayRole.SharedParameter or ArrayRole.Global or ArrayRole.Signal => $"r.PerStep({arrays}.{PopulationArraysMember.Of(role)})",
        _ => throw new InvalidOperationException($"the device step binds no array for {role}"),
    };
}
