namespace NeuroCompiler.Core.Diagnostics;

/// <summary>
/// "did you mean ...?" for misspelled names: the closest visible name within a small edit distance.
/// Only the first <see cref="Limits.MaxHintCandidates"/> candidates are looked at (the innermost scope's
/// first), so that a file of thousands of unknown names among thousands of definitions is reported
/// in time linear in its errors, not in errors times definitions.
/// </summary>
public static class NameSuggester
{
    public static string Hint(string name, IEnumerable<string> candidates) => Hint(name, candidates, out _);

    /// <summary>The hint, and how many candidates it looked at.</summary>
    public static string Hint(string name, IEnumerable<string> candidates, out int compared)
    {
        compared = 0;
        int limit = name.Length <= 3 ? 1 : 2;
        string? best = null;
        int bestDistance = int.MaxValue;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in candidates.Take(Limits.MaxHintCandidates))
        {
            compared++;
            if (!seen.Add(candidate) || Math.Abs(candidate.Length - name.Length) > limit)
            {
                continue; // a length that differs by more than the limit is more edits away than that
            }
            int distance = Distance(name, candidate, limit);
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best is not null && bestDistance <= limit ? $"; did you mean '{best}'?" : "";
    }

    /// <summary>
    /// Edit distance where swapping two adjacent letters (tua for tau) counts as one edit (optimal string
    /// alignment), or <paramref name="limit"/> + 1 as soon as it is known to exceed the limit.
    /// </summary>
    private static int Distance(string a, string b, int limit)
    {
        int width = b.Length + 1;
        Span<int> rows = width <= 256 ? stackalloc int[3 * width] : new int[3 * width];
        var beforePrevious = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (int j = 0; j < width; j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int smallest = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int d = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d = Math.Min(d, beforePrevious[j - 2] + 1);
                }
                current[j] = d;
                smallest = Math.Min(smallest, d);
            }
            if (smallest > limit + 1)
            {
                return limit + 1; // every alignment already costs more (a transposition can lower the next row by at most one)
            }
            var spare = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = spare;
        }
        return previous[b.Length];
    }
}
