using System.Runtime.CompilerServices;
using ILGPU.Runtime.Cuda;

namespace NeuroCompiler.Gpu;

/// <summary>
/// Addition, subtraction and multiplication rounded to nearest, each on its own, in generated GPU
/// kernels. On CUDA they are inline PTX <c>add.rn</c>, <c>sub.rn</c> and <c>mul.rn</c>: the PTX
/// assembler never contracts operations with an explicit rounding modifier into a fused
/// multiply-add, so a kernel computes what the host computes. Elsewhere (ILGPU's CPU accelerator, the
/// host) they are the C# operators, which .NET never fuses.
/// </summary>
public static class Rn
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Add(float a, float b)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("add.rn.f32 %0, %1, %2;", out float r, a, b);
            return r;
        }
        return a + b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sub(float a, float b)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("sub.rn.f32 %0, %1, %2;", out float r, a, b);
            return r;
        }
        return a - b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Mul(float a, float b)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("mul.rn.f32 %0, %1, %2;", out float r, a, b);
            return r;
        }
        return a * b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Add(double a, double b)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("add.rn.f64 %0, %1, %2;", out double r, a, b);
            return r;
        }
        return a + b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sub(double a, double b)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("sub.rn.f64 %0, %1, %2;", out double r, a, b);
            return r;
        }
        return a - b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Mul(double a, double b)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("mul.rn.f64 %0, %1, %2;", out double r, a, b);
            return r;
        }
        return a * b;
    }
}
