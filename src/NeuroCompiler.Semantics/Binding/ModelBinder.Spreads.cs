using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Binding;

// Spread of plasticity: `spread ab -> ca { fraction = 0.5; variable = w }`. A change at a synapse
// A→B spreads backward (to synapses onto A) or laterally (to other synapses from A), never forward.
internal sealed partial class ModelBinder
{
    private ImmutableArray<BoundSpread> BindSpreads(SyntaxTree main, ImmutableArray<BoundProjection> projections)
    {
        var result = ImmutableArray.CreateBuilder<BoundSpread>();
        var text = main.Text;
        foreach (var syntax in main.Root.Declarations.OfType<SpreadSyntax>())
        {
            var source = Projection(syntax.Source);
            var target = Projection(syntax.Target);
            if (source is null || target is null)
            {
                continue;
            }
            if (BindSpread(syntax, source, target, text) is { } spread)
            {
                result.Add(spread);
            }
        }
        ReportSpreadCycles(result);
        return result.ToImmutable();

        BoundProjection? Projection(NameSyntax name)
        {
            if (name.IsMissing)
            {
                return null;
            }
            if (projections.FirstOrDefault(p => p.Name == name.Text) is { } found)
            {
                return found;
            }
            if (!_instanceNames.ContainsKey(name.Text) || _populationNames.Contains(name.Text))
            {
                _diagnostics.Error(ErrorCode.UnknownName, text, name.Span,
                    $"unknown projection '{name.Text}'{_binder.Hints.Hint(name.Text, projections.Select(p => p.Name))}");
            }
            return null; // a projection with errors of its own, reported there
        }
    }

    private BoundSpread? BindSpread(SpreadSyntax syntax, BoundProjection source, BoundProjection target, SourceText text)
    {
        double fraction = 0;
        string variable = "w";
        SpreadDirection? direction = null;
        bool ok = true;
        var context = new BindingContext(text, _globalScope, ContextFlags.None, "a spread");
        bool hasFraction = false;
        foreach (var setting in syntax.Settings.Where(s => !s.Name.IsMissing))
        {
            switch (setting.Name.Text)
            {
                case "fraction":
                    hasFraction = true;
                    if (ConstantQuantity(setting.Value, context, Core.Units.Dimension.None, "the fraction") is { } f)
                    {
                        fraction = f;
                    }
                    else
                    {
                        ok = false;
                    }
                    break;
                case "variable" when setting.Value is NameExpressionSyntax name:
                    variable = name.Name.Text;
                    break;
                case "direction" when setting.Value is NameExpressionSyntax { Name.Text: "backward" or "lateral" } name:
                    direction = name.Name.Text == "backward" ? SpreadDirection.Backward : SpreadDirection.Lateral;
                    break;
                case "variable" or "direction":
                    _diagnostics.Error(ErrorCode.InvalidValue, text, setting.Value.Span, setting.Name.Text == "variable"
                        ? "'variable' names a param or state of both projections' synapses: variable = w"
                        : "'direction' is backward (to synapses onto the presynaptic neuron) or lateral (to the other synapses from it)");
                    ok = false;
                    break;
                default:
                    _diagnostics.Error(ErrorCode.UnknownSetting, text, setting.Name.Span,
                        $"a spread takes fraction, variable and direction, not '{setting.Name.Text}'");
                    ok = false;
                    break;
            }
        }
        if (!hasFraction)
        {
            _diagnostics.Error(ErrorCode.MissingArgument, text, syntax.Span, "a spread needs 'fraction = ...' (of the change that spreads)");
            ok = false;
        }
        var pre = source.Source.Population;
        bool backward = target.Target.Population == pre;
        bool lateral = target.Source.Population == pre;
        bool forward = target.Source.Population == source.Target.Population;
        if (direction is null)
        {
            if (backward && lateral)
            {
                _diagnostics.Error(ErrorCode.SpreadMismatch, text, syntax.Target.Span,
                    $"'{target.Name}' both starts and ends at '{pre.Name}', so say which synapses the change reaches: direction = backward or lateral");
                return null;
            }
            direction = backward ? SpreadDirection.Backward : lateral ? SpreadDirection.Lateral : null;
        }
        if (direction is null || (direction == SpreadDirection.Backward && !backward) || (direction == SpreadDirection.Lateral && !lateral))
        {
            if (forward)
            {
                _diagnostics.Error(ErrorCode.SpreadForward, text, syntax.Target.Span,
                    $"plasticity never spreads forward: '{target.Name}' starts at '{source.Target.Population.Name}', the postsynaptic side of '{source.Name}'; it spreads backward (to projections onto '{pre.Name}') or laterally (to projections from '{pre.Name}')");
            }
            else
            {
                _diagnostics.Error(ErrorCode.SpreadMismatch, text, syntax.Target.Span,
                    $"'{target.Name}' neither ends at nor starts from '{pre.Name}', the presynaptic population of '{source.Name}', so no change of '{source.Name}' can reach it");
            }
            return null;
        }
        var from = SynapseVariable(source, variable);
        var to = SynapseVariable(target, variable);
        foreach (var (projection, symbol) in new[] { (source, from), (target, to) }.Where(p => p.Item2 is null))
        {
            _diagnostics.Error(ErrorCode.UnknownName, text, syntax.Span, $"the synapses of '{projection.Name}' have no param or state '{variable}' to spread");
            ok = false;
        }
        if (from is not null && to is not null && from.Dimension != to.Dimension)
        {
            _diagnostics.Error(ErrorCode.UnitMismatch, text, syntax.Span,
                $"'{variable}' has unit {from.Dimension} in '{source.Name}' and {to.Dimension} in '{target.Name}'; a change can only spread between values of one unit");
            ok = false;
        }
        return ok ? new BoundSpread(source, target, from!, to!, fraction, direction.Value, new SourceLocation(text, syntax.Span)) : null;
    }

    private static VariableSymbol? SynapseVariable(BoundProjection projection, string name) =>
        projection.Synapse.Parameters.Concat(projection.Synapse.States).FirstOrDefault(m => m.Symbol.Name == name && name != Exists)?.Symbol;

    /// <summary>Spreads form a graph over projections; a cycle would let a change spread around forever.</summary>
    private void ReportSpreadCycles(ImmutableArray<BoundSpread>.Builder spreads)
    {
        var edges = spreads.GroupBy(s => s.Source.Name).ToDictionary(g => g.Key, g => g.ToList());
        var state = new Dictionary<string, int>(); // 1 visiting, 2 done
        var path = new List<BoundSpread>();
        var reported = new HashSet<BoundSpread>();
        foreach (var spread in spreads)
        {
            Visit(spread.Source.Name);
        }

        void Visit(string projection)
        {
            state[projection] = 1;
            foreach (var edge in edges.GetValueOrDefault(projection) ?? new List<BoundSpread>())
            {
                path.Add(edge);
                string next = edge.Target.Name;
                if (state.GetValueOrDefault(next) == 1)
                {
                    var cycle = path.SkipWhile(e => e.Source.Name != next).ToList();
                    if (reported.Add(cycle[^1]))
                    {
                        _diagnostics.Error(ErrorCode.SpreadCycle, cycle[^1].Location,
                            $"these spreads form a cycle, so a change would spread around it forever: {string.Join(" -> ", cycle.Select(e => e.Source.Name).Append(next))}");
                    }
                }
                else if (state.GetValueOrDefault(next) == 0)
                {
                    Visit(next);
                }
                path.RemoveAt(path.Count - 1);
            }
            state[projection] = 2;
        }
    }
}
