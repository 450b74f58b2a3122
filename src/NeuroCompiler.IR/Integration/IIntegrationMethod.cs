namespace NeuroCompiler.IR.Integration;

/// <summary>
/// One integration method, as <c>method NAME</c> asks for it: its names, which equations it accepts,
/// and the integrator it builds for them. <see cref="IntegrationMethods"/> finds every implementation
/// in this assembly; a new method is one new file.
/// </summary>
public interface IIntegrationMethod
{
    /// <summary>The names a model may write; the first is the method's own, the rest are aliases.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>
    /// The integrator for <paramref name="system"/>, or null when this method cannot apply, with
    /// <paramref name="whyNot"/> saying why in a sentence that follows "the owner: ".
    /// </summary>
    Integrator? Integrate(EquationSystem system, out string whyNot);
}
