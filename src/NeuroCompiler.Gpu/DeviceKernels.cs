using System.Numerics;
using System.Reflection;
using NeuroCompiler.Host;
using NeuroCompiler.IR;

namespace NeuroCompiler.Gpu;

/// <summary>Supplies a run with the compiled GPU kernels, through their generated <c>Bind{n}</c> methods.</summary>
internal sealed class DeviceKernels<T> : IKernelFactory<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Type _kernels;
    private readonly DeviceSession _session;
    private readonly Network _network;

    public DeviceKernels(Type kernels, DeviceSession session, Network network)
    {
        _kernels = kernels;
        _session = session;
        _network = network;
    }

    /// <summary>Whether the run took the device step (<see cref="Resident(ResidentModel{T})"/>).</summary>
    public bool TookDeviceStep { get; private set; }

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
        Bound++;
        // Bound on first use: a run that takes the device step never calls it, and makes no copies for it.
        PopulationKernel<T>? kernel = null;
        return (start, end, step, time, candidates) =>
        {
            kernel ??= Invoke<PopulationKernel<T>>(bind, $"the kernel of population {population}", _session, arrays);
            return kernel(start, end, step, time, candidates);
        };
    }

    public IResidentStep<T>? Resident(ResidentModel<T> model)
    {
        if (_kernels.GetMethod("BindResident", BindingFlags.Public | BindingFlags.Static) is not { } bind)
        {
            return null;
        }
        var step = new ResidentStep<T>(_session, model, _network);
        Invoke<object?>(bind, "the device step", _session, step);
        TookDeviceStep = true;
        return step;
    }

    private static TResult Invoke<TResult>(MethodInfo method, string what, params object[] arguments)
    {
        try
        {
            return (TResult)method.Invoke(null, arguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            throw new GpuCompileException($"ILGPU could not compile {what}: {inner.Message}", inner);
        }
    }
}
