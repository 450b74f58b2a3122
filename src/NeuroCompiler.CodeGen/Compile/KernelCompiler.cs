using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NeuroCompiler.Core.Nesting;

namespace NeuroCompiler.CodeGen.Compile;

/// <summary>What compiling a model's kernels cost, and whether the cache served them.</summary>
public sealed record CompiledKernels(Type Kernels, bool FromCache, TimeSpan Time, string Key);

/// <summary>
/// Compiles generated source in memory with Roslyn (optimised, no overflow checks) and loads it into a
/// collectible AssemblyLoadContext. Assemblies are cached on disk by <see cref="KernelCache"/>.
/// </summary>
public static class KernelCompiler
{
    private static readonly Assembly[] Linked =
    {
        typeof(Runtime.CounterRng).Assembly,
        typeof(Host.PopulationArrays<>).Assembly,
    };

    /// <summary>What a compiled assembly depends on besides the assemblies it links: the runtime's core library and the compiler.</summary>
    private static readonly Assembly[] Toolchain = { typeof(object).Assembly, typeof(CSharpCompilation).Assembly };

    /// <summary>Whether the cache holds this source's assembly already, verified (a compile would only load it).</summary>
    public static bool IsCached(string source, KernelCache cache, IReadOnlyList<Assembly>? linked = null) =>
        cache.Contains(Key(source, linked));

    /// <summary>The cache key of a source compiled against <paramref name="linked"/> (besides the runtime and the interpreter).</summary>
    public static KernelCacheKey Key(string source, IReadOnlyList<Assembly>? linked = null) => KeyOf(source, References(linked));

    /// <param name="linked">Assemblies the source uses besides the runtime and the interpreter (the GPU backend's: ILGPU and its own).</param>
    public static CompiledKernels Compile(string source, string modelName, KernelCache? cache = null, IReadOnlyList<Assembly>? linked = null)
    {
        var watch = Stopwatch.StartNew();
        cache ??= new KernelCache();
        var references = References(linked);
        var key = KeyOf(source, references);
        if (cache.TryRead(key) is { } stored)
        {
            if (Load(stored, key, out var bad) is { } cached)
            {
                return new CompiledKernels(cached, FromCache: true, watch.Elapsed, key.Key);
            }
            // Verified yet not loadable: the entry's own assembly is bad. Never run it; compile again.
            cache.Discard(key, bad!);
        }
        var image = DeepStack.Run(() => Build(source, modelName, key.Key, references)); // Roslyn recurses through the generated expressions
        cache.Write(key, image);
        var type = Load(image, key, out var why) ?? throw new InvalidOperationException($"the kernels just compiled do not load: {why}");
        return new CompiledKernels(type, FromCache: false, watch.Elapsed, key.Key);
    }

    private static Assembly[] References(IReadOnlyList<Assembly>? linked) => Linked.Concat(linked ?? Array.Empty<Assembly>()).Distinct().ToArray();

    private static KernelCacheKey KeyOf(string source, Assembly[] references) => KernelCacheKey.For(source, references.Concat(Toolchain));

    /// <summary>The kernels class of an assembly image, loaded into its own collectible context; null and why when it does not load.</summary>
    private static Type? Load(byte[] image, KernelCacheKey key, out string? why)
    {
        var context = new AssemblyLoadContext($"neuroc-kernels-{key.Key[..12]}", isCollectible: true);
        // The kernels' references (the interpreter, the runtime) come from the context neuroc itself was
        // loaded into: the default one, or a host's own (a plugin, bench/loop_ab's two builds side by side).
        if (AssemblyLoadContext.GetLoadContext(typeof(KernelCompiler).Assembly) is { } owner && owner != AssemblyLoadContext.Default)
        {
            context.Resolving += (_, name) => owner.LoadFromAssemblyName(name);
        }
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(image));
            var type = assembly.GetType($"{Emit.ModelEmitter.Namespace}.{Emit.ModelEmitter.ClassName}");
            why = type is null ? "its assembly has no kernels class" : null;
            return type;
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException)
        {
            why = $"its assembly does not load: {e.Message}";
            return null;
        }
    }

    private static byte[] Build(string source, string modelName, string key, Assembly[] linked)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "Kernels.g.cs");
        var compilation = CSharpCompilation.Create(
            $"NeuroCompiler.Generated.{key[..16]}",
            new[] { tree },
            MetadataReferences(linked),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                checkOverflow: false, allowUnsafe: false, deterministic: true));
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        if (!emitted.Success)
        {
            // Named by the key, not the model: the model's name is the user's and may be anything.
            string path = PrivateFolder.Write($"kernels-{key[..12]}.g.cs", source);
            var first = emitted.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
            throw new GeneratedCodeException(
                $"the code generated for model '{Emit.CSharpText.Comment(modelName)}' does not compile, which is a bug in neuroc; the generated file is {path}, and its first error is {first}",
                path);
        }
        return stream.ToArray();
    }

    private static IEnumerable<MetadataReference> MetadataReferences(Assembly[] linked)
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "System.Private.CoreLib.dll" or "System.Runtime.dll" or "netstandard.dll" or "System.Runtime.Numerics.dll" or "System.Numerics.Vectors.dll");
        return platform.Concat(linked.Select(a => a.Location)).Distinct().Select(p => MetadataReference.CreateFromFile(p));
    }
}
