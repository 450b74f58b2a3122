namespace NeuroCompiler.EndToEnd.Tests;

/// <summary>
/// Each sample shows what its header says it shows. The bands come from runs of the samples
/// (several seeds) and, where stated, from Brian2 running the same model; see the headers.
/// </summary>
public class SampleBehaviourTests
{
    [Fact]
    public void CobaSustainsIrregularActivityAtBrian2sRateAfterTheKick()
    {
        // Full size, 1 s. neuroc, seeds 1-6: E 14.2-16.0 Hz, I 14.2-15.2 Hz, CV 1.33-1.41;
        // Brian2 2.5.1, seeds 1-3: E 14.0-17.9 Hz, I 14.3-15.9 Hz, CV 1.36-1.41.
        var result = SampleRunner.Run("coba.neuro");
        var e = result.Population("E");
        var i = result.Population("I");
        Assert.Equal(3200, e.Size);
        Assert.Equal(800, i.Size);
        Assert.InRange(e.MeanRate, 12.0, 19.0);
        Assert.InRange(i.MeanRate, 12.0, 19.0);
        Assert.InRange(e.MeanCv, 1.15, 1.7);          // irregular, burstier than Poisson
        // Self-sustained: the kick stops at 50 ms, the activity does not.
        Assert.InRange(result.WindowRate("E", 500, 1000), 10.0, 22.0);
        // The 20 kick sources fire at 100 Hz for 50 ms only: about 5 Hz averaged over the second.
        Assert.InRange(result.Population("kick").MeanRate, 2.0, 8.0);

        // Without the kick nothing ever crosses threshold: the active state is an attractor to be reached.
        var silent = SampleRunner.Run("coba.neuro", "w_ext=0 nS", "duration=200 ms");
        Assert.Equal(0, silent.Population("E").Spikes + silent.Population("I").Spikes);
    }

    [Fact]
    public void BrunelStatesSeparateAtReducedSize()
    {
        // N_E = 4000, N_I = 1000, eps = 0.1 (C_E = 400), J = 0.25 mV (J C_E = 100 mV as in the paper).
        // Measures, on the E population: ISI CV (summary); synchrony = Fano factor of its spike count
        // in 1 ms bins after 100 ms, divided by N_E (about 1/N_E for independent neurons, towards 1 for
        // full synchrony); rhythm = peak of the spectrum of those counts.
        // Seeds 1-3: A CV 0.03, synchrony 0.185-0.187, rate 309-311 Hz;
        //            C CV 0.70-0.73, synchrony 0.012-0.016, rate 40.5-43.1 Hz, peak 88-106 Hz;
        //            D rate 10.3-12.2 Hz, peak 25-32 Hz.
        string[] size = { "N_E=4000", "J=0.25 mV" };
        const int nE = 4000;

        var a = SampleRunner.Run("brunel2000.neuro", size.Concat(new[] { "g=3", "eta=2", "duration=300 ms" }).ToArray());
        var aCounts = a.BinnedCounts("E", 1.0, 100);
        var aE = a.Population("E");
        Assert.Equal(nE, aE.Size);
        Assert.True(aE.MeanRate > 200, $"A: E rate {aE.MeanRate:F1} Hz");
        Assert.True(aE.MeanCv < 0.15, $"A (synchronous regular): CV {aE.MeanCv:F3}");
        Assert.True(SampleRunner.Fano(aCounts) / nE > 0.1, $"A: synchrony {SampleRunner.Fano(aCounts) / nE:F4}");

        var c = SampleRunner.Run("brunel2000.neuro", size.Concat(new[] { "g=5", "eta=2", "duration=500 ms" }).ToArray());
        var cCounts = c.BinnedCounts("E", 1.0, 100);
        var cE = c.Population("E");
        Assert.InRange(cE.MeanRate, 20, 80);
        Assert.True(cE.MeanCv > 0.5, $"C (asynchronous irregular): CV {cE.MeanCv:F3}");
        Assert.True(SampleRunner.Fano(cCounts) / nE < 0.04, $"C: synchrony {SampleRunner.Fano(cCounts) / nE:F4}");
        double cPeak = SampleRunner.PeakFrequency(cCounts, 1.0);
        Assert.True(cPeak > 70, $"C: fluctuations peak at {cPeak:F0} Hz");

        var d = SampleRunner.Run("brunel2000.neuro", size.Concat(new[] { "g=4.5", "eta=0.9", "duration=500 ms" }).ToArray());
        var dCounts = d.BinnedCounts("E", 1.0, 100);
        var dE = d.Population("E");
        Assert.True(dE.MeanRate < cE.MeanRate / 2, $"D: E rate {dE.MeanRate:F1} Hz vs C {cE.MeanRate:F1} Hz");
        double dPeak = SampleRunner.PeakFrequency(dCounts, 1.0);
        Assert.True(dPeak < 50, $"D (slow oscillation): peak at {dPeak:F0} Hz");
    }

