namespace NeuroCompiler.ConnectRules;

/// <summary>One side of a projection as a rule's checks see it: the population's name, the neurons in the range, whether they have positions (a layout).</summary>
public sealed record RuleEndpoint(string Population, int Count, bool HasPositions);
