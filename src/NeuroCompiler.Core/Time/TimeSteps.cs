using System.Globalization;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Core.Time;

/// <summary>
/// The one conversion of a time to whole time steps, wherever a time becomes a step count (the run's
/// duration, delays, refractory periods, recording intervals, rule intervals, event, stimulus and task
/// times): round(t / dt), halves rounded away from zero (docs/semantics.md). <see cref="Check"/> says why
/// a time cannot be used, in the same words for every use, before anything is allocated for it.
/// </summary>
public static class TimeSteps
{
    /// <summary>round(t / dt) as a real number: infinite or NaN for a time that is, larger than any step count for a huge one.</summary>
    public static double Round(double time, double dt) => Math.Round(time / dt, MidpointRounding.AwayFromZero);

    /// <summary>The steps of a time that <see cref="Check"/> accepted (or that is known to be in range).</summary>
    public static long Of(double time, double dt)
    {
        double steps = Round(time, dt);
        return double.IsFinite(steps) && Math.Abs(steps) <= Limits.MaxSteps
            ? (long)steps
            : throw new ArgumentOutOfRangeException(nameof(time), time, "a time that was not checked against the step limits");
    }

    /// <summary>The steps of <paramref name="time"/> as <paramref name="use"/> allows them, or null after reporting why not at <paramref name="location"/>.</summary>
    public static long? Check(double time, double dt, TimeUse use, DiagnosticBag diagnostics, SourceLocation? location)
    {
        if (Problem(time, dt, use) is not { } problem)
        {
            return (long)Round(time, dt);
        }
        diagnostics.Error(problem.Code, location, problem.Message);
        return null;
    }

    /// <summary>Why <paramref name="time"/> cannot be used as <paramref name="use"/> says (code and message), or null when it can.</summary>
    public static (ErrorCode Code, string Message)? Problem(double time, double dt, TimeUse use)
    {
        if (!double.IsFinite(time))
        {
            return (ErrorCode.NotFinite, $"{use.What} must be a finite time, but it is {Number(time)}");
        }
        if (time < 0)
        {
            // Even one that rounds to 0 steps (-1e-30 ms): no time in a model counts backwards.
            return (use.TooShort, $"{use.What} cannot be negative (it is {Seconds(time)})");
        }
        double steps = Round(time, dt);
        if (steps < use.MinimumSteps)
        {
            return (use.TooShort, $"{use.What} of {Seconds(time)} is shorter than one time step (dt = {Seconds(dt)}){(use.Rule is { } rule ? "; " + rule : "")}");
        }
        if (steps > use.MaximumSteps)
        {
            return (ErrorCode.TooManySteps,
                $"{use.What} of {Seconds(time)} is {Count(steps)} time steps of {Seconds(dt)}; the most it may be is {Count(use.MaximumSteps)} steps (docs/limits.md)");
        }
        return null;
    }

    /// <summary>A time as messages write it: in seconds from 1 s, else in milliseconds.</summary>
    public static string Seconds(double seconds) =>
        !double.IsFinite(seconds) ? Number(seconds) : Math.Abs(seconds) >= 1 ? $"{G(seconds)} s" : $"{G(seconds * 1e3)} ms";

    /// <summary>A step count as messages write it: whole up to a trillion, else in scientific notation.</summary>
    public static string Count(double steps) =>
        !double.IsFinite(steps) ? "more than 1.8E+308"
        : Math.Abs(steps) <= 1e12 ? steps.ToString("#,0", CultureInfo.InvariantCulture)
        : steps.ToString("0.###E+0", CultureInfo.InvariantCulture);

    private static string Number(double value) =>
        double.IsNaN(value) ? "not a number (NaN)" : double.IsPositiveInfinity(value) ? "infinite" : double.IsNegativeInfinity(value) ? "negative infinity" : G(value);

    private static string G(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
