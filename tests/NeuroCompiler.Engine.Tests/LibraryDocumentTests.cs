using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Engine.Tests;

/// <summary>
/// The complete program in docs/library.md compiles against the libraries as they are, and runs: on
/// the reference and the cpu backend it prints the same spikes, and a model with an error exits 65
/// with the diagnostic.
/// </summary>
public sealed partial class LibraryDocumentTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuroc-library-").FullName;

    private readonly string? _cacheVariable = Environment.GetEnvironmentVariable("NEUROC_CACHE");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("NEUROC_CACHE", _cacheVariable);
        Directory.Delete(_folder, recursive: true);
    }

    private static readonly Lazy<MethodInfo> Program = new(Compile);

    private static MethodInfo Compile()
    {
        string document = File.ReadAllText(Repository.Path("docs", "library.md"));
        var code = Assert.Single(CSharpBlock().Matches(document)).Groups[1].Value;
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        // The usings `dotnet new console` makes implicit (ImplicitUsings), as a project of the user's would have.
        var implicitUsings = CSharpSyntaxTree.ParseText(string.Concat(new[] { "System", "System.IO", "System.Linq", "System.Collections.Generic", "System.Threading", "System.Threading.Tasks" }
            .Select(n => $"global using {n};\n")));
        var compilation = CSharpCompilation.Create("LibraryExample", new[] { CSharpSyntaxTree.ParseText(code), implicitUsings }, references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(image.ToArray()).EntryPoint!;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            int code = (int)Program.Value.Invoke(null, new object[] { args })!;
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    [Fact]
    public void TheProgramRunsOnTheReferenceAndTheCpuWithTheSameSpikes()
    {
        string model = Path.Combine(_folder, "pair.neuro");
        File.WriteAllText(model, """
            model pair { dt = 0.1 ms; duration = 30 ms; seed = 2 }
            neuron N {
              param tau = 10 ms
              state v = uniform(0, 1)
              dv/dt = (2 - v) / tau
              threshold v > 1
              reset { v = 0 }
            }
            population P = N[8]
            record spikes P
            """);
        Environment.SetEnvironmentVariable("NEUROC_CACHE", Path.Combine(_folder, "cache")); // the program's cpu run uses the default cache
        var reference = Run(model, "reference");
        var cpu = Run(model, "cpu");
        Assert.True(reference.Code == 0, reference.Error);
        Assert.True(cpu.Code == 0, cpu.Error);
        Assert.Equal(reference.Output, cpu.Output);
        var lines = reference.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("pair: 300 steps of 0.1 ms", lines[0]);
        Assert.Matches(@"^P: \d+ spikes, \d+\.\d\d Hz$", lines[1]);
        Assert.Equal(5, lines.Count(l => l.StartsWith("neuron ")));
        Assert.Matches(@"^neuron [0-7] at \d+\.\d ms$", lines[2]);
    }

    [Fact]
    public void AModelWithAnErrorExits65WithTheDiagnostic()
    {
        string model = Path.Combine(_folder, "bad.neuro");
        File.WriteAllText(model, "model bad { dt = 0.1 ms; duration = 1 ms }\npopulation P = Missing[3]\n");
        var (code, output, error) = Run(model, "reference");
        Assert.Equal(65, code);
        Assert.Equal("", output);
        Assert.Contains("bad.neuro:2:", error);
        Assert.Contains("error NC", error);
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
