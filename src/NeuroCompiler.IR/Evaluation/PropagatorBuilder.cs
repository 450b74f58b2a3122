using System.Collections.Immutable;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.IR;

/// <summary>
/// Computes the exact propagators of a linear system from numbers: the compiler calls it when A
/// is one matrix for all elements, a backend per element when A differs. Both use this code, so the
/// matrices are identical.
/// </summary>
public static class PropagatorBuilder
{
    /// <param name="a">Row-major n×n.</param>
    /// <param name="clamped">Positions (0..n-1) of states held while refractory.</param>
    /// <param name="b">The constant inputs when b does not change; then the result carries G·b for both variants.</param>
    public static (PropagatorMatrices Matrices, ImmutableArray<double>? Input, ImmutableArray<double>? RefractoryInput) Compute(
        double[] a, int n, double dt, IReadOnlyCollection<int> clamped, double[]? b)
    {
        var (p, g) = Propagator.Compute(ToMatrix(a, n), dt);
        var refractoryA = (double[])a.Clone();
        foreach (int k in clamped)
        {
            for (int j = 0; j < n; j++)
            {
                refractoryA[k * n + j] = 0;
            }
        }
        var (pr, gr) = clamped.Count == 0 ? (p, g) : Propagator.Compute(ToMatrix(refractoryA, n), dt);
        // A clamped state has derivative zero: its own input b_k is dropped too, so G loses row and column k.
        var grFlat = Flatten(gr, n);
        foreach (int k in clamped)
        {
            for (int j = 0; j < n; j++)
            {
                grFlat[k * n + j] = 0;
                grFlat[j * n + k] = 0;
            }
        }
        var matrices = new PropagatorMatrices(Flatten(p, n).ToImmutableArray(), Flatten(g, n).ToImmutableArray(),
            Flatten(pr, n).ToImmutableArray(), grFlat.ToImmutableArray());
        if (b is null)
        {
            return (matrices, null, null);
        }
        return (matrices, MultiplyVector(matrices.G, b, n), MultiplyVector(matrices.RefractoryG, b, n));
    }

    private static ImmutableArray<double> MultiplyVector(ImmutableArray<double> m, double[] v, int n)
    {
        var result = new double[n];
        for (int k = 0; k < n; k++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++)
            {
                sum += m[k * n + j] * v[j];
            }
            result[k] = sum;
        }
        return result.ToImmutableArray();
    }

    private static double[,] ToMatrix(double[] a, int n)
    {
        var m = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                m[i, j] = a[i * n + j];
            }
        }
        return m;
    }

    private static double[] Flatten(double[,] m, int n)
    {
        var flat = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                flat[i * n + j] = m[i, j];
            }
        }
        return flat;
    }
}
