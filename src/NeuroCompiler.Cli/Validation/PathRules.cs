using System.CommandLine;
using System.CommandLine.Parsing;
using NeuroCompiler.Core.Diagnostics;

namespace NeuroCompiler.Cli.Validation;

/// <summary>
/// Files and folders named on the command line must exist and be of the kind the command reads
/// (NC0905, exit 64), checked as the command line is parsed, before anything runs.
/// </summary>
internal static class PathRules
{
    /// <summary>An existing file (a model, a target description), not a folder.</summary>
    public static Argument<FileInfo> ExistingFile(this Argument<FileInfo> argument, string what)
    {
        argument.Validators.Add(result => Check(result, result.GetValueOrDefault<FileInfo>(), what));
        return UsageCodes.Register(argument, ErrorCode.BadPathArgument);
    }

    /// <summary>Existing files, each checked.</summary>
    public static Argument<FileInfo[]> ExistingFiles(this Argument<FileInfo[]> argument, string what)
    {
        argument.Validators.Add(result =>
        {
            foreach (var file in result.GetValueOrDefault<FileInfo[]>() ?? Array.Empty<FileInfo>())
            {
                Check(result, file, what);
            }
        });
        return UsageCodes.Register(argument, ErrorCode.BadPathArgument);
    }

    /// <summary>An existing file given with an option (the input of a command), not a folder.</summary>
    public static Option<FileInfo?> ExistingFile(this Option<FileInfo?> option, string what)
    {
        option.Validators.Add(result => Check(result, result.GetValueOrDefault<FileInfo?>(), what));
        return UsageCodes.Register(option, ErrorCode.BadPathArgument);
    }

    /// <summary>An existing folder, not a file.</summary>
    public static Option<DirectoryInfo?> ExistingFolder(this Option<DirectoryInfo?> option, string what)
    {
        option.Validators.Add(result => CheckFolder(result, result.GetValueOrDefault<DirectoryInfo?>(), $"{option.Name}: ", what));
        return UsageCodes.Register(option, ErrorCode.BadPathArgument);
    }

    /// <summary>An existing folder given as an argument (a configuration to read back), not a file.</summary>
    public static Argument<DirectoryInfo> ExistingFolder(this Argument<DirectoryInfo> argument, string what)
    {
        argument.Validators.Add(result => CheckFolder(result, result.GetValueOrDefault<DirectoryInfo>(), "", what));
        return UsageCodes.Register(argument, ErrorCode.BadPathArgument);
    }

    private static void CheckFolder(SymbolResult result, DirectoryInfo? folder, string prefix, string what)
    {
        if (folder is null)
        {
            return;
        }
        if (File.Exists(folder.FullName))
        {
            result.AddError($"{prefix}'{folder}' is a file; it expects {what}");
        }
        else if (!folder.Exists)
        {
            result.AddError($"{prefix}there is no folder '{folder}' ({what})");
        }
    }

    private static void Check(SymbolResult result, FileInfo? file, string what)
    {
        if (file is null)
        {
            return;
        }
        if (Directory.Exists(file.FullName))
        {
            result.AddError($"'{file}' is a folder; expected {what}");
        }
        else if (!file.Exists)
        {
            result.AddError($"there is no file '{file}' ({what})");
        }
    }
}
