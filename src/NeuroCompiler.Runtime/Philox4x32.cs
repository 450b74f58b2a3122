namespace NeuroCompiler.Runtime;

/// <summary>
/// The Philox4x32-10 counter-based pseudo-random function of Salmon, Moraes, Dror and Shaw,
/// "Parallel Random Numbers: As Easy as 1, 2, 3" (SC'11), exactly as in the Random123 library.
/// </summary>
/// <remarks>
/// <para>
/// Why a counter-based generator: a model's random numbers must not depend on the order in
/// which neurons or synapses are visited, on the number of threads, or on the device. Philox is
/// a pure function of a 128-bit counter and a 64-bit key, so every draw is addressed by
/// (seed, stream, index, step) and the reference interpreter and GPU kernels produce the same
/// bits without sharing any state. Philox4x32-10 passes TestU01 BigCrush and uses only 32-bit
/// integer multiplies, which every target supports natively.
/// </para>
/// <para>
/// Exact semantics: one round maps counter (c0, c1, c2, c3) with key (k0, k1) to
/// (hi(M1·c2) ⊕ c1 ⊕ k0, lo(M1·c2), hi(M0·c0) ⊕ c3 ⊕ k1, lo(M0·c0)) where M0 = 0xD2511F53,
/// M1 = 0xCD9E8D57 and hi/lo are the upper/lower 32 bits of the 64-bit product. Ten rounds are
/// applied; before each round after the first the key is bumped by the Weyl constants
/// (k0 += 0x9E3779B9, k1 += 0xBB67AE85, modulo 2^32). The output words are the final counter.
/// </para>
/// </remarks>
public static class Philox4x32
{
    /// <summary>First round multiplier (applied to counter word 0).</summary>
    public const uint Multiplier0 = 0xD2511F53u;

    /// <summary>Second round multiplier (applied to counter word 2).</summary>
    public const uint Multiplier1 = 0xCD9E8D57u;

    /// <summary>Weyl increment of key word 0 (golden ratio).</summary>
    public const uint Weyl0 = 0x9E3779B9u;

    /// <summary>Weyl increment of key word 1 (sqrt(3) - 1).</summary>
    public const uint Weyl1 = 0xBB67AE85u;

    /// <summary>Number of rounds; 10 is the Random123 default and the variant with published known answers.</summary>
    public const int Rounds = 10;

    /// <summary>
    /// Computes Philox4x32-10 of counter (<paramref name="c0"/>..<paramref name="c3"/>) under key
    /// (<paramref name="k0"/>, <paramref name="k1"/>). Word order matches Random123's
    /// <c>philox4x32(ctr, key)</c>: <c>ctr.v[i] = ci</c>, <c>key.v[i] = ki</c>, <c>out.v[i] = ri</c>.
    /// </summary>
    public static void Generate(
        uint k0, uint k1,
        uint c0, uint c1, uint c2, uint c3,
        out uint r0, out uint r1, out uint r2, out uint r3)
    {
        for (int round = 0; round < Rounds; round++)
        {
            if (round > 0)
            {
                k0 += Weyl0;
                k1 += Weyl1;
            }

            ulong p0 = (ulong)Multiplier0 * c0;
            ulong p1 = (ulong)Multiplier1 * c2;
            uint n0 = (uint)(p1 >> 32) ^ c1 ^ k0;
            uint n1 = (uint)p1;
            uint n2 = (uint)(p0 >> 32) ^ c3 ^ k1;
            uint n3 = (uint)p0;
            c0 = n0;
            c1 = n1;
            c2 = n2;
            c3 = n3;
        }

        r0 = c0;
        r1 = c1;
        r2 = c2;
        r3 = c3;
    }
}