    [Fact]
    public void IzhikevichTypesShowTheirFiringPatterns()
    {
        var result = SampleRunner.Run("izhikevich_types.neuro");
        double[] rs = result.SpikeTimes("RS", 0), ib = result.SpikeTimes("IB", 0), ch = result.SpikeTimes("CH", 0);
        double[] fs = result.SpikeTimes("FS", 0), lts = result.SpikeTimes("LTS", 0);

        // FS fires much faster than RS under the same step (53 vs 10 spikes).
        Assert.True(fs.Length > 3 * rs.Length, $"FS {fs.Length} spikes, RS {rs.Length}");

        // RS adapts: intervals never shrink, and the last is much longer than the first (19.5 -> 45.1 ms).
        var rsIsi = SampleRunner.Intervals(rs);
        Assert.True(rsIsi.Length >= 4, $"RS fired {rs.Length} spikes");
        Assert.All(rsIsi.Zip(rsIsi.Skip(1)), p => Assert.True(p.Second >= p.First - 0.5, $"RS intervals {string.Join(", ", rsIsi)}"));
        Assert.True(rsIsi[^1] > 1.5 * rsIsi[0], $"RS intervals {string.Join(", ", rsIsi)}");

        // IB: an initial burst (2.4, 3.9 ms), then tonic single spikes (31.5 ms).
        var ibIsi = SampleRunner.Intervals(ib);
        Assert.True(ibIsi.Length >= 6, $"IB fired {ib.Length} spikes");
        double ibLate = Median(ibIsi.Skip(3));
        Assert.True(ibIsi[0] < 0.2 * ibLate, $"IB intervals {string.Join(", ", ibIsi)}");
        Assert.All(ibIsi.Skip(3), x => Assert.InRange(x, 0.8 * ibLate, 1.25 * ibLate));

        // CH: repeated bursts, so bimodal intervals: short ones within bursts (1.6-5.1 ms), long ones
        // between (46-48 ms), none in between; at least three bursts of three or more spikes.
        var chIsi = SampleRunner.Intervals(ch);
        var shortIsi = chIsi.Where(x => x < 8).ToList();
        var longIsi = chIsi.Where(x => x > 30).ToList();
        Assert.Equal(chIsi.Length, shortIsi.Count + longIsi.Count);
        Assert.True(longIsi.Count >= 3, $"CH intervals {string.Join(", ", chIsi)}");
        Assert.True(shortIsi.Count >= 2 * (longIsi.Count + 1), $"CH intervals {string.Join(", ", chIsi)}");

        // LTS: high-frequency start, then adaptation (3.1 -> 13.6 ms).
        var ltsIsi = SampleRunner.Intervals(lts);
        Assert.True(ltsIsi[^1] > 2.5 * ltsIsi[0], $"LTS intervals {string.Join(", ", ltsIsi)}");

        // TC[1]: silent while hyperpolarised (50-250 ms), a rebound burst on release.
        var tc = result.SpikeTimes("TC", 1);
        Assert.DoesNotContain(tc, t => t < 250);
        Assert.True(tc.Count(t => t < 300) >= 3, $"TC[1] spikes {string.Join(", ", tc)}");

        // RZ[0], a step below rheobase: no spike, but damped oscillations; the depolarising step even
        // takes v below its resting value on the first swing back (-63.1 mV < -62.5 mV).
        Assert.Empty(result.SpikeTimes("RZ", 0));
        var rz = result.TraceOf("RZ", "v", 0);
        double rest = rz.Last(s => s.TimeMs < 50).Value;
        double settled = rz.Where(s => s.TimeMs >= 400 && s.TimeMs < 450).Average(s => s.Value);
        double firstPeak = rz.Where(s => s.TimeMs >= 50 && s.TimeMs < 90).Max(s => s.Value);
        double firstTrough = rz.Where(s => s.TimeMs >= 80 && s.TimeMs < 110).Min(s => s.Value);
        Assert.True(firstPeak > settled + 1e-3, $"RZ peak {firstPeak} V, settled {settled} V");
        Assert.True(firstTrough < rest, $"RZ trough {firstTrough} V, rest {rest} V");
        Assert.NotEmpty(result.SpikeTimes("RZ", 1));
    }

