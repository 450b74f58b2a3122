using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Core.Time;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Binding;

// Tasks: `task recall_a at 3 s for 300 ms: E[25:50] > E[100:400]`, trials a model should pass, scored on a run.
internal sealed partial class ModelBinder
{
    private ImmutableArray<BoundTask> BindTasks(SyntaxTree main, BoundSettings settings)
    {
        var text = main.Text;
        var context = new BindingContext(text, _globalScope, ContextFlags.None, "a task");
        var result = ImmutableArray.CreateBuilder<BoundTask>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var syntax in main.Root.Declarations.OfType<TaskSyntax>())
        {
            if (!syntax.Name.IsMissing && !names.Add(syntax.Name.Text))
            {
                _diagnostics.Error(ErrorCode.Redefinition, text, syntax.Name.Span, $"task '{syntax.Name.Text}' is declared twice");
            }
            var time = ConstantTime(syntax.Time, context, TimeUse.Moment("a task's start"));
            var duration = ConstantTime(syntax.Duration, context, TimeUse.Stretch("a task's window"));
            var target = BindSlice(syntax.Target, text);
            var reference = BindSlice(syntax.Reference, text);
            if (time is { } t && duration is { } d && settings.Duration is { } run && t + d > run + settings.Dt / 2)
            {
                // A warning, not an error: a shortened run (--set duration=...) keeps the trials it contains.
                _diagnostics.Warning(ErrorCode.InvalidValue, text, syntax.Duration.Span,
                    $"task '{syntax.Name.Text}' is not scored: its window ends at {Format.Seconds(t + d)}, after the run ({Format.Seconds(run)})");
                continue;
            }
            if (time is { } start && duration is { } window && target is { } a && reference is { } b)
            {
                result.Add(new BoundTask(syntax.Name.Text, start, window, a, b, new SourceLocation(text, syntax.Span)));
            }
        }
        return result.ToImmutable();
    }
}
