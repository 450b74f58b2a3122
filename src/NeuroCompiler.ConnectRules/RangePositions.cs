using System.Collections.Immutable;

namespace NeuroCompiler.ConnectRules;

/// <summary>
/// The positions (metres) of a population's neurons, of which a projection's side uses the range that starts at
/// <see cref="Start"/>: the neuron at index s of the range is at (X[Start + s], Y[Start + s], Z[Start + s]).
/// </summary>
public sealed record RangePositions(ImmutableArray<double> X, ImmutableArray<double> Y, ImmutableArray<double> Z, int Start)
{
    /// <summary>
    /// The Euclidean distance from neuron s of <paramref name="pre"/> to neuron t of <paramref name="post"/>,
    /// computed as a projection's <c>distance</c> is: sqrt(dx² + dy² + dz²), pre minus post.
    /// </summary>
    public static double Distance(RangePositions pre, int s, RangePositions post, int t)
    {
        double dx = pre.X[pre.Start + s] - post.X[post.Start + t];
        double dy = pre.Y[pre.Start + s] - post.Y[post.Start + t];
        double dz = pre.Z[pre.Start + s] - post.Z[post.Start + t];
        return Math.Sqrt(dx * dx + dy * dy + dz * dz);
    }
}