    [Fact]
    public void BilateralModulesRecoverFromUnilateralButNotBilateralSilencing()
    {
        // Windows (ms): baseline 0-300, before silencing 600-900, silenced 900-1400 (measured from
        // 950), after recovery 1600-2000, response 2000-2300. Seeds 1-2: 59.8-60.6 Hz before,
        // 59.7-60.6 Hz after unilateral silencing, 0.0 Hz after bilateral silencing.
        var unilateral = SampleRunner.Run("bilateral_silencing.neuro");
        double before = unilateral.WindowRate("L_E", 600, 900);
        Assert.True(unilateral.WindowRate("L_E", 0, 300) < 2, "the left module is quiet before the cue");
        Assert.True(before > 30, $"left persistent activity before silencing: {before:F1} Hz");
        Assert.Equal(0, unilateral.WindowRate("L_E", 950, 1400));
        Assert.True(unilateral.WindowRate("R_E", 950, 1400) > 30, "the right module holds while the left is silent");
        double after = unilateral.WindowRate("L_E", 1600, 2000);
        Assert.InRange(after, 0.8 * before, 1.2 * before);
        Assert.InRange(unilateral.WindowRate("L_E", 2000, 2300), 0.8 * before, 1.2 * before);

        var bilateral = SampleRunner.Run("bilateral_silencing.neuro", "bilateral=1");
        Assert.True(bilateral.WindowRate("L_E", 600, 900) > 30, "the memory is there before the silencing");
        Assert.Equal(0, bilateral.WindowRate("R_E", 950, 1400));
        Assert.True(bilateral.WindowRate("L_E", 1600, 2300) < 2, $"left after bilateral silencing: {bilateral.WindowRate("L_E", 1600, 2300):F1} Hz");
        Assert.True(bilateral.WindowRate("R_E", 1600, 2300) < 2, $"right after bilateral silencing: {bilateral.WindowRate("R_E", 1600, 2300):F1} Hz");

        // The recovery comes from the other hemisphere: uncoupled, unilateral silencing erases it too.
        var uncoupled = SampleRunner.Run("bilateral_silencing.neuro", "w_cross=0 mV");
        Assert.True(uncoupled.WindowRate("L_E", 600, 900) > 30, "an uncoupled module holds the memory by itself");
        Assert.True(uncoupled.WindowRate("L_E", 1600, 2300) < 2, "without the right module the left does not recover");
        Assert.True(uncoupled.WindowRate("R_E", 1600, 2300) > 30, "the unsilenced right module keeps it");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(x => x).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
