using System.Security.Cryptography;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>A write-only stream that passes everything on to another and hands over the SHA-256 of what went through when it is closed.</summary>
internal sealed class HashingStream(Stream inner, Action<string> hashed) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _closed;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.AppendData(buffer);
        inner.Write(buffer);
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_closed)
        {
            _closed = true;
            inner.Dispose();
            hashed(Convert.ToHexStringLower(_hash.GetHashAndReset()));
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }
}
