using System.CommandLine;
using NeuroCompiler.Cli.Validation;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Files;
using NeuroCompiler.Targets;

namespace NeuroCompiler.Cli.Commands;

/// <summary>
/// <c>neuroc targets</c>: lists the hardware targets (each checked as it is read);
/// <c>neuroc targets FILE...</c> checks description files.
/// </summary>
internal static class TargetsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Target description files to check (default: list every target)", Arity = ArgumentArity.ZeroOrMore }
            .ExistingFiles("a target description file");
        var dir = new Option<DirectoryInfo?>("--dir") { Description = "The folder of target descriptions (default: targets/ here or above, else the one installed with neuroc)" }
            .ExistingFolder("the folder of target descriptions");
        var command = new Command("targets", "List the hardware targets, or check target description files.") { files, dir };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(files) ?? Array.Empty<FileInfo>();
            return given.Length > 0 ? Check(given, output, error) : List(parse.GetValue(dir)?.FullName, output, error);
        });
        return command;
    }

    /// <summary>Where the targets are: the given folder, a targets/ folder here or above, or the one next to neuroc.</summary>
    public static string? Folder(string? given) =>
        given ?? TargetRegistry.FindFolder(Directory.GetCurrentDirectory()) ?? TargetRegistry.FindFolder(AppContext.BaseDirectory);

    private static int List(string? given, TextWriter output, TextWriter error)
    {
        if (Folder(given) is not { } folder || !Directory.Exists(folder))
        {
            error.WriteLine(DiagnosticCatalogue.CommandLine(ErrorCode.UnknownTarget, $"no target descriptions found{(given is null ? " (no targets/ folder here or above, nor next to neuroc)" : $" in {given}")}"));
            return ExitCodes.ModelError;
        }
        var catalog = TargetRegistry.Load(folder);
        DiagnosticPrinter.Print(error, catalog.Diagnostics);
        output.WriteLine($"targets in {folder}:");
        int width = catalog.Targets.Select(t => t.Name.Length).DefaultIfEmpty(0).Max();
        foreach (var target in catalog.Targets.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            output.WriteLine($"  {target.Name.PadRight(width)}  {target.Hardware.Describe()}");
        }
        return catalog.Diagnostics.Any(d => d.IsError) ? ExitCodes.ModelError : ExitCodes.Success;
    }

    private static int Check(FileInfo[] files, TextWriter output, TextWriter error)
    {
        bool failed = false;
        foreach (var file in files)
        {
            var read = SourceFile.Read(file.FullName, file.FullName);
            if (read.Text is not { } text)
            {
                error.WriteLine(DiagnosticCatalogue.CommandLine(read.Code!.Value, read.Problem!));
                failed = true;
                continue;
            }
            var diagnostics = new DiagnosticBag();
            var target = TargetRegistry.Read(text, diagnostics);
            DiagnosticPrinter.Print(error, diagnostics.ToSortedList());
            if (target is null)
            {
                failed = true;
                continue;
            }
            output.WriteLine($"{target.Name}: ok ({target.Hardware.Describe()})");
        }
        return failed ? ExitCodes.ModelError : ExitCodes.Success;
    }
}
