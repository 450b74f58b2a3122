using System.Numerics;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;

namespace NeuroCompiler.Interpreter;

/// <summary>
/// The common handler <c>post.x += w</c> with w shared or per synapse, as a plain loop: the same
/// additions in the same order as the general path, without evaluating a tree per synapse.
/// <c>Target[j] += Weights?[k] ?? Weight</c> for synapse k onto j, unless <c>Refractory?[j]</c>.
/// </summary>
public sealed record FastHandler<T>(T[] Target, T Weight, T[]? Weights, bool[]? Refractory)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The handler as a plain addition, when it is one (a single <c>post.x += w</c>); else null.</summary>
    public static FastHandler<T>? Of(HandlerStatement<T>[] statements) =>
        statements is [{ Index: HandlerIndex.Post, Operator: AssignOperator.Add, Value: ConstantNode<T> or ArrayNode<T> } statement]
            ? new FastHandler<T>(statement.Target, statement.Value is ConstantNode<T> c ? c.Value : T.Zero,
                (statement.Value as ArrayNode<T>)?.Values, statement.Refractory)
            : null;

    /// <summary>Delivers one spike over synapses [first, end) of a projection whose targets are <paramref name="targets"/>.</summary>
    public void Deliver(IndexColumn targets, int first, int end)
    {
        switch (targets.Width)
        {
            case IndexWidth.Byte:
                Add(targets.Span<byte>(), Target, Weight, Weights, Refractory, first, end);
                break;
            case IndexWidth.UInt16:
                Add(targets.Span<ushort>(), Target, Weight, Weights, Refractory, first, end);
                break;
            default:
                Add(targets.Span<int>(), Target, Weight, Weights, Refractory, first, end);
                break;
        }
    }

    /// <summary>target[targets[k]] += weights?[k] ?? w for k in [first, end), skipping refractory targets.</summary>
    private static void Add<TIndex>(ReadOnlySpan<TIndex> targets, T[] target, T w, T[]? weights, bool[]? refractory, int first, int end)
        where TIndex : unmanaged, IBinaryInteger<TIndex>
    {
        if (weights is null && refractory is null)
        {
            for (int k = first; k < end; k++)
            {
                target[int.CreateTruncating(targets[k])] += w;
            }
        }
        else if (refractory is null)
        {
            for (int k = first; k < end; k++)
            {
                target[int.CreateTruncating(targets[k])] += weights![k];
            }
        }
        else
        {
            for (int k = first; k < end; k++)
            {
                int j = int.CreateTruncating(targets[k]);
                if (!refractory[j])
                {
                    target[j] += weights is null ? w : weights[k];
                }
            }
        }
    }
}
