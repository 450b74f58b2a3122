using System.Globalization;

namespace NeuroCompiler.Output;

/// <summary>
/// Why a run stopped before its last step: at step <see cref="Step"/> a value became NaN or infinite
/// (docs/semantics.md, "Values that are not finite"). <see cref="Variable"/> names it
/// (<c>P[17].v</c>, <c>ee.w[1234]</c>, <c>dopamine</c>), <see cref="Value"/> is <c>NaN</c>,
/// <c>+Inf</c> or <c>-Inf</c>, <see cref="Origin"/> says where it was found: <c>initial value</c>,
/// <c>update</c> (a state after the step's integration), or the handler that wrote it
/// (<c>on_pre</c>, <c>on_post</c>, <c>clock rule</c>). <see cref="Detail"/> adds what is cheap to
/// say about it (a synapse's neurons). The run's results are those of the steps before <see cref="Step"/>.
/// </summary>
public sealed record RunFailure(long Step, double Time, string Variable, string Value, string Origin, string? Detail = null)
{
    public const string InitialValue = "initial value";
    public const string Update = "update";

    /// <summary>NaN, +Inf or -Inf.</summary>
    public static string Describe(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";

    /// <summary>One sentence: what became what, where and when.</summary>
    public string Message
    {
        get
        {
            string when = string.Format(CultureInfo.InvariantCulture, "step {0} (t = {1:0.######} ms)", Step, Time * 1e3);
            string what = Detail is null ? Variable : $"{Variable} ({Detail})";
            return Origin switch
            {
                InitialValue => $"{what} is {Value} in its initial value, at {when}",
                Update => $"{what} became {Value} at {when}",
                _ => $"{what} became {Value} at {when}, written by {Origin}",
            };
        }
    }
}
