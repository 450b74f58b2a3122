using System.Collections.Immutable;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Syntax.Generated;
using P = NeuroCompiler.Syntax.Generated.NeuroParser;

namespace NeuroCompiler.Syntax.Parsing;

/// <summary>
/// Turns ANTLR's parse tree into our immutable syntax nodes. It never throws on a tree that
/// error recovery left incomplete: missing parts become missing names and expressions.
/// </summary>
internal sealed partial class SyntaxTreeBuilder
{
    private readonly SourceText _text;
    private readonly DiagnosticBag _diagnostics;
    private readonly IReadOnlyList<int> _parserTooDeepAt;

    /// <param name="parserTooDeepAt">Where the parser reported NC0004 (<see cref="DepthLimitedParser.TooDeepAt"/>).</param>
    public SyntaxTreeBuilder(SourceText text, DiagnosticBag diagnostics, IReadOnlyList<int> parserTooDeepAt)
    {
        _text = text;
        _diagnostics = diagnostics;
        _parserTooDeepAt = parserTooDeepAt;
    }

    public CompilationUnitSyntax CompilationUnit(P.FileContext context)
    {
        var span = new TextSpan(0, _text.Length);
        var declarations = context.declaration()
            .Select(d => Declaration(d, Span(d, span)))
            .OfType<DeclarationSyntax>()
            .ToImmutableArray();
        return new CompilationUnitSyntax(declarations, span);
    }

    private DeclarationSyntax? Declaration(P.DeclarationContext context, TextSpan span) => context switch
    {
        P.ImportDeclContext c => new ImportSyntax(new StringLiteralSyntax(UnquoteToken(c.STRING()), TokenSpan(c.STRING()?.Symbol, span)), span),
        P.ModelDeclContext c => new ModelSyntax(Name(c.name, span), Settings(c.setting(), span), span),
        P.GlobalParamDeclContext c => new GlobalParamSyntax(Name(c.IDENT()?.Symbol, span), Expression(c.expr(), span), span),
        P.SignalsDeclContext c => new SignalsSyntax(Members(c.member(), span), span),
        P.NeuronDeclContext c => new NeuronTypeSyntax(Name(c.name, span), Members(c.member(), span), span),
        P.SynapseDeclContext c => new SynapseTypeSyntax(Name(c.name, span), Members(c.member(), span), span),
        P.NeuronVariantDeclContext c => new TypeVariantSyntax(true, Name(c.name, span), Name(c.@base, span), Settings(c.setting(), span), span),
        P.SynapseVariantDeclContext c => new TypeVariantSyntax(false, Name(c.name, span), Name(c.@base, span), Settings(c.setting(), span), span),
        P.PopulationDeclContext c => new PopulationSyntax(Name(c.name, span), Name(c.type, span), Expression(c.size, span), Settings(c.setting(), span), span),
        P.ProjectionDeclContext c => Projection(c, span),
        P.StimulusDeclContext c => new StimulusSyntax(Name(c.name, span), Call(c.call(), span),
            c.targetList()?.variableRef().Select(v => VariableRef(v, span)).ToImmutableArray() ?? ImmutableArray<VariableRefSyntax>.Empty,
            Settings(c.setting(), span), span),
        P.ProtocolDeclContext c => new ProtocolSyntax(c.protocolItem().Select(i => ProtocolItem(i, span)).ToImmutableArray(), span),
        P.RecordGroupDeclContext c => new RecordGroupSyntax(Name(c.kind, span), c.popRef().Select(p => PopulationRef(p, span)).ToImmutableArray(),
            c.expr() is { } every ? Expression(every, span) : null, span),
        P.SpreadDeclContext c => new SpreadSyntax(Name(c.source, span), Name(c.target, span), Settings(c.setting(), span), span),
        P.TaskDeclContext c => new TaskSyntax(Name(c.name, span), Expression(c.time, span), Expression(c.duration, span), PopulationRef(c.target, span),
            PopulationRef(c.reference, span), span),
        P.RecordTraceDeclContext c => new RecordTraceSyntax(c.variableRef().Select(v => VariableRef(v, span)).ToImmutableArray(),
            c.expr() is { } every ? Expression(every, span) : null, span),
        _ => null,
    };

