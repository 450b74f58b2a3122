using System.CommandLine;
using System.CommandLine.Parsing;
using System.Runtime.CompilerServices;
using NeuroCompiler.Core.Diagnostics;

namespace NeuroCompiler.Cli.Validation;

/// <summary>
/// The code each checked option or argument's usage errors carry (<see cref="OptionRules"/>,
/// <see cref="PathRules"/>): System.CommandLine gives an error its message and the symbol it is
/// about, so the rule that checks a symbol registers the code here, and the printer looks it up.
/// Any other parse error (an unknown command or option, a missing argument) is NC0903.
/// </summary>
internal static class UsageCodes
{
    private static readonly ConditionalWeakTable<Symbol, StrongBox<ErrorCode>> Codes = new();

    public static T Register<T>(T symbol, ErrorCode code) where T : Symbol
    {
        Codes.AddOrUpdate(symbol, new StrongBox<ErrorCode>(code));
        return symbol;
    }

    /// <summary>The code of the nearest checked symbol the error is about, else <see cref="ErrorCode.BadCommandLine"/>.</summary>
    public static ErrorCode Of(ParseError error)
    {
        for (var result = error.SymbolResult; result is not null; result = result.Parent)
        {
            Symbol? symbol = result switch
            {
                OptionResult o => o.Option,
                ArgumentResult a => a.Argument,
                _ => null,
            };
            if (symbol is not null && Codes.TryGetValue(symbol, out var code))
            {
                return code.Value;
            }
        }
        return ErrorCode.BadCommandLine;
    }
}
