namespace NeuroCompiler.IR.Verification;

/// <summary>
/// One property of the IR, checked from the stage that promises it on (<see cref="From"/>). A check
/// adds one line per violation to <paramref name="problems"/>; it never throws on a malformed network.
/// </summary>
public interface IIrCheck
{
    IrStage From { get; }

    void Check(Network network, List<string> problems);
}
