using System.Globalization;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Driver;

namespace NeuroCompiler.Fuzzing;

/// <summary>
/// One input through neuroc as a user meets it: compiled (parse, bind, lower, passes) with every
/// diagnostic formatted, then, if it compiles, `neuroc run` for a few steps (on the reference, or the
/// cpu backend) writing its results. Anything but a coded diagnostic or a clean exit is a finding.
/// </summary>
public sealed class FuzzTarget
{
    public const int Steps = 20;

    /// <summary>The memory budget of a run (--memory): every sample but the 15.6-million-synapse brunel2000 fits.</summary>
    public const string ReferenceMemory = "128MiB";

    /// <summary>The same for the cpu backend, which adds Roslyn (about 70 MiB when it compiles).</summary>
    public const string CpuMemory = "224MiB";

    private static readonly int[] DocumentedExits = { 0, 64, 65, 70 };

    private readonly string _folder;

    public FuzzTarget(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    public (Outcome Outcome, string Detail) Run(string text, bool cpu)
    {
        string path = Path.Combine(_folder, "fuzz.neuro");
        File.WriteAllBytes(path, Bytes(text));
        Compilation compilation;
        try
        {
            compilation = Compilation.FromFile(path, new CompileOptions { InstantiateConnectivity = false });
            foreach (var diagnostic in compilation.Diagnostics)
            {
                if (diagnostic.Location is { } location && (location.Span.Start < 0 || location.Span.End > location.Text.Length))
                {
                    return (Outcome.Unhandled, $"span {location.Span} outside its text: {diagnostic}");
                }
                _ = DiagnosticFormatter.Format(diagnostic);
            }
        }
        catch (Exception e)
        {
            return (Outcome.Unhandled, Describe(e));
        }
        if (!compilation.Success)
        {
            return (Outcome.Rejected, FirstCode(compilation.Diagnostics));
        }
        // A few steps: the model's own duration may be anything.
        string duration = (Steps * compilation.Network!.Settings.Dt).ToString("R", CultureInfo.InvariantCulture) + " s";
        // Models of modest size: a budget that the samples fit but a mutated 15.6-million-synapse
        // network (brunel2000) does not, so it is refused (NC0501) instead of spending seconds building.
        var args = new List<string> { "run", path, "--duration", duration, "--out", Path.Combine(_folder, "out"), "--quiet",
            "--memory", cpu ? CpuMemory : ReferenceMemory };
        if (cpu)
        {
            args.AddRange(new[] { "--backend", "cpu" });
        }
        var output = new StringWriter();
        var error = new StringWriter();
        int code;
        try
        {
            code = Cli.Program.Run(args.ToArray(), output, error);
        }
        catch (Exception e)
        {
            return (Outcome.Unhandled, Describe(e));
        }
        string message = error.ToString();
        if (!DocumentedExits.Contains(code) || message.Contains("internal error"))
        {
            return (Outcome.Unhandled, $"exit {code}: {FirstLine(message)}");
        }
        return code switch
        {
            0 => (Outcome.Ran, ""),
            70 => (Outcome.Failed, FirstLine(message)),
            _ => (Outcome.Rejected, FirstLine(message)),
        };
    }

    /// <summary>
    /// The file's bytes: UTF-8, except that U+F780-U+F7FF stand for the raw bytes 0x80-0xFF, so that
    /// mutations can write what is not UTF-8 at all (a lone surrogate becomes U+FFFD, as any encoder makes it).
    /// </summary>
    public static byte[] Bytes(string text)
    {
        var bytes = new List<byte>(text.Length);
        var utf8 = new System.Text.UTF8Encoding(false, false);
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] is >= '\uF780' and <= '\uF7FF')
            {
                bytes.AddRange(utf8.GetBytes(text[start..i]));
                if (i < text.Length)
                {
                    bytes.Add((byte)(text[i] - 0xF700));
                }
                start = i + 1;
            }
        }
        return bytes.ToArray();
    }

    private static string FirstCode(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.FirstOrDefault(d => d.IsError)?.CodeText ?? "";

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static string Describe(Exception e)
    {
        var frame = new System.Diagnostics.StackTrace(e).GetFrames().FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("NeuroCompiler") == true);
        string where = frame?.GetMethod() is { } method ? $" at {method.DeclaringType?.Name}.{method.Name}" : "";
        return $"{e.GetType().Name}: {e.Message}{where}";
    }
}
