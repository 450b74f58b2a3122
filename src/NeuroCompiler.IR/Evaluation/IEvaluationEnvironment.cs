namespace NeuroCompiler.IR;

/// <summary>What an expression reads when evaluated for one element: variables and random numbers.</summary>
public interface IEvaluationEnvironment
{
    double Read(VariableRef variable);

    double Random(IrRandom random);
}
