using System.Text;

namespace NeuroCompiler.Fuzzing;

/// <summary>A campaign's counts as markdown: by outcome, by mutation, and every finding with how to make its input again.</summary>
public static class Report
{
    public static int Bugs(IEnumerable<Finding> findings) => findings.Count(f => f.Outcome >= Outcome.Unhandled);

    public static string Markdown(CampaignOptions options, IReadOnlyCollection<Finding> findings, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine($"# neuroc fuzzing: {findings.Count:N0} inputs, seed {options.Seed}");
        text.AppendLine();
        text.AppendLine($"{elapsed.TotalMinutes:0.0} min with {options.Workers} worker processes; {options.Timeout.TotalSeconds:0.#} s per input " +
                        $"({options.CpuTimeout.TotalSeconds:0} s for one in {options.CpuEvery} inputs, run on the cpu backend too); " +
                        $"a worker's heap limited to {options.HeapLimitBytes >> 20} MiB.");
        text.AppendLine();
        text.AppendLine("| outcome | inputs |");
        text.AppendLine("|---|---:|");
        foreach (var outcome in Enum.GetValues<Outcome>())
        {
            text.AppendLine($"| {outcome} | {findings.Count(f => f.Outcome == outcome):N0} |");
        }
        text.AppendLine($"| of which on the cpu backend | {findings.Count(f => f.Cpu):N0} |");
        text.AppendLine();
        text.AppendLine("| mutation | " + string.Join(" | ", Enum.GetValues<Outcome>()) + " |");
        text.AppendLine("|---|" + string.Concat(Enum.GetValues<Outcome>().Select(_ => "---:|")));
        foreach (var group in findings.GroupBy(f => Mutations(f.Origin)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine($"| {group.Key} | " + string.Join(" | ", Enum.GetValues<Outcome>().Select(o => group.Count(f => f.Outcome == o).ToString("N0"))) + " |");
        }
        var bugs = findings.Where(f => f.Outcome >= Outcome.Unhandled).OrderBy(f => f.Index).ToList();
        text.AppendLine();
        text.AppendLine(bugs.Count == 0 ? "No unhandled exceptions, hangs or crashes." : $"## Findings ({bugs.Count})");
        if (bugs.Count > 0)
        {
            text.AppendLine();
            text.AppendLine($"Make input N again: `dotnet NeuroCompiler.Fuzzing.dll --show N --seed {options.Seed}`.");
            text.AppendLine();
            text.AppendLine("| input | outcome | from | what |");
            text.AppendLine("|---:|---|---|---|");
            foreach (var bug in bugs.Take(200))
            {
                text.AppendLine($"| {bug.Index} | {bug.Outcome}{(bug.Cpu ? " (cpu)" : "")} | {bug.Origin} | {bug.Detail.Replace("|", "\\|")} |");
            }
        }
        return text.ToString();
    }

    private static string Mutations(string origin) => origin.Split(" + ", 2) is { Length: 2 } parts ? parts[1] : origin;
}
