using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace NeuroCompiler.TestSupport;

/// <summary>
/// Recomputes a configuration folder's hashes after a test changed its files, as someone editing it with care would:
/// every core or tile file's SHA-256 into the manifest's <c>files</c> (entries added for new files, dropped for
/// deleted ones), then the manifest's own <c>manifest_sha256</c>. Written from the format's description, not from
/// neuroc's code, so that the reader's checks below the hashes can be tested.
/// </summary>
public static partial class ConfigurationHashes
{
    private static readonly string Zeros = new('0', 64);

    [GeneratedRegex(@"""manifest_sha256"": ""[^""]*""")]
    private static partial Regex Self();

    public static void Rewrite(string folder)
    {
        string path = Path.Combine(folder, "manifest.json");
        string text = File.ReadAllText(path);
        int open = text.IndexOf("\"files\": {", StringComparison.Ordinal) + "\"files\": {".Length;
        int close = text.IndexOf('}', open);
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Where(n => Regex.IsMatch(n!, @"^(core|tile)-\d{4}\.json$")).Order(StringComparer.Ordinal).ToList();
        string entries = string.Join(",", files.Select(n => $"\n    \"{n}\": \"{Sha256(File.ReadAllBytes(Path.Combine(folder, n!)))}\""));
        text = text[..open] + entries + "\n  " + text[close..];
        text = Self().Replace(text, $"\"manifest_sha256\": \"{Zeros}\"");
        text = text.Replace($"\"manifest_sha256\": \"{Zeros}\"", $"\"manifest_sha256\": \"{Sha256(Encoding.UTF8.GetBytes(text))}\"");
        File.WriteAllText(path, text);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
