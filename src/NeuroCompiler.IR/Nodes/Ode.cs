using NeuroCompiler.Core.Text;

namespace NeuroCompiler.IR;

/// <summary>
/// dX/dt = Rhs for the state in slot <see cref="State"/>. The right side may hold <see cref="IrNoise"/> until
/// the integrator pass. An <see cref="EventDriven"/> equation (synapses only) is solved between events.
/// </summary>
public sealed record Ode(int State, IrExpression Rhs, SourceLocation? Location, bool EventDriven = false);
