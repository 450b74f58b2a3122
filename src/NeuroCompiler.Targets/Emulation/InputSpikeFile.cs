using System.Collections.Immutable;
using System.Globalization;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Targets.Configuration;

namespace NeuroCompiler.Targets.Emulation;

/// <summary>
/// Input spikes for a configuration run without its model (<c>neuroc load --input</c>), in the form <c>neuroc run</c>
/// writes them (<c>spikes.csv</c>: a header <c>population,index,time_ms</c>, then one spike a line): spikes of the
/// configuration's input populations, each at the model step its time is, then at the device step <c>verify --target</c>
/// gives that step (<see cref="FidelityComparison.DeviceStep"/>), so that the same run's spikes drive both the same way.
/// Spikes of populations on the device are left out (the emulation makes its own), and counted. Every bad line is a
/// diagnostic at its line and column.
/// </summary>
public sealed record InputSpikeFile(ImmutableArray<DeviceSpike> Spikes, long OnChipLeftOut)
{
    public const string Header = "population,index,time_ms";

    /// <summary>The spikes of <paramref name="text"/>; null after errors, all reported.</summary>
    public static InputSpikeFile? Read(SourceText text, ModelOutline outline, double deviceDt, DiagnosticBag diagnostics)
    {
        int bad = 0;
        var byName = outline.Populations.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var spikes = ImmutableArray.CreateBuilder<DeviceSpike>();
        long onChip = 0;
        for (int line = 0; line < text.LineCount; line++)
        {
            if (bad >= Core.Limits.MaxInputSpikeErrors)
            {
                diagnostics.Error(ErrorCode.BadInputSpike, text, new TextSpan(text.GetLineStart(line), 1), $"stopped after {Core.Limits.MaxInputSpikeErrors} bad lines");
                break;
            }
            int start = text.GetLineStart(line);
            string content = text.GetLineText(line).TrimEnd('\r');
            if (line == 0)
            {
                if (content != Header)
                {
                    diagnostics.Error(ErrorCode.BadInputSpike, text, new TextSpan(start, Math.Max(1, content.Length)), $"an input spike file starts with the line '{Header}'");
                    return null;
                }
                continue;
            }
            if (content.Length == 0)
            {
                continue;
            }
            var fields = content.Split(',');
            void Bad(int field, string message)
            {
                bad++;
                int column = fields.Take(field).Sum(f => f.Length + 1);
                diagnostics.Error(ErrorCode.BadInputSpike, text, new TextSpan(start + Math.Min(column, content.Length - 1), Math.Max(1, field < fields.Length ? fields[field].Length : 1)), message);
            }
            if (fields.Length != 3)
            {
                Bad(0, $"a spike is 'population,index,time_ms', and this line has {fields.Length} field(s)");
                continue;
            }
            if (!byName.TryGetValue(fields[0], out var population))
            {
                Bad(0, $"the configuration's model has no population '{Printable(fields[0])}' (it has {string.Join(", ", outline.Populations.Select(p => p.Name))})");
                continue;
            }
            if (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index >= population.Size)
            {
                Bad(1, $"'{Printable(fields[1])}' is not a neuron of '{population.Name}' (0 to {population.Size - 1})");
                continue;
            }
            if (!double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double ms) || !double.IsFinite(ms) || ms < 0 ||
                ms * 1e-3 / outline.ModelTimestep > long.MaxValue / 2)
            {
                Bad(2, $"'{Printable(fields[2])}' is not a time in milliseconds from 0 on");
                continue;
            }
            if (population.OnChip)
            {
                onChip++;
                continue;
            }
            long step = (long)Math.Round(ms * 1e-3 / outline.ModelTimestep);
            spikes.Add(new DeviceSpike(FidelityComparison.DeviceStep(step, outline.ModelTimestep, deviceDt), population.Index, index));
        }
        return bad > 0 ? null : new InputSpikeFile(spikes.ToImmutable(), onChip);
    }

    private static string Printable(string text) => new(text.Take(60).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
