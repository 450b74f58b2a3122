namespace NeuroCompiler.Targets.Configuration;

/// <summary>A family's configurations: the <c>format</c> their manifests name, and the first version <c>neuroc load</c> can run.</summary>
public sealed record ConfigurationKind(string Format, int LoadableSince);
