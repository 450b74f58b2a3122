using System.Numerics;
using NeuroCompiler.Core.Time;
using NeuroCompiler.Interpreter.Integrators;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;

namespace NeuroCompiler.Interpreter;

// Building the run-time state from the IR: initial values, compiled expressions and integrators.
internal sealed partial class Simulation<T>
{
    /// <summary>A model-level state, read by any expression anywhere.</summary>
    private VectorNode<T> Signal(int slot) => new SharedElementNode<T>(_signals.States[slot], 0);

    /// <summary>The model-level states' own equations: signals as states, plus model params and time.</summary>
    private VectorNode<T> ResolveSignalContext(VariableRef r) => r.Space switch
    {
        VariableSpace.Signal => new StateNode<T>(r.Slot),
        VariableSpace.Global => Global(r.Slot),
        VariableSpace.Time => new TimeNode<T>(),
        _ => throw new InvalidOperationException($"{r.Space} is not available in a model-level equation"),
    };

    private VectorNode<T> Global(int slot) => _globals[slot] is { } box
        ? new BoxNode<T>(box)
        : new ConstantNode<T>(Num<T>.From(_network.Globals[slot].Value));

    private PopulationRuntime<T> BuildPopulation(Population population)
    {
        if (population.Model is not { } model)
        {
            return new PopulationRuntime<T>(population, Array.Empty<T[]>());
        }
        var initial = InitialValues.Compute(_network, population);
        var states = model.States.Select((_, i) => Convert(initial.State(i))).ToArray();
        var runtime = new PopulationRuntime<T>(population, states)
        {
            Parameters = new T[]?[model.Parameters.Length],
            BaseParameters = new T[]?[model.Parameters.Length],
            SharedParameters = new Box<T>?[model.Parameters.Length],
        };
        for (int i = 0; i < model.Parameters.Length; i++)
        {
            var parameter = model.Parameters[i];
            var values = initial.Parameter(i);
            if (parameter.PerElement)
            {
                runtime.Parameters[i] = Convert(values);
                if (_injected.Contains((population.Index, i)))
                {
                    runtime.BaseParameters[i] = Convert(values);
                }
            }
            else if (parameter.Mutable)
            {
                runtime.SharedParameters[i] = new Box<T>(Num<T>.From(values.Length > 0 ? values[0] : 0));
            }
        }
        var positions = population.Positions is { } p ? new[] { Convert(p.X.ToArray()), Convert(p.Y.ToArray()), Convert(p.Z.ToArray()) } : null;

        VectorNode<T> Resolve(VariableRef r) => r.Space switch
        {
            VariableSpace.NeuronState => new StateNode<T>(r.Slot),
            VariableSpace.NeuronParameter => runtime.Parameters[r.Slot] is { } array ? new ArrayNode<T>(array)
                : runtime.SharedParameters[r.Slot] is { } box ? new BoxNode<T>(box)
                : new ConstantNode<T>(Num<T>.From(initial.Parameter(r.Slot).FirstOrDefault())),
            VariableSpace.Global => Global(r.Slot),
            VariableSpace.Signal => Signal(r.Slot),
            VariableSpace.Time => new TimeNode<T>(),
            VariableSpace.Index => new IndexNode<T>(0),
            VariableSpace.Size => new ConstantNode<T>(T.CreateTruncating(population.Size)),
            VariableSpace.PositionX => new ArrayNode<T>(positions![0]),
            VariableSpace.PositionY => new ArrayNode<T>(positions![1]),
            VariableSpace.PositionZ => new ArrayNode<T>(positions![2]),
            _ => throw new InvalidOperationException($"{r.Space} is not available in a neuron model"),
        };
        VectorNode<T> Compile(IrExpression e) => VectorCompiler<T>.Compile(e, Resolve, _seed);

        runtime.Compile = Compile;
        runtime.Threshold = model.Threshold is null ? null : Compile(model.Threshold);
        runtime.Reset = model.Reset.Select(a => (a.Target.Space == VariableSpace.Signal ? _signals.States[a.Target.Slot] : runtime.States[a.Target.Slot],
            a.Target.Space != VariableSpace.Signal, a.Operator, Compile(a.Value))).ToArray();
        if (model.Refractory is { } refractory)
        {
            foreach (int slot in refractory.ClampedStates)
            {
                runtime.Group.Clamped[slot] = true;
            }
            if (refractory.ConstantSteps is { } steps)
            {
                runtime.RefractorySteps = steps;
                runtime.Tracker = new RefractoryTracker(steps, runtime.Refractory);
            }
            else
            {
                runtime.RefractoryStepsPerNeuron = initial.Evaluate(refractory.Period).Select(v => (int)TimeSteps.Of(v, _network.Settings.Dt)).ToArray(); // checked by the delay pass
            }
            runtime.Group.Refractory = runtime.Refractory;
        }
        var propagators = model.Integrator is LinearPropagator { Matrices: null } perElement
            ? PerElementPropagators(perElement, initial, population.Size, model.Refractory?.ClampedStates)
            : null;
        runtime.Stepper = model.Integrator is { } integrator ? BuildStepper(integrator, Resolve, population.Size, propagators) : null;
        if (_kernels is { Ready: true } && Arrays(runtime, positions, propagators) is var arrays &&
            _kernels.Population(population.Index, arrays) is { } kernel)
        {
            runtime.Kernel = kernel;
            runtime.BoundArrays = arrays;
        }
        else if (_kernels is { Ready: false })
        {
            runtime.KernelArrays = Arrays(runtime, positions, propagators);
        }
        return runtime;
    }

