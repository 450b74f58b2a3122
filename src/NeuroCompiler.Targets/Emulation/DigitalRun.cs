using System.Collections.Immutable;
using NeuroCompiler.Targets.Configuration;

namespace NeuroCompiler.Targets.Emulation;

/// <summary>
/// A digital configuration run as the cores would run it, from what it holds alone: its cores, its seed (learning's
/// rounding) and each neuron's initial membrane (<see cref="CoreConfiguration.Initial"/>), fed input spikes in device
/// steps. <c>neuroc verify --target</c> and <c>neuroc load</c> both run it this way, so what is written is what is verified.
/// </summary>
public static class DigitalRun
{
    public const string Condition = "emulated";

    public static ConfigurationEmulation Emulate(DigitalConfiguration configuration, DigitalHardware hardware, long steps, IReadOnlyList<DeviceSpike> inputs,
        out DigitalEmulator emulator)
    {
        emulator = new DigitalEmulator(configuration, hardware.Formats.StateBits, hardware.Formats.DecayUnity,
            (core, i) => core.Initial.IsDefaultOrEmpty ? 0 : core.Initial[i]);
        var spikes = emulator.Run(steps, inputs);
        var notes = ImmutableArray<string>.Empty;
        if (configuration.Relays is { } relays)
        {
            long relaySpikes = spikes.Count(s => s.Population == relays.Population);
            spikes = spikes.Where(s => s.Population != relays.Population).ToImmutableArray();
            notes = notes.Add($"{relays.Neurons:N0} relay neurons fired {relaySpikes:N0} times");
        }
        return new ConfigurationEmulation(Condition, null, spikes, notes);
    }
}
