using static NeuroCompiler.IR.Integration.UpdateBuilder;

namespace NeuroCompiler.IR.Integration.Methods;

/// <summary>
/// Euler–Maruyama for dx = f dt + Σ g_k dW_k: x ← (x + f·dt) + (g₁·√dt)·ξ₁ + (g₂·√dt)·ξ₂ + ..., each ξ a
/// standard normal keyed by (seed, the noise's stream, element, step), so every state driven by the
/// same xi sees the same ξ. Applies to any system (without noise it is forward Euler written x + f·dt).
/// </summary>
public sealed class EulerMaruyamaMethod : IIntegrationMethod
{
    public IReadOnlyList<string> Names { get; } = new[] { "euler_maruyama" };

    public Integrator? Integrate(EquationSystem system, out string whyNot)
    {
        whyNot = "";
        return Lower(system);
    }

    internal static ExplicitIntegrator Lower(EquationSystem system)
    {
        var update = new UpdateBuilder(system);
        var next = Enumerable.Range(0, update.Count).Select(k =>
        {
            var value = Add(update.State(k), Multiply(system.Drift[k], update.Dt()));
            foreach (var term in system.Diffusion[k])
            {
                var xi = new IrRandom(RandomKind.Normal, system.NoiseStreams[term.Noise]);
                value = Add(value, Multiply(Multiply(term.Coefficient, update.SqrtDt()), xi));
            }
            return update.Holding(k, value);
        }).ToList();
        return update.Build("euler_maruyama", next);
    }
}
