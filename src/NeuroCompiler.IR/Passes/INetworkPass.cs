using NeuroCompiler.Core.Diagnostics;

namespace NeuroCompiler.IR.Passes;

/// <summary>One transformation of the IR. A pass returns a new network (or the same one) and reports problems it finds.</summary>
public interface INetworkPass
{
    string Name { get; }

    Network Run(Network network, DiagnosticBag diagnostics);
}