    private ProjectionSyntax Projection(P.ProjectionDeclContext c, TextSpan span)
    {
        var connects = ImmutableArray.CreateBuilder<ConnectSyntax>();
        var settings = ImmutableArray.CreateBuilder<SettingSyntax>();
        foreach (var member in c.projectionMember())
        {
            var memberSpan = Span(member, span);
            switch (member)
            {
                case P.ConnectMemberContext connect:
                    connects.Add(new ConnectSyntax(Expression(connect.expr(), memberSpan), memberSpan));
                    break;
                case P.ProjectionSettingContext setting when setting.setting() is { } s:
                    settings.Add(Setting(s, memberSpan));
                    break;
            }
        }
        return new ProjectionSyntax(Name(c.name, span), PopulationRef(c.source, span), PopulationRef(c.target, span), Name(c.synapse, span),
            connects.ToImmutable(), settings.ToImmutable(), span);
    }

    private ImmutableArray<SettingSyntax> Settings(P.SettingContext[] settings, TextSpan span) =>
        settings.Select(s => Setting(s, Span(s, span))).ToImmutableArray();

    private SettingSyntax Setting(P.SettingContext s, TextSpan span) =>
        new(Name(s.IDENT()?.Symbol, span), Expression(s.expr(), span), span);

    private ImmutableArray<MemberSyntax> Members(P.MemberContext[] members, TextSpan span) =>
        members.Select(m => Member(m, Span(m, span))).OfType<MemberSyntax>().ToImmutableArray();

    private MemberSyntax? Member(P.MemberContext context, TextSpan span) => context switch
    {
        P.ParamMemberContext c => new ParamMemberSyntax(Name(c.IDENT()?.Symbol, span), c.ASSIGN() is null ? null : Expression(c.expr(), span), span),
        P.StateMemberContext c => new StateMemberSyntax(Name(c.IDENT()?.Symbol, span), Expression(c.expr(), span), span),
        P.LetMemberContext c => new LetMemberSyntax(Name(c.IDENT()?.Symbol, span), Expression(c.expr(), span), span),
        P.OdeMemberContext c => new OdeMemberSyntax(Name(c.d, span), Name(c.dt, span), Expression(c.expr(), span),
            c.COLON() is null ? null : Name(c.flag, span), span),
        P.MethodMemberContext c => new MethodMemberSyntax(Name(c.IDENT()?.Symbol, span), span),
        P.ThresholdMemberContext c => new ThresholdMemberSyntax(Expression(c.expr(), span), span),
        P.ResetMemberContext c => new ResetMemberSyntax(Block(c.block(), span), span),
        P.RefractoryMemberContext c => new RefractoryMemberSyntax(Expression(c.expr(), span),
            c.IDENT().Select(t => Name(t.Symbol, span)).ToImmutableArray(), c.CLAMP() is not null, span),
        P.OnPreMemberContext c => new EventHandlerMemberSyntax(SynapticEvent.Pre, TokenSpan(c.ON_PRE()?.Symbol, span), Block(c.block(), span), span),
        P.OnPostMemberContext c => new EventHandlerMemberSyntax(SynapticEvent.Post, TokenSpan(c.ON_POST()?.Symbol, span), Block(c.block(), span), span),
        P.EveryMemberContext c => new EveryMemberSyntax(Expression(c.expr(), span), Block(c.block(), span), span),
        P.PruneMemberContext c => new StructuralMemberSyntax(StructuralKind.Prune, TokenSpan(c.PRUNE()?.Symbol, span),
            Expression(c.expr(0), span), Expression(c.expr(1), span), span),
        P.GrowMemberContext c => new StructuralMemberSyntax(StructuralKind.Grow, TokenSpan(c.GROW()?.Symbol, span),
            Expression(c.expr(0), span), Expression(c.expr(1), span), span),
        _ => null,
    };

    private BlockSyntax Block(P.BlockContext? context, TextSpan fallback)
    {
        if (context is null)
        {
            return new BlockSyntax(ImmutableArray<StatementSyntax>.Empty, fallback);
        }
        var span = Span(context, fallback);
        return new BlockSyntax(context.statement().Select(s => Statement(s, Span(s, span))).ToImmutableArray(), span);
    }

    private StatementSyntax Statement(P.StatementContext c, TextSpan span) =>
        new(VariableRef(c.variableRef(), span), AssignmentOperatorOf(c.op), TokenSpan(c.op, span), Expression(c.expr(), EndOf(span)), span);

    private ProtocolItemSyntax ProtocolItem(P.ProtocolItemContext context, TextSpan fallback)
    {
        var span = Span(context, fallback);
        return context switch
        {
            P.SegmentItemContext c => new SegmentSyntax(Name(c.name, span), Expression(c.duration, span), Actions(c.action(), span), span),
            P.AtItemContext c => new AtSyntax(Expression(c.time, span), Actions(c.action(), span), span),
            _ => new AtSyntax(new MissingExpressionSyntax(span), ImmutableArray<ActionSyntax>.Empty, span),
        };
    }

