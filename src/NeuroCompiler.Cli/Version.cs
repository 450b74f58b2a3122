using System.Reflection;

namespace NeuroCompiler.Cli;

internal static class Version
{
    public static string Text =>
        typeof(Version).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
