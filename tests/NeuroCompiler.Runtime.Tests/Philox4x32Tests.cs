namespace NeuroCompiler.Runtime.Tests;

public class Philox4x32Tests
{
    /// <summary>
    /// Known-answer vectors. The first three are the "philox4x32 10" lines of Random123's
    /// tests/kat_vectors (columns: counter[4], key[2], expected[4]); the others are "philox4x32 10"
    /// lines of examples/kat_vectors in the Random123 manual repository (github.com/girving/random123-manual).
    /// </summary>
    public static TheoryData<uint[], uint[], uint[]> KnownAnswers => new()
    {
        { [0x00000000, 0x00000000, 0x00000000, 0x00000000], [0x00000000, 0x00000000], [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8] },
        { [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd] },
        { [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1] },
        { [0x00000001, 0x00000000, 0x00000000, 0x00000000], [0x00000001, 0x00000000], [0xac08141b, 0xdfc5ccbe, 0x79c07a47, 0xa7f66093] },
        { [0x00000000, 0x00000000, 0x00000000, 0x80000000], [0x00000001, 0x00000000], [0xdde26e4e, 0x17666f3b, 0xfc1f5b3a, 0x83ac805d] },
        { [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0x00000000, 0xffffffff], [0x08f7720c, 0x845ee9e0, 0x502ccd3d, 0xa9a00e27] },
        { [0x452821e6, 0x38d01377, 0xbe5466cf, 0x34e90c6c], [0x00000000, 0x80000000], [0x94ca5566, 0x14924b2f, 0x28214292, 0x59faeaee] },
    };

    [Theory]
    [MemberData(nameof(KnownAnswers))]
    public void MatchesPublishedKnownAnswers(uint[] counter, uint[] key, uint[] expected)
    {
        Philox4x32.Generate(key[0], key[1], counter[0], counter[1], counter[2], counter[3], out uint r0, out uint r1, out uint r2, out uint r3);
        Assert.Equal(expected, new[] { r0, r1, r2, r3 });
    }

    [Fact]
    public void NeighbouringCountersDifferInAboutHalfTheBits()
    {
        // Avalanche: flipping one counter bit should flip ~64 of the 128 output bits on average.
        long flipped = 0;
        const int Trials = 2000;
        for (uint i = 0; i < Trials; i++)
        {
            Philox4x32.Generate(7, 9, i, 0, 0, 0, out uint a0, out uint a1, out uint a2, out uint a3);
            Philox4x32.Generate(7, 9, i ^ (1u << (int)(i % 32)), 0, 0, 0, out uint b0, out uint b1, out uint b2, out uint b3);
            flipped += System.Numerics.BitOperations.PopCount(a0 ^ b0) + System.Numerics.BitOperations.PopCount(a1 ^ b1)
                + System.Numerics.BitOperations.PopCount(a2 ^ b2) + System.Numerics.BitOperations.PopCount(a3 ^ b3);
        }

        double mean = (double)flipped / Trials;
        Assert.InRange(mean, 63.0, 65.0); // sd of the mean is sqrt(32 / 2000) ≈ 0.13
    }
}
