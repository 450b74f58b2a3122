using NeuroCompiler.Core.Time;
using NeuroCompiler.Interpreter;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;

namespace NeuroCompiler.Host;

// Building a population's run-time state from the IR: initial values, refractory periods, the
// interpreter's form of its model, and its compiled kernel when the backend has one ready.
internal sealed partial class Simulation<T>
{
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
        runtime.Evaluator = new NeuronEvaluator<T>(_model, population, initial, runtime.Group, runtime.Parameters, runtime.SharedParameters,
            positions, runtime.Refractory);
        if (model.Refractory is { } refractory)
        {
            if (refractory.ConstantSteps is { } steps)
            {
                runtime.RefractorySteps = steps;
                runtime.Tracker = new RefractoryTracker(steps, runtime.Refractory);
            }
            else
            {
                runtime.RefractoryStepsPerNeuron = initial.Evaluate(refractory.Period).Select(v => (int)TimeSteps.Of(v, _network.Settings.Dt)).ToArray(); // checked by the delay pass
            }
        }
        var propagators = runtime.Evaluator.Propagators;
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

    private static T[] Convert(IEnumerable<double> values) => values.Select(Num<T>.From).ToArray();
}
