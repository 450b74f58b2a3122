namespace NeuroCompiler.Targets.Tests;

/// <summary>Pieces of the small models the target tests compile.</summary>
internal static class SmallModels
{
    /// <summary>
    /// A LIF neuron (τ 10 ms) fed by a current x (τ 5 ms) that synapses of type <c>Add</c> raise by w; threshold 10 mV
    /// above the reset at 0 mV; the refractory period given (none by default).
    /// </summary>
    public static string LifAndAdd(string refractory = "") => $$"""
        neuron Lif {
          param tau = 10 ms
          param taux = 5 ms
          state v = 0 mV
          state x = 0 mV
          dv/dt = (x - v) / tau
          dx/dt = -x / taux
          method exact
          threshold v > 10 mV
          reset { v = 0 mV }
          {{(refractory == "" ? "" : $"refractory {refractory}")}}
        }
        synapse Add {
          param w = 1 mV
          on_pre { x += w }
        }
        """;
}
