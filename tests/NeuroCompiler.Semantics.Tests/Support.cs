using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Semantics.Binding;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Tests;

/// <summary>
/// Source text with marked spans, minsk style: <c>dv/dt = «v»</c> marks the span of <c>v</c>.
/// Markers may nest; <c>«»</c> marks an empty span (the end of the file, say).
/// </summary>
internal sealed record AnnotatedText(string Text, ImmutableArray<TextSpan> Spans)
{
    public const char Open = '«';
    public const char Close = '»';

    public static AnnotatedText Parse(string annotated)
    {
        var text = new StringBuilder();
        var spans = new List<TextSpan>();
        var starts = new Stack<int>();
        foreach (char c in annotated)
        {
            if (c == Open)
            {
                starts.Push(text.Length);
            }
            else if (c == Close)
            {
                if (starts.Count == 0)
                {
                    throw new ArgumentException("unbalanced » in " + annotated);
                }
                spans.Add(TextSpan.FromBounds(starts.Pop(), text.Length));
            }
            else
            {
                text.Append(c);
            }
        }
        if (starts.Count > 0)
        {
            throw new ArgumentException("unbalanced « in " + annotated);
        }
        return new AnnotatedText(text.ToString(), spans.OrderBy(s => s.Start).ThenBy(s => s.Length).ToImmutableArray());
    }
}

/// <summary>Binding models given as text, and checking their diagnostics exactly.</summary>
internal static class Bind
{
    public const string FileName = "test.neuro";

    public static BindResult Text(string text, params string[] overrides) =>
        Binder.Bind(SyntaxTree.Parse(text, FileName), Options(overrides));

    public static BindOptions Options(params string[] overrides) =>
        new(overrides.Select(o => ParameterOverride.Parse(o) ?? throw new ArgumentException(o)).ToList(), SourceResolver.Default);

    /// <summary>Binds and fails with every diagnostic unless the model bound without any (errors or warnings).</summary>
    public static BoundModel Clean(string text, params string[] overrides)
    {
        var result = Text(text, overrides);
        Assert.True(result.Diagnostics.IsEmpty, "unexpected diagnostics:\n" + DiagnosticFormatter.FormatAll(result.Diagnostics));
        Assert.True(result.Success);
        return result.Model!;
    }

    public static string Describe(Diagnostic d)
    {
        if (d.Location is not { } l)
        {
            return $"{d.CodeText} (no location) {d.Message}";
        }
        return string.Create(CultureInfo.InvariantCulture, $"{d.CodeText} {l.Start.Line}:{l.Start.Column}+{l.Span.Length} {d.Message}");
    }

    /// <summary>
    /// Binds an annotated model and checks that its diagnostics are exactly one per marked span,
    /// with the expected codes in span order. Each expectation is a code ("NC0101") optionally
    /// followed by a fragment the message must contain ("NC0101 did you mean 'tau'").
    /// </summary>
    public static BindResult Expect(string annotated, params string[] expected) => ExpectWith(annotated, Array.Empty<string>(), expected);

    public static BindResult ExpectWith(string annotated, string[] overrides, params string[] expected)
    {
        var source = AnnotatedText.Parse(annotated);
        if (source.Spans.Length != expected.Length)
        {
            throw new ArgumentException($"{source.Spans.Length} marked spans but {expected.Length} expected diagnostics");
        }
        var result = Text(source.Text, overrides);
        var text = SourceText.From(source.Text, FileName);
        var wanted = source.Spans.Zip(expected, (span, e) =>
        {
            string code = e.Split(' ', 2)[0];
            string fragment = e.Length > code.Length ? e[(code.Length + 1)..] : "";
            var p = text.GetLinePosition(span.Start);
            return (Key: $"{code} {p.Line}:{p.Column}+{span.Length}", Fragment: fragment, Start: span.Start);
        }).OrderBy(w => w.Start).ThenBy(w => w.Key, StringComparer.Ordinal).ToList();
        var actual = result.Diagnostics
            .OrderBy(d => d.Location?.Span.Start ?? -1).ThenBy(d => Key(d), StringComparer.Ordinal).ToList();

        string report = "expected:\n  " + string.Join("\n  ", wanted.Select(w => w.Key + (w.Fragment.Length > 0 ? $" «{w.Fragment}»" : ""))) +
            "\nactual:\n  " + string.Join("\n  ", actual.Select(Describe)) + "\nin:\n" + source.Text;
        Assert.True(wanted.Select(w => w.Key).SequenceEqual(actual.Select(Key)), report);
        foreach (var (w, d) in wanted.Zip(actual))
        {
            Assert.True(d.Location!.Text.FileName == FileName, report);
            Assert.True(d.Message.Contains(w.Fragment, StringComparison.Ordinal), $"message of {Describe(d)} lacks «{w.Fragment}»\n" + report);
        }
        Assert.Equal(actual.Any(d => d.IsError), !result.Success);
        return result;
    }

    private static string Key(Diagnostic d) => d.Location is { } l
        ? string.Create(CultureInfo.InvariantCulture, $"{d.CodeText} {l.Start.Line}:{l.Start.Column}+{l.Span.Length}")
        : d.CodeText;
}

/// <summary>Paths in the repository, found by walking up from the test binaries to NeuroCompiler.sln.</summary>
internal static class Repo
{
    public static string Root => NeuroCompiler.TestSupport.Repository.Root;

    public static string Path(params string[] parts) => NeuroCompiler.TestSupport.Repository.Path(parts);
}
