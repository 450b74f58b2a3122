using System.Numerics;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;

namespace NeuroCompiler.Interpreter;

/// <summary>Runs handler statements (event handlers, clock rules synapse by synapse) in a frame of one synapse.</summary>
public static class Handler<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>
    /// The statements in order, for the synapse <c>frame.Start</c> between <c>frame.Pre</c> and
    /// <c>frame.Post</c>. Returns −1, or the index of the first statement that wrote a value that is not
    /// finite into a synapse variable it names (<see cref="HandlerStatement{T}.Written"/>): the
    /// statements after it are not run, and the caller stops the run there.
    /// </summary>
    public static int Apply(HandlerStatement<T>[] statements, Frame<T> frame)
    {
        for (int s = 0; s < statements.Length; s++)
        {
            var statement = statements[s];
            T value = statement.Value.Eval(frame)[0];
            int index = statement.Index switch
            {
                HandlerIndex.Synapse => frame.Start,
                HandlerIndex.Post => frame.Post,
                HandlerIndex.Pre => frame.Pre,
                _ => 0,
            };
            if (statement.Refractory is { } refractory && refractory[index])
            {
                continue;
            }
            ref T target = ref statement.Target[index];
            target = Assign(target, statement.Operator, value);
            if (statement.Written is not null && !T.IsFinite(target))
            {
                return s;
            }
        }
        return -1;
    }

    public static T Assign(T current, AssignOperator op, T value) => op switch
    {
        AssignOperator.Add => current + value,
        AssignOperator.Subtract => current - value,
        AssignOperator.Multiply => current * value,
        AssignOperator.Divide => current / value,
        _ => value,
    };
}
