using System.Numerics;
using System.Reflection;
using NeuroCompiler.Interpreter;

namespace NeuroCompiler.Gpu;

/// <summary>Supplies a run with the compiled GPU kernels, through their generated <c>Bind{n}</c> methods.</summary>
internal sealed class DeviceKernels<T> : IKernelFactory<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Type _kernels;
    private readonly DeviceSession _session;

    public DeviceKernels(Type kernels, DeviceSession session)
    {
        _kernels = kernels;
        _session = session;
    }

    public string Backend => GpuBackend.Name;

    /// <summary>How many populations got a kernel.</summary>
    public int Bound { get; private set; }

    public PopulationKernel<T>? Population(int population, PopulationArrays<T> arrays)
    {
        var bind = _kernels.GetMethod($"Bind{population}", BindingFlags.Public | BindingFlags.Static);
        if (bind is null)
        {
            return null;
        }
        try
        {
            var kernel = (PopulationKernel<T>)bind.Invoke(null, new object[] { _session, arrays })!;
            Bound++;
            return kernel;
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            throw new GpuCompileException($"ILGPU could not compile the kernel of population {population}: {inner.Message}", inner);
        }
    }
}
