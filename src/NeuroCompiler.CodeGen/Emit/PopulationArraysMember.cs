namespace NeuroCompiler.CodeGen.Emit;

/// <summary>Where a population's array is held on the host: its member of <c>PopulationArrays</c>, as C#.</summary>
public static class PopulationArraysMember
{
    /// <summary>The member (with <c>!</c> where it is nullable), e.g. <c>States[2]</c>, <c>Parameters[0]!</c>.</summary>
    public static string Of(ArrayRole role) => role switch
    {
        ArrayRole.NeuronState s => $"States[{s.Slot}]",
        ArrayRole.NeuronParameter p => $"Parameters[{p.Slot}]!",
        ArrayRole.SharedParameter p => $"SharedParameters[{p.Slot}]!",
        ArrayRole.Global g => $"Globals[{g.Slot}]!",
        ArrayRole.Signal s => $"Signals[{s.Slot}]",
        ArrayRole.Position p => $"Positions[{p.Axis}]!",
        ArrayRole.Refractory => "Refractory",
        ArrayRole.Propagators => "Propagators!",
        _ => throw new InvalidOperationException($"a population holds no host array for {role}"),
    };
}
