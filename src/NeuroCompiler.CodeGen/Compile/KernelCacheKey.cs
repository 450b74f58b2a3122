using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace NeuroCompiler.CodeGen.Compile;

/// <summary>
/// Everything a compiled kernel assembly depends on: the generated source (by its SHA-256), the code
/// generator's version, the runtime, and the identity (name and module version id) of every assembly it
/// is compiled against or by (ours, the platform's, Roslyn). <see cref="Key"/> names the cache entry; the
/// entry also stores these fields, and they are compared on load, so an entry that is not this key's
/// (copied, renamed, written by another version) is never run.
/// </summary>
public sealed record KernelCacheKey(string SourceHash, int GeneratorVersion, string Runtime, ImmutableArray<string> References)
{
    public static KernelCacheKey For(string source, IEnumerable<Assembly> references) =>
        new(Sha256(Encoding.UTF8.GetBytes(source)), Emit.ModelEmitter.Version, RuntimeInformation.FrameworkDescription,
            references.Select(Identity).Distinct().Order(StringComparer.Ordinal).ToImmutableArray());

    /// <summary>The entry's name: the SHA-256 of <see cref="Lines"/>.</summary>
    public string Key => Sha256(Encoding.UTF8.GetBytes(string.Join("\n", Lines)));

    /// <summary>The fields as the entry's header holds them, one per line, in this order.</summary>
    public IEnumerable<string> Lines =>
        new[] { $"source_sha256 {SourceHash}", $"generator {GeneratorVersion}", $"runtime {Runtime}" }
            .Concat(References.Select(r => $"reference {r}"));

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Identity(Assembly assembly) => $"{assembly.FullName} {assembly.ManifestModule.ModuleVersionId}";
}
