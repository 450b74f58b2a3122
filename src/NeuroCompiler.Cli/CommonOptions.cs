using NeuroCompiler.Core.Diagnostics;
using System.CommandLine;
using NeuroCompiler.Driver;
using NeuroCompiler.Semantics;

namespace NeuroCompiler.Cli;

/// <summary>Options shared by the commands that compile a model.</summary>
internal static class CommonOptions
{
    public static Argument<FileInfo> File() => new("file") { Description = "The .neuro model" };

    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a model param or setting without editing the file, units checked: --set g=5 --set tau=10ms",
        AllowMultipleArgumentsPerToken = false,
        HelpName = "NAME=VALUE",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>Turns --set values (and --seed/--duration, given as NAME=VALUE) into overrides; null after printing a usage error.</summary>
    public static IReadOnlyList<ParameterOverride>? Overrides(IEnumerable<string> assignments, TextWriter error)
    {
        var result = new List<ParameterOverride>();
        foreach (var assignment in assignments)
        {
            if (ParameterOverride.Parse(assignment) is not { } parsed || parsed.Name.Length == 0)
            {
                error.WriteLine(DiagnosticCatalogue.CommandLine(ErrorCode.BadOverride, $"--set expects NAME=VALUE, got '{assignment}'"));
                return null;
            }
            result.Add(parsed);
        }
        return result;
    }

    public static Compilation Compile(FileInfo file, IReadOnlyList<ParameterOverride> overrides, bool instantiate) =>
        Compilation.FromFile(file.ToString(), new CompileOptions { Overrides = overrides, InstantiateConnectivity = instantiate });

    /// <summary>
    /// Parses the --set values and compiles the file, printing every diagnostic. Returns the network,
    /// or null with the exit code to return (usage or model error).
    /// </summary>
    public static (IR.Network? Network, int ExitCode) CompileModel(ParseResult parse, Argument<FileInfo> file, Option<string[]> set, TextWriter error, bool instantiate)
    {
        if (Overrides(parse.GetValue(set) ?? Array.Empty<string>(), error) is not { } overrides)
        {
            return (null, ExitCodes.Usage);
        }
        var compilation = Compile(parse.GetValue(file)!, overrides, instantiate);
        DiagnosticPrinter.Print(error, compilation.Diagnostics);
        return compilation.Success ? (compilation.Network!, ExitCodes.Success) : (null, ExitCodes.ModelError);
    }
}
