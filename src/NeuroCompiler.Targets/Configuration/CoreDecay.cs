using System.Collections.Immutable;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>
/// How a core's state <see cref="State"/> decays every device step, as its neuron circuit does it (the target's
/// <c>neuron.decay</c>): by a multiplier, x ← x (U − d) / U with d = <see cref="Decay"/> of the decay unity U (the
/// division rounds toward zero), when <see cref="Shifts"/> is default; or by shifts, x ← x − Σ (x ≫ k) over
/// <see cref="Shifts"/> (each shift arithmetic, rounding toward −∞; none: no decay), when it is not.
/// </summary>
public readonly record struct CoreDecay(string State, int Decay, ImmutableArray<int> Shifts)
{
    /// <summary>A multiplier decay: d of the unity.</summary>
    public static CoreDecay Multiplier(string state, int decay) => new(state, decay, default);

    /// <summary>A shift decay: x loses Σ (x ≫ k) over <paramref name="shifts"/>.</summary>
    public static CoreDecay Shift(string state, ImmutableArray<int> shifts) => new(state, 0, shifts.IsDefault ? ImmutableArray<int>.Empty : shifts);

    /// <summary>Whether the decay is by shifts (otherwise by a multiplier).</summary>
    public bool IsShift => !Shifts.IsDefault;

    /// <summary>Whether it does not decay at all (d = 0, or no shifts).</summary>
    public bool IsNone => IsShift ? Shifts.IsEmpty : Decay == 0;

    /// <summary>x after one step's decay (<paramref name="unity"/>: the target's decay unity, for a multiplier).</summary>
    public long Apply(long x, int unity) => IsShift ? ShiftDecay.Apply(x, Shifts) : x * (unity - Decay) / unity;

    public bool Equals(CoreDecay other) =>
        State == other.State && Decay == other.Decay && IsShift == other.IsShift && (!IsShift || Shifts.SequenceEqual(other.Shifts));

    public override int GetHashCode() => HashCode.Combine(State, Decay, IsShift ? string.Join(",", Shifts) : null);

    /// <summary><c>state:d</c> for a multiplier, <c>state:[k,…]</c> for shifts.</summary>
    public override string ToString() => IsShift ? $"{State}:[{string.Join(",", Shifts)}]" : $"{State}:{Decay}";
}
