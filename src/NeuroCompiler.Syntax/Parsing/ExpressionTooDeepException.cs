using Antlr4.Runtime;

namespace NeuroCompiler.Syntax.Parsing;

/// <summary>An <c>expr</c> invocation refused by <see cref="DepthLimitedParser"/>; already reported as NC0004.</summary>
internal sealed class ExpressionTooDeepException : RecognitionException
{
    public ExpressionTooDeepException(Parser parser, ParserRuleContext context, bool atOperator)
        : base(parser, parser.InputStream, context)
    {
        AtOperator = atOperator;
    }

    /// <summary>Refused at a chain's operator (the rest of the chain follows), not at the start of an expression.</summary>
    public bool AtOperator { get; }
}