    private PopulationArrays<T> Arrays(PopulationRuntime<T> runtime, T[][]? positions, double[][]? propagators)
    {
        return new PopulationArrays<T>
        {
            States = runtime.States,
            Parameters = runtime.Parameters,
            SharedParameters = runtime.SharedParameters.Select(b => b?.Cell).ToArray(),
            Globals = _globals.Select(b => b?.Cell).ToArray(),
            Signals = _signals.States,
            Positions = positions ?? new T[]?[3],
            Refractory = runtime.Refractory,
            Tracker = runtime.Tracker,
            Saved = runtime.States.Select(s => new T[s.Length]).ToArray(),
            Propagators = propagators?.Select(Convert).ToArray(),
            Seed = _seed,
        };
    }

    /// <summary>Each neuron's P, G, refractory P and refractory G (n×n each), when A differs between neurons.</summary>
    private double[][] PerElementPropagators(LinearPropagator linear, InitialValues initial, int size, IReadOnlyList<int>? refractoryClamped)
    {
        int n = linear.States.Length;
        var clamped = (refractoryClamped ?? Array.Empty<int>()).Select(s => linear.States.IndexOf(s)).Where(k => k >= 0).ToList();
        var entries = linear.A.Select(a => initial.Evaluate(a)).ToArray();
        var perElement = new double[size][];
        for (int e = 0; e < size; e++)
        {
            var a = entries.Select(column => column[e]).ToArray();
            if (!a.All(double.IsFinite))
            {
                // From a parameter that is not finite (the run stops before step 0, naming it) or one
                // that makes a rate infinite (tau = 0): matrices of NaN, so the neuron's state is NaN
                // after its first update and the run stops there.
                perElement[e] = Enumerable.Repeat(double.NaN, 4 * n * n).ToArray();
                continue;
            }
            var (m, _, _) = PropagatorBuilder.Compute(a, n, _network.Settings.Dt, clamped, null);
            perElement[e] = m.P.Concat(m.G).Concat(m.RefractoryP).Concat(m.RefractoryG).ToArray();
        }
        return perElement;
    }

    /// <param name="resolve">How the group's expressions read a variable.</param>
    private Stepper<T> BuildStepper(Integrator integrator, Func<VariableRef, VectorNode<T>> resolve, int size, double[][]? perElementPropagators)
    {
        switch (integrator)
        {
            case LinearPropagator linear:
                {
                    var b = linear.B.Select(e => VectorCompiler<T>.Compile(e, resolve, _seed)).ToArray();
                    return linear.Matrices is { } shared
                        ? new LinearPropagatorStepper<T>(linear, b, shared, null, size)
                        : new LinearPropagatorStepper<T>(linear, b, null, perElementPropagators!, size);
                }
            case ExplicitIntegrator update:
                return new ExplicitStepper<T>(update, resolve, _seed);
            default:
                throw new InvalidOperationException($"no stepper for {integrator.GetType().Name}");
        }
    }

    private static T[] Convert(IEnumerable<double> values) => values.Select(Num<T>.From).ToArray();
}
