using System.Security.Cryptography;
using System.Text;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Targets.Json;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>
/// Checks a configuration folder against its manifest's hashes (<see cref="ConfigurationFiles"/>): the manifest against
/// its own <c>manifest_sha256</c>, every file of the configuration against its entry in <c>files</c> (a mismatch names
/// the file: it is not what was written), that <c>files</c> lists exactly the configuration's files, and that the folder
/// holds nothing else (besides the reports and hidden files). A listed file that is missing is left to the reader,
/// which reports it when it opens it. Nothing but the expected files is ever opened.
/// </summary>
public static class ConfigurationIntegrity
{
    /// <param name="expected">The files the configuration has besides the manifest (core-0000.json, ...).</param>
    public static void Check(string folder, FieldReader manifest, IReadOnlyCollection<string> expected, DiagnosticBag diagnostics)
    {
        CheckManifest(manifest);
        if (manifest.Object(ConfigurationFiles.FilesField) is not { } files)
        {
            return;
        }
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in files.Names.ToList())
        {
            var value = files.Field(name, required: true)!;
            listed.Add(name);
            if (!expected.Contains(name))
            {
                files.Report(ErrorCode.ConfigurationFileUnlisted, value.Span, $"the manifest lists '{Printable(name)}', which is not a file of this configuration");
                continue;
            }
            if (value is not JsonString { Value: var hash })
            {
                files.Report(ErrorCode.TargetValueType, value.Span, $"'files.{name}' must be the file's SHA-256 as a string, not {value.Kind}");
                continue;
            }
            string path = Path.Combine(folder, name);
            if (!File.Exists(path) || BoundedFile.Read(path, Core.Limits.MaxConfigurationFileBytes) is not { } bytes)
            {
                continue; // the reader reports it when it opens it
            }
            string actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (actual != hash)
            {
                files.Report(ErrorCode.ConfigurationFileChanged, value.Span,
                    $"{name} is not the file that was written: its SHA-256 is {actual}, and the manifest says {Printable(hash)}");
            }
        }
        foreach (string name in expected.Where(n => !listed.Contains(n)).Order(StringComparer.Ordinal))
        {
            files.Report(ErrorCode.ConfigurationFileUnlisted, files.Span, $"{name} is a file of this configuration, and the manifest's 'files' does not list it");
        }
        foreach (string path in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path);
            if (name != ConfigurationFiles.Manifest && !expected.Contains(name) && !ConfigurationFiles.Reports.Contains(name) && !name.StartsWith('.'))
            {
                files.Report(ErrorCode.ConfigurationFileUnlisted, files.Span,
                    $"{Printable(name)} is in the configuration folder, and the manifest does not list it: a file added, or a configuration written over another");
            }
        }
    }

    /// <summary>The manifest's own hash: of its text with the hash's value as 64 zeros.</summary>
    private static void CheckManifest(FieldReader manifest)
    {
        if (manifest.Field(ConfigurationFiles.ManifestHashField, required: true) is not { } value)
        {
            return;
        }
        if (value is not JsonString { Value: var given } || value.Span.Length != given.Length + 2)
        {
            manifest.Report(ErrorCode.TargetValueType, value.Span, $"'{ConfigurationFiles.ManifestHashField}' must be a SHA-256 as a string of 64 hexadecimal digits");
            return;
        }
        string text = manifest.Text.Text;
        string zeroed = text[..(value.Span.Start + 1)] + ConfigurationFiles.Zeros + text[(value.Span.End - 1)..];
        string actual = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(zeroed)));
        if (actual != given)
        {
            manifest.Report(ErrorCode.ConfigurationFileChanged, value.Span,
                $"{ConfigurationFiles.Manifest} is not the file that was written: its SHA-256 (with this field as 64 zeros) is {actual}, and this field says {Printable(given)}");
        }
    }

    /// <summary>Text from a damaged file, fit to print.</summary>
    private static string Printable(string text) =>
        new(text.Take(100).Select(c => char.IsControl(c) ? '?' : c).Concat(text.Length > 100 ? "..." : "").ToArray());
}
