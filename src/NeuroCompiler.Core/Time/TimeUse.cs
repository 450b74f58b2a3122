using NeuroCompiler.Core.Diagnostics;

namespace NeuroCompiler.Core.Time;

/// <summary>
/// What a time in a model is for, as far as its conversion to steps is concerned: how it is named in
/// messages ("a delay"), the fewest and the most steps it may be, the code for one that is too short and,
/// for that case, the rule in a few words.
/// </summary>
public sealed record TimeUse(string What, long MinimumSteps, long MaximumSteps, ErrorCode TooShort = ErrorCode.InvalidValue, string? Rule = null)
{
    /// <summary>A moment of the run (an event, a stimulus's start, a spike time): 0 or later.</summary>
    public static TimeUse Moment(string what) => new(what, 0, Limits.MaxSteps);

    /// <summary>A stretch of the run (the duration, a segment, a task's window, a stimulus's table step): at least one step.</summary>
    public static TimeUse Stretch(string what) => new(what, 1, Limits.MaxSteps);

    /// <summary>An interval that repeats (a recording interval or bin, a rule's interval): at least one step.</summary>
    public static TimeUse Interval(string what) => new(what, 1, Limits.MaxPeriodSteps);

    /// <summary>A refractory period: zero or more steps.</summary>
    public static TimeUse Refractory { get; } = new("the refractory period", 0, Limits.MaxPeriodSteps);

    /// <summary>A synaptic delay: at least one step (a spike is never delivered in the step it is emitted), at most <see cref="Limits.MaxDelaySteps"/>.</summary>
    public static TimeUse Delay { get; } = new("a delay", 1, Limits.MaxDelaySteps, ErrorCode.DelayShorterThanStep, "delays are at least one step");
}
