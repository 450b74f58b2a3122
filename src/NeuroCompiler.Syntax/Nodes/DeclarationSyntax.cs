using System.Collections.Immutable;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Syntax;

public abstract record DeclarationSyntax(TextSpan Span) : SyntaxNode(Span);

public sealed record ImportSyntax(StringLiteralSyntax Path, TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>name = value</c> inside a model, population, projection or stimulus block.</summary>
public sealed record SettingSyntax(NameSyntax Name, ExpressionSyntax Value, TextSpan Span) : SyntaxNode(Span);

public sealed record ModelSyntax(NameSyntax Name, ImmutableArray<SettingSyntax> Settings, TextSpan Span) : DeclarationSyntax(Span);

/// <summary>A model-level parameter, overridable from the command line with <c>--set</c>.</summary>
public sealed record GlobalParamSyntax(NameSyntax Name, ExpressionSyntax Value, TextSpan Span) : DeclarationSyntax(Span);

public sealed record NeuronTypeSyntax(NameSyntax Name, ImmutableArray<MemberSyntax> Members, TextSpan Span) : DeclarationSyntax(Span);

public sealed record SynapseTypeSyntax(NameSyntax Name, ImmutableArray<MemberSyntax> Members, TextSpan Span) : DeclarationSyntax(Span);

public sealed record PopulationSyntax(NameSyntax Name, NameSyntax Type, ExpressionSyntax Size, ImmutableArray<SettingSyntax> Settings, TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>connect rule</c> inside a projection.</summary>
public sealed record ConnectSyntax(ExpressionSyntax Rule, TextSpan Span) : SyntaxNode(Span);

public sealed record ProjectionSyntax(NameSyntax Name, PopulationRefSyntax Source, PopulationRefSyntax Target, NameSyntax Synapse,
    ImmutableArray<ConnectSyntax> Connects, ImmutableArray<SettingSyntax> Settings, TextSpan Span) : DeclarationSyntax(Span);

public sealed record StimulusSyntax(NameSyntax Name, CallExpressionSyntax Source, ImmutableArray<VariableRefSyntax> Targets,
    ImmutableArray<SettingSyntax> Settings, TextSpan Span) : DeclarationSyntax(Span);

public sealed record ProtocolSyntax(ImmutableArray<ProtocolItemSyntax> Items, TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>record spikes E, I[0:50]</c> or <c>record rate E every 1 ms</c>.</summary>
public sealed record RecordGroupSyntax(NameSyntax Kind, ImmutableArray<PopulationRefSyntax> Populations, ExpressionSyntax? Every, TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>spread ab -> ca { fraction = 0.5 }</c>: a change of a synapse of ab spreads to the synapses of ca that share its presynaptic neuron.</summary>
public sealed record SpreadSyntax(NameSyntax Source, NameSyntax Target, ImmutableArray<SettingSyntax> Settings, TextSpan Span) : DeclarationSyntax(Span);

/// <summary>
/// <c>task recall_a at 3 s for 300 ms: E[25:50] > E[100:400]</c>: a trial the model should pass, the first group firing
/// faster than the second in the window; verifying a mapping scores the trials on both runs.
/// </summary>
public sealed record TaskSyntax(NameSyntax Name, ExpressionSyntax Time, ExpressionSyntax Duration, PopulationRefSyntax Target, PopulationRefSyntax Reference,
    TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>record E[0:5].v, E[0:5].ge every 0.5 ms</c>.</summary>
public sealed record RecordTraceSyntax(ImmutableArray<VariableRefSyntax> Variables, ExpressionSyntax? Every, TextSpan Span) : DeclarationSyntax(Span);

/// <summary>
/// <c>neuron IzhikevichRS = Izhikevich { a = 0.02 / ms }</c>: a type that is another type with
/// different default values (a named parameter set). <see cref="IsNeuron"/> tells neuron from synapse.
/// </summary>
public sealed record TypeVariantSyntax(bool IsNeuron, NameSyntax Name, NameSyntax Base, ImmutableArray<SettingSyntax> Settings, TextSpan Span) : DeclarationSyntax(Span);

/// <summary>
/// <c>signals { state dopamine = 0; ddopamine/dt = -dopamine / (200 ms) }</c>: model-level states that
/// every neuron and synapse can read (a neuromodulator), with their equations.
/// </summary>
public sealed record SignalsSyntax(ImmutableArray<MemberSyntax> Members, TextSpan Span) : DeclarationSyntax(Span);
