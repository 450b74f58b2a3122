using System.Collections.Immutable;

namespace NeuroCompiler.Targets.Emulation;

/// <summary>
/// One emulated run of a configuration: under what condition (<see cref="TimeAfterProgramming"/> on a crossbar, null on digital
/// cores), the spikes of the model's populations on the device (relays left out), and what the emulation counted, in words.
/// </summary>
public sealed record ConfigurationEmulation(string Condition, double? TimeAfterProgramming, ImmutableArray<DeviceSpike> Spikes, ImmutableArray<string> Notes);
