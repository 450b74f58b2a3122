namespace NeuroCompiler.IR.Passes.Connect;

/// <summary>
/// The initial values of a projection's per-synapse variables (parameters then states), evaluated
/// per synapse in canonical (source, target) order, in float64. A variable whose initial value
/// reads another per-synapse variable is evaluated after it.
/// </summary>
internal static class SynapseValues
{
    public static double[]?[] Evaluate(Network network, Projection projection, RowTable rows, Func<int, InitialValues?> initial)
    {
        var model = projection.Synapse;
        var variables = model.Parameters.Concat(model.States).ToArray();
        var columns = new double[]?[variables.Length];
        foreach (int v in Order(variables, model.Parameters.Length))
        {
            var column = new double[rows.Count];
            var expression = variables[v].Initial;
            SynapseLoop.ForEach(rows.RowStart, () => Environment(network, projection, initial, variables, columns), (env, s, k) =>
            {
                Place(env, projection, rows, s, k);
                env.RandomStep = 0;
                column[k] = ScalarEvaluator.Evaluate(expression, env);
            });
            columns[v] = column;
        }
        return columns;
    }

    /// <summary>An environment that reads per-synapse variables from the finished columns (and evaluates shared ones).</summary>
    public static SynapseEnvironment Environment(Network network, Projection projection, Func<int, InitialValues?> initial,
        Variable[] variables, double[]?[] columns)
    {
        SynapseEnvironment? environment = null;
        environment = new SynapseEnvironment(network, projection, initial, (v, k) =>
            columns[v] is { } column ? column[k]
            : variables[v].Initial is IrConstant c ? c.Value
            : ScalarEvaluator.Evaluate(variables[v].Initial, environment!));
        return environment;
    }

    /// <summary>Points the environment at synapse k, from row s to its target.</summary>
    public static void Place(SynapseEnvironment env, Projection projection, RowTable rows, int s, int k)
    {
        env.Pre = projection.Source.Start + s;
        env.Post = rows.Targets[k];
        env.Synapse = k;
        env.RandomIndex = (uint)k;
    }

    /// <summary>The per-synapse variables, each after the per-synapse variables its initial value reads.</summary>
    private static List<int> Order(Variable[] variables, int parameterCount)
    {
        var order = new List<int>();
        var state = new int[variables.Length]; // 0 new, 1 visiting, 2 done
        void Visit(int v)
        {
            if (state[v] == 2)
            {
                return;
            }
            if (state[v] == 1)
            {
                throw new InvalidOperationException("synapse values depend on each other in a cycle (the binder should have reported it)");
            }
            state[v] = 1;
            for (int u = 0; u < variables.Length; u++)
            {
                var space = u < parameterCount ? VariableSpace.SynapseParameter : VariableSpace.SynapseState;
                int slot = u < parameterCount ? u : u - parameterCount;
                if (u != v && variables[v].Initial.References(space, slot))
                {
                    Visit(u);
                }
            }
            state[v] = 2;
            if (variables[v].PerElement)
            {
                order.Add(v);
            }
        }
        for (int v = 0; v < variables.Length; v++)
        {
            Visit(v);
        }
        return order;
    }
}
