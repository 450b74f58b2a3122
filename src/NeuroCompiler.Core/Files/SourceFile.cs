using System.Buffers;
using System.Text.Unicode;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Core.Files;

/// <summary>A source file read (<see cref="Text"/>), or why it was refused (<see cref="Code"/> and <see cref="Problem"/>, never with anything from its content).</summary>
public sealed record SourceRead(SourceText? Text, ErrorCode? Code = null, string? Problem = null)
{
    public static SourceRead Found(SourceText text) => new(text);

    public static SourceRead Refused(ErrorCode code, string problem) => new(null, code, problem);
}

/// <summary>
/// Reads a model or an import, and only what can be one: a regular file (after following links) of at most
/// <see cref="Limits.MaxSourceBytes"/> bytes of UTF-8 text. Devices, pipes, sockets and directories are refused
/// before they are opened (so /dev/zero and /dev/stdin neither exhaust memory nor hang), a file that holds more
/// than its size says (those under /proc say 0) is refused after reading one byte more than that size, and
/// a file with bytes that are not UTF-8 or with control characters (a binary) is refused. A refusal names the
/// file and the rule, and never echoes its content: it may be someone's secrets or terminal escapes.
/// </summary>
public static class SourceFile
{
    private static readonly byte[] Bom = { 0xEF, 0xBB, 0xBF };

    public static SourceRead Read(string path, string displayName)
    {
        try
        {
            return ReadChecked(path, displayName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return SourceRead.Refused(ErrorCode.CannotReadFile, $"cannot read '{displayName}': {e.Message}");
        }
    }

    private static SourceRead ReadChecked(string path, string displayName)
    {
        var kind = FileKinds.Of(path);
        if (kind == FileKind.Missing || kind == FileKind.Unknown && !File.Exists(path) && !Directory.Exists(path))
        {
            return SourceRead.Refused(ErrorCode.CannotReadFile, $"cannot read '{displayName}': there is no such file");
        }
        if (kind == FileKind.Unknown && Directory.Exists(path))
        {
            kind = FileKind.Directory;
        }
        if (kind is not (FileKind.Regular or FileKind.Unknown))
        {
            return SourceRead.Refused(ErrorCode.SourceNotRegularFile, $"'{displayName}' is {FileKinds.Describe(kind)}, not a regular file with a model in it");
        }
        string target = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        long size = new FileInfo(target).Length;
        if (size > Limits.MaxSourceBytes)
        {
            return SourceRead.Refused(ErrorCode.SourceTooLarge,
                $"'{displayName}' has {size:N0} bytes; a model or import may have at most {Limits.MaxSourceBytes:N0} (docs/limits.md)");
        }
        if (size == 0 && kind == FileKind.Unknown)
        {
            // Where the kind cannot be asked, an empty file is not opened: it may be a pipe, and opening one blocks.
            return SourceRead.Found(SourceText.From("", displayName));
        }
        var bytes = new byte[size + 1];
        int length = 0;
        using (var stream = new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan))
        {
            int read;
            while (length < bytes.Length && (read = stream.Read(bytes, length, bytes.Length - length)) > 0)
            {
                length += read;
            }
        }
        if (length > size)
        {
            return SourceRead.Refused(ErrorCode.SourceNotRegularFile,
                $"'{displayName}' holds more than the {size:N0} bytes its size says: it is made by the system as it is read (as files under /proc are) or it grows, not a model");
        }
        return Decode(bytes.AsSpan(0, length), displayName);
    }

    private static SourceRead Decode(ReadOnlySpan<byte> bytes, string displayName)
    {
        int skipped = bytes.StartsWith(Bom) ? Bom.Length : 0;
        var chars = new char[bytes.Length];
        if (Utf8.ToUtf16(bytes[skipped..], chars, out int read, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            return SourceRead.Refused(ErrorCode.SourceNotText, $"'{displayName}' is not UTF-8 text (byte {skipped + read} is not UTF-8): is it a binary file?");
        }
        var text = new string(chars, 0, written);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f' or '\v'))
            {
                int line = 1 + text.AsSpan(0, i).Count('\n');
                return SourceRead.Refused(ErrorCode.SourceNotText,
                    $"'{displayName}' is not text: line {line} holds the control character U+{(int)c:X4}; is it a binary file?");
            }
        }
        return SourceRead.Found(SourceText.From(text, displayName));
    }
}
