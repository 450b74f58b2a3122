using NeuroCompiler.Core.Diagnostics;
using System.CommandLine;
using NeuroCompiler.Cli.Validation;
using NeuroCompiler.Driver;
using NeuroCompiler.Semantics;

namespace NeuroCompiler.Cli;

/// <summary>Options shared by the commands that compile a model.</summary>
internal static class CommonOptions
{
    public static Argument<FileInfo> File() => new Argument<FileInfo>("file") { Description = "The .neuro model" }.ExistingFile("a .neuro model file");

    public static Option<string[]> Set() => new Option<string[]>("--set")
    {
        Description = "Override a model param or setting without editing the file, units checked: --set g=5 --set tau=10ms",
        AllowMultipleArgumentsPerToken = false,
        HelpName = "NAME=VALUE",
        Arity = ArgumentArity.ZeroOrMore,
    }.Assignments();

    /// <summary>The --out option of the commands that write a folder (replaced whole; see <see cref="OutputFolders"/>).</summary>
    public static Option<string?> Out(string description) => new Option<string?>("--out") { Description = description, HelpName = "DIR" }.FolderPath();

    /// <summary>The --set values (and --seed/--duration, given as NAME=VALUE) as overrides; their form was checked as the command line was parsed.</summary>
    public static IReadOnlyList<ParameterOverride> Overrides(IEnumerable<string> assignments) =>
        assignments.Select(a => ParameterOverride.Parse(a) ?? throw new InvalidOperationException($"--set '{a}' passed the command line's check")).ToList();

    /// <param name="footprint">What the process will hold besides the network (the backend, the results kept); the reference's one run by default.</param>
    /// <param name="budget">The memory the model may use; what is free now by default (<see cref="AvailableMemory.Budget"/>).</param>
    public static Compilation Compile(FileInfo file, IReadOnlyList<ParameterOverride> overrides, bool instantiate,
        IR.Memory.ProcessFootprint? footprint = null, long? budget = null) =>
        Compilation.FromFile(file.ToString(), new CompileOptions
        {
            Overrides = overrides,
            InstantiateConnectivity = instantiate,
            Footprint = footprint ?? IR.Memory.ProcessFootprint.Interpreted,
            MemoryBudgetBytes = budget ?? AvailableMemory.Budget(),
        });

    /// <summary>The exit code of a compilation that failed: a model too large for memory is a runtime failure (70), the rest model errors (65).</summary>
    public static int FailureCode(Compilation compilation) =>
        compilation.Diagnostics.Any(d => d.Code == ErrorCode.ModelTooLarge) ? ExitCodes.RuntimeFailure : ExitCodes.ModelError;

    /// <summary>
    /// Compiles the file with the --set values, printing every diagnostic. Returns the network,
    /// or null with the exit code to return (usage or model error).
    /// </summary>
    public static (IR.Network? Network, int ExitCode) CompileModel(ParseResult parse, Argument<FileInfo> file, Option<string[]> set, TextWriter error, bool instantiate,
        IR.Memory.ProcessFootprint? footprint = null)
    {
        var compilation = Compile(parse.GetValue(file)!, Overrides(parse.GetValue(set) ?? Array.Empty<string>()), instantiate, footprint);
        DiagnosticPrinter.Print(error, compilation.Diagnostics);
        return compilation.Success ? (compilation.Network!, ExitCodes.Success) : (null, FailureCode(compilation));
    }
}
