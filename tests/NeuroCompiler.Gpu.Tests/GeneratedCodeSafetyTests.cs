using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Gpu.Tests;

/// <summary>Whatever the user names things, the GPU kernels' C# is the same code: names reach it only inside comments, escaped.</summary>
public sealed class GeneratedCodeSafetyTests
{
    [Theory]
    [MemberData(nameof(HostileNames.Names), MemberType = typeof(HostileNames))]
    public void HostileNamesReachTheDeviceCodeOnlyAsEscapedComments(string name) => HostileNames.AssertOnlyInComments(GpuBackend.Source, name);

    [Fact]
    public void UnpairedSurrogatesReachTheDeviceCodeOnlyAsEscapedComments()
    {
        // Built here: test data holding a lone surrogate does not survive xunit's serialisation.
        HostileNames.AssertOnlyInComments(GpuBackend.Source, "lone " + (char)0xD800 + " high");
        HostileNames.AssertOnlyInComments(GpuBackend.Source, "lone " + (char)0xDC00 + " low");
    }
}
