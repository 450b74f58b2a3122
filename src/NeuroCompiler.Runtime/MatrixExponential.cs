namespace NeuroCompiler.Runtime;

/// <summary>
/// The matrix exponential e^A by scaling and squaring with the degree-13 Padé approximant
/// (Higham, "The scaling and squaring method for the matrix exponential revisited",
/// SIAM J. Matrix Anal. Appl. 26(4), 2005).
/// </summary>
/// <remarks>
/// <para>
/// Why: linear subthreshold dynamics dx/dt = A x + b are integrated exactly (see
/// <see cref="Propagator"/>), which needs e^(A·dt) once per model, on the host. This runs at
/// compile/setup time, so it allocates and may throw; it is still deterministic (fixed operation
/// order, only + − × ÷ and comparisons), so every machine computes the same propagators.
/// </para>
/// <para>
/// Algorithm: s = the least s ≥ 0 with ‖A‖₁ / 2^s ≤ θ₁₃ = 5.371920351148152; B = A / 2^s
/// (exact); U = B (B⁶(b₁₃B⁶ + b₁₁B⁴ + b₉B²) + b₇B⁶ + b₅B⁴ + b₃B² + b₁I),
/// V = B⁶(b₁₂B⁶ + b₁₀B⁴ + b₈B²) + b₆B⁶ + b₄B⁴ + b₂B² + b₀I; solve (V − U) X = V + U by LU with
/// partial pivoting (first row of largest magnitude); square X s times. The degree-13 approximant
/// is used for every norm (Higham's cheaper low-degree branches are omitted for simplicity).
/// </para>
/// </remarks>
public static class MatrixExponential
{
    /// <summary>Higham's θ₁₃: the largest 1-norm for which the unscaled degree-13 Padé approximant has backward error ≤ 2^-53.</summary>
    public const double Theta13 = 5.371920351148152;

    private const double B0 = 64764752532480000.0;
    private const double B1 = 32382376266240000.0;
    private const double B2 = 7771770303897600.0;
    private const double B3 = 1187353796428800.0;
    private const double B4 = 129060195264000.0;
    private const double B5 = 10559470521600.0;
    private const double B6 = 670442572800.0;
    private const double B7 = 33522128640.0;
    private const double B8 = 1323241920.0;
    private const double B9 = 40840800.0;
    private const double B10 = 960960.0;
    private const double B11 = 16380.0;
    private const double B12 = 182.0;
    private const double B13 = 1.0;

