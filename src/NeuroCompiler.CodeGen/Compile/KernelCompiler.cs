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
        typeof(Interpreter.PopulationArrays<>).Assembly,
    };

    /// <summary>Whether the cache holds this source's assembly already (a compile would only load it).</summary>
    public static bool IsCached(string source, KernelCache cache, IReadOnlyList<Assembly>? linked = null) =>
        cache.Contains(KernelCache.Key(source, Linked.Concat(linked ?? Array.Empty<Assembly>()).Distinct()));

    /// <param name="linked">Assemblies the source uses besides the runtime and the interpreter (the GPU backend's: ILGPU and its own).</param>
    public static CompiledKernels Compile(string source, string modelName, KernelCache? cache = null, IReadOnlyList<Assembly>? linked = null)
    {
        var watch = Stopwatch.StartNew();
        cache ??= new KernelCache();
        var references = Linked.Concat(linked ?? Array.Empty<Assembly>()).Distinct().ToArray();
        string key = KernelCache.Key(source, references);
        bool fromCache = true;
        var image = cache.TryRead(key);
        if (image is null)
        {
            fromCache = false;
            image = DeepStack.Run(() => Build(source, modelName, key, references)); // Roslyn recurses through the generated expressions
            cache.Write(key, image);
        }
        var context = new AssemblyLoadContext($"neuroc-kernels-{key[..12]}", isCollectible: true);
        var assembly = context.LoadFromStream(new MemoryStream(image));
        var type = assembly.GetType($"{Emit.ModelEmitter.Namespace}.{Emit.ModelEmitter.ClassName}")
            ?? throw new InvalidOperationException("the compiled kernels have no Kernels class");
        return new CompiledKernels(type, fromCache, watch.Elapsed, key);
    }

    private static byte[] Build(string source, string modelName, string key, Assembly[] linked)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "Kernels.g.cs");
        var compilation = CSharpCompilation.Create(
            $"NeuroCompiler.Generated.{key[..16]}",
            new[] { tree },
            References(linked),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                checkOverflow: false, allowUnsafe: false, deterministic: true));
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        if (!emitted.Success)
        {
            string path = Path.Combine(Path.GetTempPath(), $"neuroc-{modelName}-{key[..12]}.g.cs");
            File.WriteAllText(path, source);
            var first = emitted.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
            throw new GeneratedCodeException(
                $"the code generated for model '{modelName}' does not compile, which is a bug in neuroc; the generated file is {path}, and its first error is {first}",
                path);
        }
        return stream.ToArray();
    }

    private static IEnumerable<MetadataReference> References(Assembly[] linked)
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "System.Private.CoreLib.dll" or "System.Runtime.dll" or "netstandard.dll" or "System.Runtime.Numerics.dll" or "System.Numerics.Vectors.dll");
        return platform.Concat(linked.Select(a => a.Location)).Distinct().Select(p => MetadataReference.CreateFromFile(p));
    }
}
