using NeuroCompiler.Targets.Configuration;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>A projection that learns on chip: its rule, the engine's integers, and the trace time constants they realise.</summary>
public sealed record OnChipLearning(PairStdpForm Rule, LearningConfiguration Configuration, double RealisedTauPre, double RealisedTauPost);

/// <summary>
/// Puts a <see cref="PairStdpForm"/> into a learning engine's integers: trace decays to the nearest of the decay unity;
/// one presynaptic impulse is 2^(trace bits − 3) (room for eight before the trace saturates) and fixes the trace's
/// unit, the postsynaptic impulse is the same unit's multiple; the products' coefficients turn a trace integer into
/// mantissa steps of the projection's weight (<paramref name="weightStep"/>); the bounds round inward to mantissas.
/// </summary>
public static class LearningQuantiser
{
    public const string PairStdp = "pair_stdp";

    public static OnChipLearning Quantise(int projection, PairStdpForm rule, int traceBits, int decayUnity, double deviceDt, double weightStep, int mantissaBits)
    {
        int Decay(double tau) => (int)Math.Clamp(Math.Round(decayUnity * (1 - Math.Exp(-deviceDt / tau)), MidpointRounding.ToEven), 0, decayUnity);
        double Realised(int d) => d > 0 && d < decayUnity ? -deviceDt / Math.Log((decayUnity - d) / (double)decayUnity) : double.PositiveInfinity;
        int preImpulse = 1 << Math.Max(0, traceBits - 3);
        double traceUnit = rule.PreImpulse / preImpulse;
        int postImpulse = (int)Math.Clamp(Math.Round(rule.PostImpulse / traceUnit), 1, (1 << traceBits) - 1);
        var potentiation = FixedPoint.Of(rule.Potentiation * traceUnit / weightStep);
        var depression = FixedPoint.Of(rule.Depression * traceUnit / weightStep);
        long top = (1L << (mantissaBits - 1)) - 1, bottom = -(1L << (mantissaBits - 1));
        int low = (int)Math.Clamp((long)Math.Ceiling(rule.WMin / weightStep - 1e-9), bottom, top);
        int high = (int)Math.Clamp((long)Math.Floor(rule.WMax / weightStep + 1e-9), bottom, top);
        int preDecay = Decay(rule.TauPre), postDecay = Decay(rule.TauPost);
        var configuration = new LearningConfiguration(projection, PairStdp, traceBits, decayUnity, preDecay, postDecay, preImpulse, postImpulse,
            potentiation.Mantissa, potentiation.Shift, depression.Mantissa, depression.Shift, low, high);
        return new OnChipLearning(rule, configuration, Realised(preDecay), Realised(postDecay));
    }
}
