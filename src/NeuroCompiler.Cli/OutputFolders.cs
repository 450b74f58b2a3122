using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Output;

namespace NeuroCompiler.Cli;

/// <summary>
/// How the commands that write a folder (run, compile) claim it and fill it, and what they say when
/// that fails: a folder neuroc will not replace (exit 64), one another neuroc is writing or that
/// cannot be written (70), an interruption before the swap (130/143, the folder as it was).
/// </summary>
internal static class OutputFolders
{
    /// <summary>
    /// Claims the output folder before the work that fills it starts, so that a folder neuroc must not
    /// replace or another neuroc is writing is refused at once, not after a long run.
    /// </summary>
    public static (OutputFolder? Folder, int ExitCode) Claim(string directory, TextWriter error)
    {
        OutputFolder? folder = null;
        return Write(() => folder = OutputFolder.Claim(directory), directory, null, error) is { } failed ? (null, failed) : (folder, ExitCodes.Success);
    }

    /// <summary>Runs <paramref name="write"/>, which claims, or stages and commits into the claimed folder; null when it is done, else the exit code after one line saying why not.</summary>
    public static int? Write(Action write, string directory, Interruption? interruption, TextWriter error)
    {
        try
        {
            write();
            return null;
        }
        catch (OperationCanceledException) when (interruption is { Requested: true })
        {
            error.WriteLine(interruption.Line($"nothing was written ('{directory}' is as it was)"));
            return interruption.ExitCode;
        }
        catch (OutputFolderRefusedException e)
        {
            error.WriteLine(DiagnosticCatalogue.CommandLine(ErrorCode.OutputFolderRefused, e.Message));
            return ExitCodes.Usage;
        }
        catch (OutputFolderBusyException e)
        {
            error.WriteLine(DiagnosticCatalogue.CommandLine(ErrorCode.OutputFolderBusy, e.Message));
            return ExitCodes.RuntimeFailure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(DiagnosticCatalogue.CommandLine(ErrorCode.OutputFailure, $"cannot write to '{directory}': {e.Message}"));
            return ExitCodes.RuntimeFailure;
        }
    }
}
