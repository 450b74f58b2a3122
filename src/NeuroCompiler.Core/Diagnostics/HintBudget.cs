namespace NeuroCompiler.Core.Diagnostics;

/// <summary>
/// "did you mean" hints (<see cref="NameSuggester"/>) for one compilation, within
/// <see cref="Limits.MaxHintComparisons"/> comparisons in all: a file of a million unknown names gets
/// its errors in time linear in its size, the first ones with hints, the rest without.
/// </summary>
public sealed class HintBudget
{
    private long _left = Limits.MaxHintComparisons;

    public string Hint(string name, IEnumerable<string> candidates)
    {
        if (_left <= 0)
        {
            return "";
        }
        string hint = NameSuggester.Hint(name, candidates, out int compared);
        _left -= compared;
        return hint;
    }
}
