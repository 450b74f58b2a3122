namespace NeuroCompiler.Fuzzing;

/// <summary>The fuzzer's command line: <c>--name value</c> pairs and <c>--flag</c>s.</summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string?> _values = new();

    public static Arguments Parse(string[] args)
    {
        var result = new Arguments();
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }
            bool hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            result._values[args[i]] = hasValue ? args[++i] : null;
        }
        return result;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Get(string name) => _values.GetValueOrDefault(name);
}
