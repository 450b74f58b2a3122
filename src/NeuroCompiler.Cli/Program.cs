using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Nesting;
using System.CommandLine;
using NeuroCompiler.Cli.Commands;
using NeuroCompiler.Cli.Validation;

namespace NeuroCompiler.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        WideVectors.DieWithParent();
        if (WideVectors.Relaunch(args) is { } childExitCode)
        {
            return childExitCode;
        }
        using var interruption = Interruption.Listen(Console.Error);
        return Run(args, Console.Out, Console.Error, interruption);
    }

    /// <summary>The whole command line, with its output streams given (tests call this directly).</summary>
    /// <param name="interruption">Ctrl-C and SIGTERM (<see cref="Interruption.Listen"/>); by default one that never fires.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, Interruption? interruption = null)
    {
        using var quiet = interruption is null ? new Interruption(error) : null;
        interruption ??= quiet!;
        var root = new RootCommand("neuroc: the NeuroCompiler toolchain for spiking neural networks")
        {
            CheckCommand.Create(output, error),
            IrCommand.Create(output, error),
            RunCommand.Create(output, error, interruption),
            VerifyCommand.Create(output, error, interruption),
            EmitCsCommand.Create(output, error),
            EmitPtxCommand.Create(output, error),
            TargetsCommand.Create(output, error),
            CompileCommand.Create(output, error, interruption),
            LoadCommand.Create(output, error),
        };
        try
        {
            // Every command on a thread with a known, large stack: the nesting limits hold whichever thread calls.
            return DeepStack.Run(() => Invoke(root, args, output, error));
        }
        catch (Exception e) when (NestingTooDeepException.In(e) is { } tooDeep)
        {
            // The safety net of the nesting limits: a walker found its stack nearly used up.
            error.Write(DiagnosticFormatter.Format(tooDeep.ToDiagnostic()));
            return ExitCodes.ModelError;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("NEUROC_DEBUG") is null)
        {
            // Bad input never gets here (it is a diagnostic); this is a bug in neuroc itself.
            error.WriteLine($"neuroc: internal error: {e.GetType().Name}: {e.Message}");
            error.WriteLine("This is a bug in neuroc. Set NEUROC_DEBUG=1 to see where it happened, and please report it with the model.");
            return ExitCodes.RuntimeFailure;
        }
    }

    private static int Invoke(RootCommand root, string[] args, TextWriter output, TextWriter error)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Every value was checked by the rule on its option (Validation/): one line each, with the rule's code.
            foreach (var e in parse.Errors)
            {
                error.WriteLine(DiagnosticCatalogue.CommandLine(UsageCodes.Of(e), e.Message));
            }
            error.WriteLine("Run 'neuroc --help' for usage.");
            return ExitCodes.Usage;
        }
        // Signals are ours (Interruption), not System.CommandLine's.
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
    }
}
