using Antlr4.Runtime;

namespace NeuroCompiler.Syntax.Parsing;

/// <summary>An <c>expr</c> invocation refused by <see cref="DepthLimitedParser"/>; already reported as NC0004.</summary>
internal sealed class ExpressionTooDeepException : RecognitionException
{
    public ExpressionTooDeepException(Parser parser, ParserRuleContext context)
        : base(parser, parser.InputStream, context)
    {
    }
}
