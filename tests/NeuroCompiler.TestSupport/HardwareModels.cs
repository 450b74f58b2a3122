namespace NeuroCompiler.TestSupport;

/// <summary>Models the hardware tests compile.</summary>
public static class HardwareModels
{
    /// <summary>Two LIF populations (E, I) driven by a Poisson input population (noise): something on the device, and an input whose spikes are given.</summary>
    public const string WithInput = """
        import "std/neurons"
        import "std/synapses"
        model loaded { dt = 0.1 ms; duration = 300 ms; seed = 7 }
        population E = LIF[160] { v = uniform(-70 mV, -55 mV) }
        population I = LIF[40] { v = uniform(-70 mV, -55 mV) }
        population noise = Poisson[100] { rate = 40 Hz }
        projection ee = E -> E : CurrentExc { connect fixed_probability(0.1); w = 60 pA; delay = 1.5 ms }
        projection ei = E -> I : CurrentExc { connect fixed_probability(0.1); w = 60 pA; delay = 1.5 ms }
        projection ie = I -> E : CurrentInh { connect fixed_probability(0.1); w = -240 pA; delay = 1.5 ms }
        projection ne = noise -> E : CurrentExc { connect fixed_probability(0.3); w = 150 pA; delay = 1 ms }
        projection ni = noise -> I : CurrentExc { connect fixed_probability(0.3); w = 150 pA; delay = 1 ms }
        record spikes E, I, noise
        """;
}
