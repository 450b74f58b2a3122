using System.Numerics;
using System.Runtime.CompilerServices;

namespace NeuroCompiler.Runtime;

public static partial class DetMath
{
    /// <summary>
    /// <see cref="Exp(double)"/> of every lane, to the bit: each lane does the scalar routine's IEEE
    /// operations in the same order (no fused multiply-add). Lanes with |x| &lt; 700 take the vector
    /// path (2^k is then a normal number and the result is never subnormal); if any lane is outside
    /// that (large, tiny or NaN), the whole vector is computed lane by lane by the scalar routine.
    /// </summary>
    /// <remarks>
    /// Inlined into the kernels that call it (a call would spill every live vector around it), with
    /// the rare lane-by-lane path kept out of line.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Exp(Vector<double> x) =>
        Vector.LessThanAll(Vector.Abs(x), new Vector<double>(700.0)) ? ExpInRange(x) : ExpByLane(x);

    /// <summary>
    /// <see cref="Exp(Vector{double})"/>, and the sum of x's lanes added to <paramref name="outOfRange"/>
    /// when a lane takes the lane-by-lane path: so a NaN or infinite argument reaches a kernel's sum of
    /// values that must be finite (docs/semantics.md, "Values that are not finite") at no cost to the
    /// vector path, whose test |x| &lt; 700 already tells a finite argument. The sum is a scalar that
    /// only this rare path touches inside the kernel's vector loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Exp(Vector<double> x, ref double outOfRange)
    {
        if (Vector.LessThanAll(Vector.Abs(x), new Vector<double>(700.0)))
        {
            return ExpInRange(x);
        }
        outOfRange += Vector.Sum(x);
        return ExpByLane(x);
    }

    /// <summary>Every lane with |x| &lt; 700.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> ExpInRange(Vector<double> x)
    {
        // ExpCore with xt = 0.
        var kd = Vector.Floor((x * new Vector<double>(InvLn2)) + new Vector<double>(0.5));
        var hi = x - (kd * new Vector<double>(Ln2Hi));
        var lo = (kd * new Vector<double>(Ln2Lo)) - Vector<double>.Zero;
        var negLo = Negate(lo);
        var rh = hi + negLo; // TwoSum(hi, -lo)
        var bb = rh - hi;
        var rl = (hi - (rh - bb)) + (negLo - bb);

        var q = new Vector<double>(1.1470745597729725e-11);
        q = new Vector<double>(1.6059043836821613e-10) + (rh * q);
        q = new Vector<double>(2.08767569878681e-09) + (rh * q);
        q = new Vector<double>(2.505210838544172e-08) + (rh * q);
        q = new Vector<double>(2.755731922398589e-07) + (rh * q);
        q = new Vector<double>(2.7557319223985893e-06) + (rh * q);
        q = new Vector<double>(2.48015873015873e-05) + (rh * q);
        q = new Vector<double>(0.0001984126984126984) + (rh * q);
        q = new Vector<double>(0.001388888888888889) + (rh * q);
        q = new Vector<double>(0.008333333333333333) + (rh * q);
        q = new Vector<double>(0.041666666666666664) + (rh * q);
        q = new Vector<double>(0.16666666666666666) + (rh * q);

        // TwoProd(rh, rh): Dekker's split of rh (both factors are rh).
        var p = rh * rh;
        var t = new Vector<double>(134217729.0) * rh;
        var ah = t - (t - rh);
        var al = rh - ah;
        var pe = ((((ah * ah) - p) + (ah * al)) + (al * ah)) + (al * al);

        var half = new Vector<double>(0.5);
        var halfP = half * p;
        var s = rh + halfP; // FastTwoSum(rh, p / 2)
        var e = halfP - (s - rh);
        e += ((half * pe) + ((rh * p) * q)) + (rl + (rl * rh));
        var wh = s + e; // FastTwoSum(s, e)
        var wl = e - (wh - s);

        // FinishExp for k > -1022: TwoSum(1, wh), e += wl, (s + e) · 2^k.
        var one = Vector<double>.One;
        var s1 = one + wh;
        var b1 = s1 - one;
        var e1 = ((one - (s1 - b1)) + (wh - b1)) + wl;
        var scale = Vector.AsVectorDouble(Vector.ShiftLeft(Vector.ConvertToInt64(kd) + new Vector<long>(0x3FF), 52));
        return (s1 + e1) * scale;
    }

    /// <summary><see cref="Exp(double)"/> of each lane in turn.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector<double> ExpByLane(Vector<double> x)
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = Exp(x[i]);
        }
        return new Vector<double>(lanes);
    }

    /// <summary><c>(float)Exp((double)x)</c> of every lane, as <see cref="DetMathF.Exp(float)"/>.</summary>
    public static Vector<float> Exp(Vector<float> x)
    {
        Vector.Widen(x, out Vector<double> low, out Vector<double> high);
        return Vector.Narrow(Exp(low), Exp(high));
    }

    /// <summary><see cref="Exp(Vector{float})"/>, and the sum of x's lanes added to <paramref name="outOfRange"/> unless every lane has |x| &lt; 700 (so a NaN or infinite argument reaches it).</summary>
    public static Vector<float> Exp(Vector<float> x, ref float outOfRange)
    {
        if (!Vector.LessThanAll(Vector.Abs(x), new Vector<float>(700f)))
        {
            outOfRange += Vector.Sum(x);
        }
        return Exp(x);
    }

    /// <summary>−x by flipping the sign bit, as scalar negation does (Vector's 0 − x gives +0 for +0).</summary>
    public static Vector<double> Negate(Vector<double> x) =>
        Vector.AsVectorDouble(Vector.Xor(Vector.AsVectorInt64(x), new Vector<long>(long.MinValue)));

    /// <summary>−x by flipping the sign bit.</summary>
    public static Vector<float> Negate(Vector<float> x) =>
        Vector.AsVectorSingle(Vector.Xor(Vector.AsVectorInt32(x), new Vector<int>(int.MinValue)));
}
