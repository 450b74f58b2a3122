using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.IR.Verification;

namespace NeuroCompiler.IR.Passes;

/// <summary>One transformation of the IR. A pass returns a new network (or the same one) and reports problems it finds.</summary>
public interface INetworkPass
{
    string Name { get; }

    /// <summary>The stage its result is at: the promises the verifier checks after it.</summary>
    IrStage Produces { get; }

    Network Run(Network network, DiagnosticBag diagnostics);
}
