using Xunit.Abstractions;
using Xunit.Sdk;

namespace NeuroCompiler.Engine.Tests.Semantics;

/// <summary>
/// A fact of a backend suite (<see cref="BackendSuite"/>): run for every concrete suite class, and
/// reported as skipped, with the reason, in a suite whose backend cannot run on this machine (CUDA
/// without an NVIDIA GPU): never as passed. A <see cref="Heavy"/> fact (long statistical runs) is
/// skipped on ILGPU's CPU accelerator, which emulates a GPU about a thousand times slower (minutes
/// per test); the other suites, CUDA's included, run it.
/// </summary>
[XunitTestCaseDiscoverer("NeuroCompiler.Engine.Tests.Semantics.BackendFactDiscoverer", "NeuroCompiler.Engine.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class BackendFactAttribute : FactAttribute
{
    public bool Heavy { get; set; }
}

/// <summary>Finds each <see cref="BackendFactAttribute"/> test of a suite class, skipped where <see cref="BackendSuite.Unavailable"/> says why.</summary>
public sealed class BackendFactDiscoverer(IMessageSink sink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo attribute)
    {
        var suite = method.TestClass.Class.ToRuntimeType();
        var instance = suite.IsAbstract ? null : (BackendSuite)Activator.CreateInstance(suite)!;
        string? skip = instance?.Unavailable ?? (instance is { Emulated: true } && attribute.GetNamedArgument<bool>(nameof(BackendFactAttribute.Heavy))
            ? "not run on ILGPU's CPU accelerator: minutes of emulated kernels (the reference, cpu and CUDA suites run it)"
            : null);
        if (skip is not null)
        {
            return new[] { new XunitSkippedDataRowTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), method, skip) };
        }
        return new[] { new XunitTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), method) };
    }
}
