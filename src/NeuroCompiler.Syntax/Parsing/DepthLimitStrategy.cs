using Antlr4.Runtime;

namespace NeuroCompiler.Syntax.Parsing;

/// <summary>
/// ANTLR's error recovery, except for an expression refused as too deep: that one is already
/// reported, and recovering from it means skipping exactly that expression (<see cref="ExpressionSkipper"/>).
/// </summary>
internal sealed class DepthLimitStrategy : DefaultErrorStrategy
{
    public override void ReportError(Parser recognizer, RecognitionException e)
    {
        if (e is not ExpressionTooDeepException)
        {
            base.ReportError(recognizer, e);
        }
    }

    public override void Recover(Parser recognizer, RecognitionException e)
    {
        if (e is ExpressionTooDeepException tooDeep)
        {
            ExpressionSkipper.Skip((ITokenStream)recognizer.InputStream, afterOperand: tooDeep.AtOperator);
            return;
        }
        base.Recover(recognizer, e);
    }
}
