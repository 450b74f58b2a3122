namespace NeuroCompiler.TestSupport;

/// <summary>Models shared by the plasticity suite (run on every backend) and the plasticity diagnostics tests.</summary>
public static class PlasticityMotifs
{
    /// <summary>A motif of four relay populations for spreads: ab (halving) with ca, ad and dc around it.</summary>
    public const string Motif = """
        model m { dt = 0.1 ms; duration = 50 ms; precision = float64 }
        neuron Relay { state v = 0; state g = 0 nS; threshold v > 0.5; reset { v = 0 } }
        synapse Drive { param w = 1; on_pre { v += w } }
        synapse Halving { param w = 1 nS; on_pre { g += w; w *= 0.5 } }
        synapse Static { param w = 1 nS; on_pre { g += w } }
        population A = Relay[2]
        population B = Relay[1]
        population C = Relay[3]
        population D = Relay[2]
        population T = SpikeGenerator[1] { times = [1 ms] }
        projection teach = T -> A[0] : Drive { connect all_to_all }
        projection ab = A -> B : Halving { connect all_to_all }
        projection ca = C -> A : Static { connect all_to_all }
        projection ad = A -> D : Static { connect all_to_all }
        projection dc = D -> C : Static { connect all_to_all }
        record ab.w, ca.w, ad.w, dc.w every 10 ms
        """;

    public const string Growing = """
        model g { dt = 0.1 ms; duration = 200 ms; seed = 5 }
        neuron Acc { state v = 0 mV; state count = 0 }
        synapse Counted {
          param w = 1 mV
          on_pre { v += w; count += 1 }
          prune every 10 ms when rand() < 0.3
          grow every 10 ms when rand() < 0.3
        }
        population G = SpikeGenerator[20] { times = 0.1 ms + i * 0.1 ms; period = 3 ms }
        population A = Acc[10]
        projection p = G -> A : Counted { connect all_to_all; exists = rand() < 0.5; delay = 2 ms + (i % 7) * 1 ms }
        record p.exists every 0.1 ms
        record A.count every 0.1 ms
        """;
}
