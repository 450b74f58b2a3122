using NeuroCompiler.Engine.Backends;

namespace NeuroCompiler.Engine;

/// <summary>The backends, by name: <c>neuroc run --backend NAME</c>, <see cref="Simulator"/>, verify and emit-cs find them here.</summary>
public static class BackendRegistry
{
    private static readonly IBackend[] Registered = { new ReferenceBackend(), new CpuKernelBackend(), new GpuKernelBackend() };

    private static readonly Dictionary<string, IBackend> ByName = Registered.ToDictionary(b => b.Name, StringComparer.Ordinal);

    /// <summary>Every backend, in the order --help lists them.</summary>
    public static IReadOnlyList<IBackend> All => Registered;

    /// <summary>The backend called <paramref name="name"/>, or null.</summary>
    public static IBackend? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>"reference, cpu, gpu" (those <paramref name="where"/> keeps).</summary>
    public static string Names(Func<IBackend, bool>? where = null) => string.Join(", ", Registered.Where(where ?? (_ => true)).Select(b => b.Name));
}
