using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Units;
using NeuroCompiler.Semantics;

namespace NeuroCompiler.Cli.Validation;

/// <summary>
/// What each option's value must be, attached to the option where it is declared, so System.CommandLine
/// checks every value before a command starts: a value outside its rule is a usage error (exit 64,
/// NC0904, or NC0901 for --set) that names the option, what it takes and what it got. No command
/// checks a value itself.
/// </summary>
internal static partial class OptionRules
{
    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; <paramref name="why"/> explains the bound.</summary>
    public static Option<T?> Between<T>(this Option<T?> option, T min, T max, string? why = null) where T : struct, IBinaryInteger<T>
    {
        option.CustomParser = result =>
        {
            if (Text(result) is not { } text)
            {
                return null;
            }
            if (T.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out T value) && value >= min && value <= max)
            {
                return value;
            }
            result.AddError($"{option.Name} expects a whole number from {min} to {max}{(why is null ? "" : $" ({why})")}; got '{text}'");
            return null;
        };
        return UsageCodes.Register(option, ErrorCode.InvalidOptionValue);
    }

    /// <summary>An amount of memory in bytes, with a unit: 512MiB, 4GiB, 2GB (<see cref="MemorySize"/>).</summary>
    public static Option<long?> Size(this Option<long?> option)
    {
        option.CustomParser = result =>
        {
            if (Text(result) is not { } text)
            {
                return null;
            }
            if (MemorySize.Parse(text) is { } bytes)
            {
                return bytes;
            }
            result.AddError($"{option.Name} expects an amount of memory with a unit (e.g. 512MiB, 4GiB, 2GB); got '{text}'");
            return null;
        };
        return UsageCodes.Register(option, ErrorCode.InvalidOptionValue);
    }

    /// <summary>A finite number greater than zero.</summary>
    public static Option<double> Positive(this Option<double> option)
    {
        option.CustomParser = result =>
        {
            if (Text(result) is not { } text)
            {
                return 0;
            }
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && value > 0)
            {
                return value;
            }
            result.AddError($"{option.Name} expects a number greater than zero; got '{text}'");
            return 0;
        };
        return UsageCodes.Register(option, ErrorCode.InvalidOptionValue);
    }

    /// <summary>One of the names <paramref name="choices"/> gives (a <paramref name="what"/>).</summary>
    public static Option<string> OneOf(this Option<string> option, string what, Func<IReadOnlyList<string>> choices)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && !choices().Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"unknown {what} '{value}' (available: {string.Join(", ", choices())})");
            }
        });
        return UsageCodes.Register(option, ErrorCode.InvalidOptionValue);
    }

    /// <summary>One of the enum's members, written in lower case.</summary>
    public static Option<T> OneOf<T>(this Option<T> option) where T : struct, Enum
    {
        var names = Enum.GetNames<T>().Select(n => n.ToLowerInvariant()).ToArray();
        option.CustomParser = result =>
        {
            if (Text(result) is not { } text)
            {
                return default;
            }
            if (Array.IndexOf(names, text) is var index and >= 0)
            {
                return Enum.GetValues<T>()[index];
            }
            result.AddError($"{option.Name} expects one of {string.Join(", ", names)}; got '{text}'");
            return default;
        };
        return UsageCodes.Register(option, ErrorCode.InvalidOptionValue);
    }

    /// <summary>A time greater than zero: a number and a unit of time (2s, 500 ms, 1.5 min).</summary>
    public static Option<string?> Time(this Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && !IsTime(text))
            {
                result.AddError($"{option.Name} expects a time greater than zero with its unit (e.g. 2s, 500 ms, 1.5 min); got '{text}'");
            }
        });
        return UsageCodes.Register(option, ErrorCode.InvalidOptionValue);
    }

    /// <summary>Times greater than zero, as <paramref name="parse"/> reads them (in seconds), several to a value when separated by commas.</summary>
    public static Option<string[]> Times(this Option<string[]> option, Func<string, double?> parse, string examples)
    {
        option.Validators.Add(result =>
        {
            foreach (var text in (result.GetValueOrDefault<string[]>() ?? Array.Empty<string>()).SelectMany(v => v.Split(',')))
            {
                if (parse(text) is not (> 0 and var seconds) || !double.IsFinite(seconds))
                {
                    result.AddError($"{option.Name}: '{text}' is not a time greater than zero ({examples})");
                }
            }
        });
        return UsageCodes.Register(option, ErrorCode.InvalidOptionValue);
    }

    /// <summary>A path that is not empty (what is at the path is checked when it is used).</summary>
    public static Option<string?> FolderPath(this Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && (string.IsNullOrWhiteSpace(text) || text.Contains('\0')))
            {
                result.AddError($"{option.Name} expects a folder; got '{text}'");
            }
        });
        return UsageCodes.Register(option, ErrorCode.InvalidOptionValue);
    }

    /// <summary>NAME=VALUE assignments (--set), NAME a name; the value is checked against the model (units, range) when it compiles.</summary>
    public static Option<string[]> Assignments(this Option<string[]> option)
    {
        option.Validators.Add(result =>
        {
            foreach (var assignment in result.GetValueOrDefault<string[]>() ?? Array.Empty<string>())
            {
                if (ParameterOverride.Parse(assignment) is not { } parsed || !Name().IsMatch(parsed.Name) || string.IsNullOrWhiteSpace(assignment[parsed.ValueStart..]))
                {
                    result.AddError($"{option.Name} expects NAME=VALUE, got '{assignment}'");
                }
            }
        });
        return UsageCodes.Register(option, ErrorCode.BadOverride);
    }

    /// <summary>
    /// Makes <paramref name="option"/>, when given, a usage error (NC0903, about the command) unless
    /// <paramref name="condition"/> holds for the command's other options: an option that would be
    /// ignored is refused, not silently dropped. It is checked on the option, so that System.CommandLine
    /// reports it together with every other error.
    /// </summary>
    public static void Requires(Option option, Func<CommandResult, bool> condition, string otherwise) =>
        option.Validators.Add(result =>
        {
            if (!result.Implicit && result.Parent is CommandResult command && !condition(command))
            {
                command.AddError($"{option.Name} {otherwise}");
            }
        });

    /// <summary>The value's one token; null when there is none (System.CommandLine reports that itself).</summary>
    private static string? Text(ArgumentResult result) => result.Tokens.Count == 0 ? null : result.Tokens[0].Value;

    private static bool IsTime(string text) =>
        TimeText().Match(text) is { Success: true } match &&
        double.TryParse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) &&
        double.IsFinite(value) && value > 0 &&
        UnitTable.TryLookup(match.Groups["unit"].Value, out var unit) && unit.Dimension == Dimension.Second;

    [GeneratedRegex(@"^\s*(?<number>[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*(?<unit>\p{L}+)\s*$")]
    private static partial Regex TimeText();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Name();
}