    private ImmutableArray<ActionSyntax> Actions(P.ActionContext[] actions, TextSpan span) =>
        actions.Select(a => Action(a, Span(a, span))).OfType<ActionSyntax>().ToImmutableArray();

    private ActionSyntax? Action(P.ActionContext context, TextSpan span) => context switch
    {
        P.SetActionContext c => new SetActionSyntax(VariableRef(c.variableRef(), span), Expression(c.expr(0), span),
            c.FOR() is not null ? Expression(c.expr(1), EndOf(span)) : null, span),
        P.SilenceActionContext c => new SilenceActionSyntax(PopulationRef(c.popRef(), span),
            c.FOR() is not null ? Expression(c.expr(), EndOf(span)) : null, span),
        P.KickActionContext c => new KickActionSyntax(VariableRef(c.variableRef(), span), AssignmentOperatorOf(c.op), Expression(c.expr(), EndOf(span)), span),
        _ => null,
    };

    private PopulationRefSyntax PopulationRef(P.PopRefContext? context, TextSpan fallback)
    {
        if (context is null)
        {
            return new PopulationRefSyntax(new NameSyntax("", fallback), null, fallback);
        }
        var span = Span(context, fallback);
        SliceSyntax? slice = context.slice() switch
        {
            P.StartSliceContext s => new SliceSyntax(Expression(s.start, span), s.stop is null ? null : Expression(s.stop, span), s.COLON() is not null, Span(s, span)),
            P.OpenSliceContext o => new SliceSyntax(null, o.stop is null ? null : Expression(o.stop, span), true, Span(o, span)),
            _ => null,
        };
        return new PopulationRefSyntax(Name(context.IDENT()?.Symbol, span), slice, span);
    }

    private VariableRefSyntax VariableRef(P.VariableRefContext? context, TextSpan fallback)
    {
        if (context is null)
        {
            return new VariableRefSyntax(new PopulationRefSyntax(new NameSyntax("", fallback), null, fallback), null, fallback);
        }
        var span = Span(context, fallback);
        var member = context.DOT() is not null ? Name(context.IDENT()?.Symbol, EndOf(span)) : null;
        return new VariableRefSyntax(PopulationRef(context.popRef(), span), member, span);
    }

    private static AssignmentOperator AssignmentOperatorOf(IToken? op) => op?.Type switch
    {
        NeuroLexer.PLUS_ASSIGN => AssignmentOperator.AddAssign,
        NeuroLexer.MINUS_ASSIGN => AssignmentOperator.SubtractAssign,
        NeuroLexer.STAR_ASSIGN => AssignmentOperator.MultiplyAssign,
        NeuroLexer.SLASH_ASSIGN => AssignmentOperator.DivideAssign,
        _ => AssignmentOperator.Assign,
    };

    // ---- spans and names -------------------------------------------------------------------

    private static bool IsReal(IToken? token) => token is not null && token.StartIndex >= 0 && token.StopIndex >= token.StartIndex - 1 && token.Type != TokenConstants.EOF;

    private static TextSpan TokenSpan(IToken? token, TextSpan fallback) =>
        IsReal(token) ? TextSpan.FromBounds(token!.StartIndex, token.StopIndex + 1) : EndOf(fallback);

    private static TextSpan Span(ParserRuleContext context, TextSpan fallback)
    {
        var start = context.Start;
        var stop = context.Stop;
        if (!IsReal(start))
        {
            return EndOf(fallback);
        }
        int end = IsReal(stop) && stop!.StopIndex + 1 >= start.StartIndex ? stop.StopIndex + 1 : start.StopIndex + 1;
        return TextSpan.FromBounds(start.StartIndex, end);
    }

    private static TextSpan EndOf(TextSpan span) => new(span.End, 0);

    /// <summary>A token that error recovery conjured (it has no position, its text reads &lt;missing ...&gt;) becomes a missing name.</summary>
    private static NameSyntax Name(IToken? token, TextSpan fallback) =>
        IsReal(token) && token!.Type == NeuroLexer.IDENT
            ? new NameSyntax(token.Text, TokenSpan(token, fallback))
            : new NameSyntax("", IsReal(token) ? TokenSpan(token, fallback) : EndOf(fallback));

    private static string UnquoteToken(ITerminalNode? node) => node is null ? "" : Unquote(node.GetText());
}
