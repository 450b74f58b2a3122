using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Targets.Configuration;
using NeuroCompiler.Targets.Json;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets;

/// <summary>
/// A family of hardware (memristor crossbars, digital cores): it reads its targets' descriptions
/// and maps networks onto them. Families are found by name in <see cref="TargetRegistry"/>;
/// nothing else in the compiler asks which target it has.
/// </summary>
public interface ITargetFamily
{
    /// <summary>The <c>family</c> value of its description files.</summary>
    string Name { get; }

    /// <summary>Reads the hardware fields of a description (every field but name, family and summary); null after errors, all reported.</summary>
    TargetHardware? Read(FieldReader description);

    /// <summary>Maps a network onto one of the family's targets; null after errors, all reported.</summary>
    ITargetMapping? Map(MappingRequest request, DiagnosticBag diagnostics);

    /// <summary>The configurations its mappings write: their <c>format</c>, and the first version <c>neuroc load</c> can run.</summary>
    ConfigurationKind Configuration { get; }

    /// <summary>Reads a configuration folder written for <paramref name="target"/>, one of its targets, checking it against it; null after errors, all reported.</summary>
    ILoadedConfiguration? Load(string folder, TargetDescription target, DiagnosticBag diagnostics);
}
