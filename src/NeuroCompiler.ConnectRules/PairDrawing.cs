namespace NeuroCompiler.ConnectRules;

/// <summary>
/// How a rule makes its pairs, for the connectivity pass to run: row by row (the targets of each source,
/// ascending), column by column (the sources of each target, ascending), or all at once as sorted pairs. Rows and
/// columns are drawn in blocks on all cores: a drawer must depend only on the element it is given.
/// </summary>
public abstract record PairDrawing
{
    private PairDrawing()
    {
    }

    /// <param name="NewDrawer">Makes one drawer per block; a drawer appends the targets of source s to the list.</param>
    /// <param name="Expected">The synapses the rule makes on average, to size the lists (0 when unknown).</param>
    public sealed record Rows(Func<Action<int, List<int>>> NewDrawer, double Expected) : PairDrawing;

    /// <param name="NewDrawer">Makes one drawer per block; a drawer appends the sources of target t to the list.</param>
    /// <param name="Expected">The synapses the rule makes on average, to size the lists.</param>
    public sealed record Columns(Func<Action<int, List<int>>> NewDrawer, double Expected) : PairDrawing;

    /// <param name="Pairs">Ascending (source, target) pairs, each packed as source × targets + target.</param>
    public sealed record SortedPairs(List<long> Pairs) : PairDrawing;
}