    /// <summary>e^A for a square matrix with finite entries.</summary>
    /// <exception cref="ArgumentException">A is not square or has a non-finite entry.</exception>
    public static double[,] Expm(double[,] a)
    {
        ArgumentNullException.ThrowIfNull(a);
        int n = a.GetLength(0);
        if (a.GetLength(1) != n)
        {
            throw new ArgumentException("The matrix must be square.", nameof(a));
        }

        // Balance first: e^A = D e^(D⁻¹ A D) D⁻¹ with D a diagonal of powers of two (exact). Neuron
        // models mix units (1/C is 4e9 next to 1/tau = 50), and without balancing the norm forces
        // many squarings that cost digits; balanced, the same matrix needs none.
        var scale = Balance(a, out var balanced);
        var e = ExpmUnbalanced(balanced);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                e[i, j] = e[i, j] * scale[i] / scale[j];
            }
        }
        return e;
    }

    /// <summary>
    /// Parlett–Reinsch balancing (as LAPACK's dgebal without permutations): scales row i by 1/d_i and
    /// column i by d_i, d_i powers of two, until each row and column have comparable off-diagonal norms.
    /// </summary>
    public static double[] Balance(double[,] a, out double[,] balanced)
    {
        int n = a.GetLength(0);
        balanced = (double[,])a.Clone();
        var d = new double[n];
        Array.Fill(d, 1.0);
        bool changed = true;
        for (int sweep = 0; changed && sweep < 100; sweep++)
        {
            changed = false;
            for (int i = 0; i < n; i++)
            {
                double c = 0.0;
                double r = 0.0;
                for (int j = 0; j < n; j++)
                {
                    if (j != i)
                    {
                        c += Math.Abs(balanced[j, i]);
                        r += Math.Abs(balanced[i, j]);
                    }
                }
                if (c == 0.0 || r == 0.0)
                {
                    continue;
                }
                double f = 1.0;
                double sum = c + r;
                while (c < r * 0.5)
                {
                    c *= 2.0;
                    r *= 0.5;
                    f *= 2.0;
                }
                while (c >= r * 2.0)
                {
                    c *= 0.5;
                    r *= 2.0;
                    f *= 0.5;
                }
                if (c + r < 0.95 * sum)
                {
                    changed = true;
                    d[i] *= f;
                    for (int j = 0; j < n; j++)
                    {
                        balanced[i, j] /= f;
                        balanced[j, i] *= f;
                    }
                }
            }
        }
        return d;
    }

    private static double[,] ExpmUnbalanced(double[,] a)
    {
        int n = a.GetLength(0);

        double norm = 0.0;
        for (int j = 0; j < n; j++)
        {
            double column = 0.0;
            for (int i = 0; i < n; i++)
            {
                if (!double.IsFinite(a[i, j]))
                {
                    throw new ArgumentException("The matrix entries must be finite.", nameof(a));
                }

                column += Math.Abs(a[i, j]);
            }

            norm = Math.Max(norm, column);
        }

        int s = 0;
        while (norm > Theta13)
        {
            norm *= 0.5;
            s++;
        }

        double scale = DetMath.ScaleB(1.0, -s);
        var b = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                b[i, j] = a[i, j] * scale;
            }
        }

        double[,] b2 = Multiply(b, b);
        double[,] b4 = Multiply(b2, b2);
        double[,] b6 = Multiply(b4, b2);

        double[,] u = Multiply(b6, Combine(B13, b6, B11, b4, B9, b2, 0.0));
        AddCombination(u, B7, b6, B5, b4, B3, b2, B1);
        u = Multiply(b, u);

        double[,] v = Multiply(b6, Combine(B12, b6, B10, b4, B8, b2, 0.0));
        AddCombination(v, B6, b6, B4, b4, B2, b2, B0);

        var numerator = new double[n, n];
        var denominator = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                numerator[i, j] = v[i, j] + u[i, j];
                denominator[i, j] = v[i, j] - u[i, j];
            }
        }

        double[,] x = Solve(denominator, numerator);
        for (int k = 0; k < s; k++)
        {
            x = Multiply(x, x);
        }

        return x;
    }

    /// <summary>Matrix product; each entry is Σ_k a[i,k]·b[k,j] accumulated for k = 0, 1, ….</summary>
    internal static double[,] Multiply(double[,] a, double[,] b)
    {
        int n = a.GetLength(0);
        int m = a.GetLength(1);
        int p = b.GetLength(1);
        var c = new double[n, p];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++)
            {
                double sum = 0.0;
                for (int k = 0; k < m; k++)
                {
                    sum += a[i, k] * b[k, j];
                }

                c[i, j] = sum;
            }
        }

        return c;
    }

    /// <summary>c1·m1 + c2·m2 + c3·m3 + d·I, evaluated left to right per entry.</summary>
    private static double[,] Combine(double c1, double[,] m1, double c2, double[,] m2, double c3, double[,] m3, double d)
    {
        int n = m1.GetLength(0);
        var r = new double[n, n];
        AddCombination(r, c1, m1, c2, m2, c3, m3, d);
        return r;
    }

    /// <summary>target += c1·m1 + c2·m2 + c3·m3 + d·I, evaluated left to right per entry.</summary>
    private static void AddCombination(double[,] target, double c1, double[,] m1, double c2, double[,] m2, double c3, double[,] m3, double d)
    {
        int n = target.GetLength(0);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double value = target[i, j] + (c1 * m1[i, j]) + (c2 * m2[i, j]) + (c3 * m3[i, j]);
                if (i == j)
                {
                    value += d;
                }

                target[i, j] = value;
            }
        }
    }

    /// <summary>Solves Q X = P by Gaussian elimination with partial pivoting (Q and P are not modified).</summary>
    private static double[,] Solve(double[,] q, double[,] p)
    {
        int n = q.GetLength(0);
        var lu = (double[,])q.Clone();
        var x = (double[,])p.Clone();
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            double best = Math.Abs(lu[col, col]);
            for (int row = col + 1; row < n; row++)
            {
                double candidate = Math.Abs(lu[row, col]);
                if (candidate > best)
                {
                    best = candidate;
                    pivot = row;
                }
            }

            if (best == 0.0)
            {
                throw new InvalidOperationException("Padé denominator is singular (A is too ill-conditioned).");
            }

            if (pivot != col)
            {
                SwapRows(lu, pivot, col);
                SwapRows(x, pivot, col);
            }

            for (int row = col + 1; row < n; row++)
            {
                double factor = lu[row, col] / lu[col, col];
                if (factor == 0.0)
                {
                    continue;
                }

                lu[row, col] = 0.0;
                for (int k = col + 1; k < n; k++)
                {
                    lu[row, k] -= factor * lu[col, k];
                }

                for (int k = 0; k < n; k++)
                {
                    x[row, k] -= factor * x[col, k];
                }
            }
        }

        for (int row = n - 1; row >= 0; row--)
        {
            for (int k = 0; k < n; k++)
            {
                double sum = x[row, k];
                for (int j = row + 1; j < n; j++)
                {
                    sum -= lu[row, j] * x[j, k];
                }

                x[row, k] = sum / lu[row, row];
            }
        }

        return x;
    }

    private static void SwapRows(double[,] m, int r1, int r2)
    {
        int n = m.GetLength(1);
        for (int k = 0; k < n; k++)
        {
            (m[r1, k], m[r2, k]) = (m[r2, k], m[r1, k]);
        }
    }
}
