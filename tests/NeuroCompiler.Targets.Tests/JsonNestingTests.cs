using NeuroCompiler.Core;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Targets.Json;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Targets.Tests;

/// <summary>
/// JSON (target descriptions, hardware configurations) nests at most <see cref="Limits.MaxNesting"/>
/// lists and objects deep: the one that would pass the limit is NC0004 at its opening bracket, at any
/// depth, from any thread.
/// </summary>
public class JsonNestingTests
{
    private const int Max = Limits.MaxNesting;

    private static (JsonValue? Value, IReadOnlyList<Diagnostic> Diagnostics) Parse(string json)
    {
        var diagnostics = new DiagnosticBag();
        var value = JsonParser.Parse(SourceText.From(json, "target.json"), diagnostics);
        return (value, diagnostics.ToSortedList());
    }

    [Fact]
    public void ListsAsDeepAsTheLimitAreRead()
    {
        var (value, diagnostics) = Parse(DeepInputs.JsonLists(Max));
        Assert.Empty(diagnostics);
        int depth = 0;
        for (var v = value; v is JsonArray { Items.Length: > 0 or 0 } a; v = a.Items.FirstOrDefault())
        {
            depth++;
        }
        Assert.Equal(Max, depth);
    }

    [Theory]
    [InlineData(Max + 1)]
    [InlineData(100_000)]
    [InlineData(5_000_000)]
    public void OneMoreIsReportedAtItsBracket(int lists)
    {
        var (value, diagnostics) = Parse(DeepInputs.JsonLists(lists));
        Assert.Null(value);
        var error = Assert.Single(diagnostics);
        Assert.Equal("NC0004", error.CodeText);
        Assert.Equal(new LinePosition(1, Max + 1), error.Location!.Start);
        Assert.Equal("nested more than 1000 levels deep: at most 1000 lists and objects may be open at once (see docs/limits.md)", error.Message);
    }

    [Fact]
    public void ObjectsAndListsCountTogether()
    {
        string json = DeepInputs.Repeat("{\"a\": [", Max / 2) + "1" + DeepInputs.Repeat("]}", Max / 2);
        Assert.Empty(Parse(json).Diagnostics);
        var error = Assert.Single(Parse("[" + json + "]").Diagnostics);
        Assert.Equal(ErrorCode.NestingTooDeep, error.Code);
        Assert.Equal(new LinePosition(1, 1 + 7 * (Max / 2)), error.Location!.Start);
    }

    [Fact]
    public void ATargetDescriptionTooDeepIsOneDiagnostic()
    {
        var diagnostics = new DiagnosticBag();
        TargetDescription? target = null;
        var thread = new Thread(() => target = TargetRegistry.Read(SourceText.From("{\"name\": " + DeepInputs.JsonLists(100_000) + "}", "deep.json"), diagnostics), 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(target);
        var error = Assert.Single(diagnostics.Items);
        // The object is open, so the 1000th list is the 1001st container.
        Assert.Equal("deep.json:1:1009: error NC0004: nested more than 1000 levels deep: at most 1000 lists and objects may be open at once (see docs/limits.md)",
            error.ToString());
    }
}
