using NeuroCompiler.Targets.Json;

namespace NeuroCompiler.Targets;

/// <summary>
/// A family of hardware (memristor crossbars, digital cores): it reads its targets' descriptions
/// and, in later passes, maps networks onto them. Families are found by name in
/// <see cref="TargetRegistry"/>; nothing else in the compiler asks which target it has.
/// </summary>
public interface ITargetFamily
{
    /// <summary>The <c>family</c> value of its description files.</summary>
    string Name { get; }

    /// <summary>Reads the hardware fields of a description (every field but name, family and summary); null after errors, all reported.</summary>
    TargetHardware? Read(FieldReader description);
}
