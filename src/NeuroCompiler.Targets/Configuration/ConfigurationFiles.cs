using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NeuroCompiler.Output;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>
/// Writes a configuration's files so that its manifest holds the SHA-256 of every other file (<c>files</c>: name →
/// hash) and its own (<c>manifest_sha256</c>: the SHA-256 of manifest.json as written with that field's value 64
/// zeros), which <see cref="ConfigurationIntegrity"/> checks when the configuration is read back. The manifest is
/// written last, when every other file's hash is known.
/// </summary>
public sealed class ConfigurationFiles(AtomicDirectory output)
{
    public const string Manifest = "manifest.json";
    public const string FilesField = "files";
    public const string ManifestHashField = "manifest_sha256";

    /// <summary>The files beside a configuration that are not part of it (what was mapped, for people).</summary>
    public static readonly IReadOnlySet<string> Reports = new HashSet<string>(StringComparer.Ordinal) { "report.json", "report.md" };

    internal static readonly string Zeros = new('0', 64);

    private readonly SortedDictionary<string, string> _hashes = new(StringComparer.Ordinal);

    /// <summary>Opens a configuration file to write; its hash goes into the manifest.</summary>
    public Stream Create(string name) => new HashingStream(output.Create(name), hash => _hashes[name] = hash);

    /// <summary>Writes manifest.json: the fields <paramref name="fields"/> writes, then <c>files</c> and <c>manifest_sha256</c>.</summary>
    public void WriteManifest(Action<Utf8JsonWriter> fields)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            fields(json);
            json.WriteStartObject(FilesField);
            foreach (var (name, hash) in _hashes)
            {
                json.WriteString(name, hash);
            }
            json.WriteEndObject();
            json.WriteString(ManifestHashField, Zeros);
            json.WriteEndObject();
        }
        byte[] bytes = buffer.ToArray();
        string self = Convert.ToHexStringLower(SHA256.HashData(bytes));
        // The field is the last thing written: its zeros are the last 64 of the file.
        int at = bytes.AsSpan().LastIndexOf(Encoding.ASCII.GetBytes(Zeros));
        Encoding.ASCII.GetBytes(self).CopyTo(bytes, at);
        using var stream = output.Create(Manifest);
        stream.Write(bytes);
    }
}
