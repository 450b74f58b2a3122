using NeuroCompiler.Core.Units;

namespace NeuroCompiler.Semantics;

/// <summary>The names the language provides. Each context makes some of them visible (see <see cref="Binding.BindingContext"/>).</summary>
public static class Builtins
{
    /// <summary>Simulation time, seconds.</summary>
    public static readonly VariableSymbol Time = Make("t", Dimension.Second);

    /// <summary>The model's time step, seconds.</summary>
    public static readonly VariableSymbol Dt = Make("dt", Dimension.Second);

    /// <summary>Index of a neuron in its population; in a projection, the presynaptic index.</summary>
    public static readonly VariableSymbol I = Make("i", Dimension.None);

    /// <summary>In a projection, the postsynaptic index.</summary>
    public static readonly VariableSymbol J = Make("j", Dimension.None);

    /// <summary>Size of the population.</summary>
    public static readonly VariableSymbol N = Make("N", Dimension.None);

    /// <summary>Position of a neuron (metres), from the population's layout.</summary>
    public static readonly VariableSymbol X = Make("x", Dimension.Metre);
    public static readonly VariableSymbol Y = Make("y", Dimension.Metre);
    public static readonly VariableSymbol Z = Make("z", Dimension.Metre);

    /// <summary>In a projection, the distance between the presynaptic and postsynaptic neuron (metres).</summary>
    public static readonly VariableSymbol Distance = Make("distance", Dimension.Metre);

    /// <summary>Gaussian white noise in an equation, units s^-1/2. Distinct names (xi_1, xi_2) are independent noises.</summary>
    public static VariableSymbol Noise(string name) => Make(name, Dimension.Second.TryPower(-0.5)!.Value);

    public static bool IsNoiseName(string name) => name == "xi" || (name.StartsWith("xi_", StringComparison.Ordinal) && name.Length > 3);

    /// <summary>
    /// Names a model cannot declare. Positions (x, y, z) and distance are not reserved: a declared
    /// variable of that name simply hides them.
    /// </summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string> { "t", "dt", "i", "j", "N" };

    private static VariableSymbol Make(string name, Dimension dimension) =>
        new(name, VariableKind.Builtin, VariableOwner.Model, dimension, null);
}
