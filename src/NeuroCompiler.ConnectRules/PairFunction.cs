namespace NeuroCompiler.ConnectRules;

/// <summary>
/// A rule's <see cref="RuleValueKind.PairProbability"/> argument while connecting: its value when it is one
/// number for every pair (null otherwise), and a way to evaluate it for a pair (source index, target index, both
/// within their ranges). An evaluator is not thread-safe: each block of rows makes its own.
/// </summary>
public sealed record PairFunction(double? Constant, Func<Func<int, int, double>> NewEvaluator);
