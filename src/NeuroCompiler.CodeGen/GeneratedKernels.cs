using System.Numerics;
using System.Reflection;
using NeuroCompiler.Host;

namespace NeuroCompiler.CodeGen;

/// <summary>Supplies a run with the compiled <c>Update{n}</c> kernels and synapse code, through their <c>Bind{n}</c> and <c>BindSynapses{p}</c> methods.</summary>
internal sealed class GeneratedKernels<T> : IKernelFactory<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Type _kernels;

    public GeneratedKernels(Type kernels, string backend)
    {
        _kernels = kernels;
        Backend = backend;
    }

    public string Backend { get; }

    /// <summary>How many populations got a compiled kernel.</summary>
    public int Bound { get; private set; }

    public PopulationKernel<T>? Population(int population, PopulationArrays<T> arrays)
    {
        var bind = _kernels.GetMethod($"Bind{population}", BindingFlags.Public | BindingFlags.Static);
        var kernel = bind?.Invoke(null, new object[] { arrays }) as PopulationKernel<T>;
        Bound += kernel is null ? 0 : 1;
        return kernel;
    }

    /// <summary>How many projections got compiled synapse code.</summary>
    public int BoundProjections { get; private set; }

    public SynapseKernels<T>? Projection(int projection, SynapseArrays<T> arrays)
    {
        var kernels = _kernels.GetMethod($"BindSynapses{projection}", BindingFlags.Public | BindingFlags.Static)?.Invoke(null, new object[] { arrays }) as SynapseKernels<T>;
        BoundProjections += kernels is null ? 0 : 1;
        return kernels;
    }
}
