using NeuroCompiler.Core.Text;

namespace NeuroCompiler.IR;

/// <summary>
/// A task trial (<c>task NAME at T for D: A &gt; B</c>): passed when, over steps [<see cref="StartStep"/>,
/// <see cref="StartStep"/> + <see cref="Steps"/>), the neurons of <see cref="Target"/> fire at a higher mean rate than
/// those of <see cref="Reference"/>. A run's task accuracy is the fraction of trials passed.
/// </summary>
public sealed record TaskTrial(string Name, long StartStep, long Steps, PopulationRange Target, PopulationRange Reference, SourceLocation? Location);
