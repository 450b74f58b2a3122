namespace NeuroCompiler.Runtime;

/// <summary>
/// The model's random numbers: every draw is a pure function of
/// (seed, stream, index, step), computed with <see cref="Philox4x32"/>.
/// </summary>
/// <remarks>
/// <para>
/// Why: the reference interpreter and GPU kernels must draw identical numbers no matter how work
/// is scheduled. There is no generator state: <c>seed</c> is the simulation seed, <c>stream</c>
/// identifies the random call site in the model (see <see cref="StreamId(string)"/>),
/// <c>index</c> the neuron/synapse/element and <c>step</c> the time step.
/// </para>
/// <para>
/// Mapping: key = (k0, k1) = (low 32 bits of seed, high 32 bits of seed);
/// counter = (c0, c1, c2, c3) = (index, low 32 bits of step, high 32 bits of step, stream).
/// One block yields four words r0..r3. Uniform variates use r0 (and r1); normal variates use r2
/// and r3. A uniform and a normal drawn with the same key therefore come from disjoint words of
/// one block and are independent; a neuron that needs both (e.g. <see cref="Binomial"/>) costs one
/// Philox evaluation (<see cref="Block"/> + the <c>From...</c> converters).
/// </para>
/// </remarks>
public static class CounterRng
{
    private const double TwoPowMinus53 = 1.1102230246251565e-16; // 2^-53
    private const double TwoPowMinus52 = 2.220446049250313e-16;  // 2^-52
    private const float TwoPowMinus24 = 5.9604645e-08f;          // 2^-24

    /// <summary>The four Philox words addressed by (seed, stream, index, step).</summary>
    public static void Block(
        ulong seed, uint stream, uint index, ulong step,
        out uint r0, out uint r1, out uint r2, out uint r3)
    {
        Philox4x32.Generate(
            (uint)seed, (uint)(seed >> 32),
            index, (uint)step, (uint)(step >> 32), stream,
            out r0, out r1, out r2, out r3);
    }

    /// <summary>Uniform double in [0, 1): <see cref="UniformDoubleFromWords"/>(r0, r1).</summary>
    public static double UniformDouble(ulong seed, uint stream, uint index, ulong step)
    {
        Block(seed, stream, index, step, out uint r0, out uint r1, out _, out _);
        return UniformDoubleFromWords(r0, r1);
    }

    /// <summary>Uniform float in [0, 1): <see cref="UniformSingleFromWord"/>(r0).</summary>
    public static float UniformSingle(ulong seed, uint stream, uint index, ulong step)
    {
        Block(seed, stream, index, step, out uint r0, out _, out _, out _);
        return UniformSingleFromWord(r0);
    }

    /// <summary>Standard normal double: <see cref="NormalDoubleFromWords"/>(r2, r3).</summary>
    public static double NormalDouble(ulong seed, uint stream, uint index, ulong step)
    {
        Block(seed, stream, index, step, out _, out _, out uint r2, out uint r3);
        return NormalDoubleFromWords(r2, r3);
    }

    /// <summary>Standard normal float: <c>(float)NormalDouble(seed, stream, index, step)</c>.</summary>
    public static float NormalSingle(ulong seed, uint stream, uint index, ulong step)
        => (float)NormalDouble(seed, stream, index, step);

    /// <summary>
    /// ((r0 &gt;&gt; 5) · 2^26 + (r1 &gt;&gt; 6)) · 2^−53: all 2^53 multiples of 2^−53 in [0, 1),
    /// each with probability 2^−53 (the genrand_res53 construction of MT19937).
    /// </summary>
    public static double UniformDoubleFromWords(uint r0, uint r1)
        => ((((ulong)(r0 >> 5)) * 67108864UL) + (r1 >> 6)) * TwoPowMinus53;

    /// <summary>(r0 &gt;&gt; 8) · 2^−24: the 2^24 multiples of 2^−24 in [0, 1), exactly representable in float.</summary>
    public static float UniformSingleFromWord(uint r0) => (r0 >> 8) * TwoPowMinus24;

    /// <summary>
    /// Uniform in the open interval (0, 1): (m + ½) · 2^−52 with m = (r2 · 2^20) + (r3 &gt;&gt; 12),
    /// a 52-bit integer. Every value is exact (m + ½ needs 53 bits); the range is
    /// [2^−53, 1 − 2^−53], so neither 0 nor 1 can occur (with 53 bits, m + ½ would round to 2^53).
    /// </summary>
    public static double OpenUniformFromWords(uint r2, uint r3)
        => ((double)((((ulong)r2) << 20) | (r3 >> 12)) + 0.5) * TwoPowMinus52;

    /// <summary>
    /// Standard normal by inversion: <see cref="NormalQuantile.Ppnd16"/>(<see cref="OpenUniformFromWords"/>(r2, r3)).
    /// The range is about ±8.3 (Φ⁻¹(2^−53) ≈ −8.29).
    /// </summary>
    public static double NormalDoubleFromWords(uint r2, uint r3)
        => NormalQuantile.Ppnd16(OpenUniformFromWords(r2, r3));

    /// <summary>
    /// Stable 32-bit id of a random call site: FNV-1a (offset basis 2166136261, prime 16777619)
    /// over the UTF-8 bytes of <paramref name="name"/>. Unpaired surrogates are encoded as U+FFFD,
    /// as <see cref="System.Text.Encoding.UTF8"/> does. Not for use in kernels (strings).
    /// </summary>
    public static uint StreamId(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        uint hash = 2166136261u;
        for (int i = 0; i < name.Length; i++)
        {
            int cp = name[i];
            if (char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                cp = char.ConvertToUtf32(name[i], name[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(name[i]))
            {
                cp = 0xFFFD;
            }

            if (cp < 0x80)
            {
                hash = Fnv(hash, cp);
            }
            else if (cp < 0x800)
            {
                hash = Fnv(hash, 0xC0 | (cp >> 6));
                hash = Fnv(hash, 0x80 | (cp & 0x3F));
            }
            else if (cp < 0x10000)
            {
                hash = Fnv(hash, 0xE0 | (cp >> 12));
                hash = Fnv(hash, 0x80 | ((cp >> 6) & 0x3F));
                hash = Fnv(hash, 0x80 | (cp & 0x3F));
            }
            else
            {
                hash = Fnv(hash, 0xF0 | (cp >> 18));
                hash = Fnv(hash, 0x80 | ((cp >> 12) & 0x3F));
                hash = Fnv(hash, 0x80 | ((cp >> 6) & 0x3F));
                hash = Fnv(hash, 0x80 | (cp & 0x3F));
            }
        }

        return hash;
    }

    private static uint Fnv(uint hash, int b) => (hash ^ (uint)b) * 16777619u;
}
