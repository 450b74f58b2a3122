namespace NeuroCompiler.TestSupport;

/// <summary>A small learning network for any rule of std/plasticity, shared by the backends' tests.</summary>
public static class PlasticityModels
{
    public static readonly string[] StandardRules =
    {
        "STDP", "STDPMultiplicative", "STDPNearest", "TripletSTDP", "TripletSTDPNearest", "TsodyksMarkram",
        "RewardSTDP", "VogelsISTDP", "Hebbian", "BCM", "SynapticScaling", "TagCapture", "Fluctuating",
    };

    /// <summary>The variable that shows the rule at work: the weight, or what the rule changes instead.</summary>
    public static string Learned(string rule) => rule switch
    {
        "TsodyksMarkram" => "x",
        "TagCapture" => "early",
        _ => "w",
    };

    /// <summary>A small network whose excitatory recurrent synapses learn by <paramref name="rule"/>, with a reward and proteins now and then.</summary>
    public static string Network(string rule, string precision, string duration = "400 ms") => $$"""
        import "std/neurons"
        import "std/plasticity"
        model rules { dt = 0.1 ms; duration = {{duration}}; seed = 12; precision = {{precision}} }
        signals {
          state dopamine = 0
          state proteins = 0
          ddopamine/dt = -dopamine / (200 ms)
          dproteins/dt = -proteins / (1 s)
        }
        population In = Poisson[60] { rate = 40 Hz }
        population E = LIF[30] { I = 300 pA; v = uniform(-70 mV, -56 mV) }
        projection drive = In -> E : {{rule}} { connect fixed_probability(0.3); target = Ie; wmax = 300 pA; delay = uniform(0.5 ms, 3 ms) }
        projection ee = E -> E : {{rule}} { connect fixed_probability(0.3); target = Ie; wmax = 100 pA }
        protocol {
          at 150 ms dopamine += 1
          at 150 ms proteins += 1
        }
        record drive.{{Learned(rule)}} every 50 ms
        record spikes E
        """;
}
