using NeuroCompiler.IR.Memory;
using NeuroCompiler.Semantics;

namespace NeuroCompiler.Driver;

/// <summary>How far to take a model and what to override on the way.</summary>
public sealed record CompileOptions
{
    public static readonly CompileOptions Default = new();

    /// <summary>--set NAME=VALUE, --seed and --duration, all as overrides of model params and settings.</summary>
    public IReadOnlyList<ParameterOverride> Overrides { get; init; } = Array.Empty<ParameterOverride>();

    /// <summary>Build the synapses (the last pass). Off for <c>check</c> and <c>ir</c> unless asked.</summary>
    public bool InstantiateConnectivity { get; init; } = true;

    /// <summary>Memory the model may use; the connectivity pass refuses a model estimated to need more.</summary>
    public long MemoryBudgetBytes { get; init; } = AvailableMemory.Budget();

    /// <summary>What the process that runs the model holds besides it (which backend, how many results); part of the estimate.</summary>
    public ProcessFootprint Footprint { get; init; } = ProcessFootprint.Interpreted;

    /// <summary>
    /// Check the IR against its stage's promises before the passes and after each one (IrVerifier): a
    /// failure is a compiler bug, thrown as an exception. Off unless NEUROC_VERIFY_IR=1, which the test
    /// suite sets for every test (tests/verify-ir.runsettings): it costs a walk over every synapse,
    /// and a correct compiler never fails it.
    /// </summary>
    public bool VerifyIr { get; init; } = VerifyIrByDefault;

    /// <summary>The environment variable that turns <see cref="VerifyIr"/> on by default.</summary>
    public const string VerifyIrVariable = "NEUROC_VERIFY_IR";

    public static bool VerifyIrByDefault => Environment.GetEnvironmentVariable(VerifyIrVariable) == "1";
}
