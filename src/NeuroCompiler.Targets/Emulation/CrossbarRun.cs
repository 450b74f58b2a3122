using System.Collections.Immutable;
using System.Globalization;
using NeuroCompiler.Targets.Configuration;

namespace NeuroCompiler.Targets.Emulation;

/// <summary>
/// A crossbar configuration run as the device would run it <paramref name="time"/> seconds after programming, from what it
/// holds alone: its tiles and circuits, its seed (faults, programming and read noise, drift) and each neuron's initial
/// membrane (<see cref="NeuronConfiguration.Initial"/>), fed input spikes in device steps. <c>neuroc verify --target</c>
/// and <c>neuroc load</c> both run it this way.
/// </summary>
public static class CrossbarRun
{
    public static ConfigurationEmulation Emulate(CrossbarConfiguration configuration, CrossbarHardware hardware, double time, long steps,
        IReadOnlyList<DeviceSpike> inputs)
    {
        var emulator = new CrossbarEmulator(configuration, hardware, configuration.Seed, time,
            neuron => neuron.Initial.IsDefaultOrEmpty ? new long[neuron.Size] : neuron.Initial.ToArray());
        var spikes = emulator.Run(steps, inputs);
        var counts = emulator.Counts;
        var notes = ImmutableArray.Create(string.Format(CultureInfo.InvariantCulture, "{0:N0} conversions, {1:P3} clipped by the ADC",
            counts.Conversions, counts.Conversions > 0 ? counts.Clipped / (double)counts.Conversions : 0));
        return new ConfigurationEmulation(CrossbarFidelity.Duration(time), time, spikes, notes);
    }
}
