namespace NeuroCompiler.Runtime;

/// <summary>
/// Exact one-step propagators of a linear ODE with piecewise-constant input:
/// for dx/dt = A x + b with b constant over a step of length dt,
/// x(t + dt) = P x(t) + G b with P = e^(A·dt) and G = ∫₀^dt e^(A·s) ds.
/// </summary>
/// <remarks>
/// <para>
/// Why: "exact integration" (Rotter &amp; Diesmann 1999) of linear subthreshold dynamics has no
/// truncation error and is stable for any dt; the propagators are computed once per model on the
/// host. G is well defined even when A is singular (e.g. a non-leaky integrator), where the
/// usual A⁻¹(P − I) fails.
/// </para>
/// <para>
/// Algorithm (Van Loan 1978): with M = [[A·dt, dt·I], [0, 0]] (2n × 2n, entries a_ij·dt rounded
/// once), e^M = [[P, G], [0, I]]; both blocks are read from one
/// <see cref="MatrixExponential.Expm"/> of M, so P is computed from the augmented matrix rather
/// than by a separate e^(A·dt) (they agree to rounding error, not bit for bit).
/// </para>
/// </remarks>
public static class Propagator
{
    /// <summary>Computes (P, G) for the n × n matrix <paramref name="a"/> and step <paramref name="dt"/>.</summary>
    /// <exception cref="ArgumentException">A is not square, or A or dt is not finite.</exception>
    public static (double[,] P, double[,] G) Compute(double[,] a, double dt)
    {
        ArgumentNullException.ThrowIfNull(a);
        int n = a.GetLength(0);
        if (a.GetLength(1) != n)
        {
            throw new ArgumentException("The matrix must be square.", nameof(a));
        }

        if (!double.IsFinite(dt))
        {
            throw new ArgumentException("The step must be finite.", nameof(dt));
        }

        var m = new double[2 * n, 2 * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                m[i, j] = a[i, j] * dt;
            }

            m[i, n + i] = dt;
        }

        double[,] e = MatrixExponential.Expm(m);
        var p = new double[n, n];
        var g = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                p[i, j] = e[i, j];
                g[i, j] = e[i, n + j];
            }
        }

        return (p, g);
    }
}
