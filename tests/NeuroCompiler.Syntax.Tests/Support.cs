using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Syntax.Tests;

/// <summary>Helpers shared by the syntax tests: parsing without errors, expression printing, repository paths.</summary>
internal static class Support
{
    /// <summary>Parses a file and fails with every diagnostic if there was one.</summary>
    public static SyntaxTree ParseClean(string text)
    {
        var tree = SyntaxTree.Parse(text, "test.neuro");
        Assert.True(tree.Diagnostics.IsEmpty, "unexpected diagnostics:\n" + DiagnosticFormatter.FormatAll(tree.Diagnostics));
        return tree;
    }

    /// <summary>Parses a file that must hold exactly one declaration, of type T.</summary>
    public static T Single<T>(string text) where T : DeclarationSyntax
    {
        var tree = ParseClean(text);
        var declaration = Assert.Single(tree.Root.Declarations);
        return Assert.IsType<T>(declaration);
    }

    /// <summary>Parses `param e = EXPR` and returns the expression.</summary>
    public static ExpressionSyntax Expr(string expression, out SourceText text)
    {
        var tree = ParseClean("param e = " + expression);
        text = tree.Text;
        return Assert.IsType<GlobalParamSyntax>(Assert.Single(tree.Root.Declarations)).Value;
    }

    public static ExpressionSyntax Expr(string expression) => Expr(expression, out _);

    public static string Text(SyntaxTree tree, SyntaxNode node) => tree.Text.ToString(node.Span);

    /// <summary>An expression as a fully parenthesised prefix form: (- a b), (neg x), 20[ms], f(a, k=b).</summary>
    public static string Sexp(ExpressionSyntax e) => e switch
    {
        NumberLiteralSyntax n => n.Text,
        QuantityLiteralSyntax { UnitExponent: { } power } q => $"{q.NumberText}[{q.Unit.Text}**{Sexp(power)}]",
        QuantityLiteralSyntax q => $"{q.NumberText}[{q.Unit.Text}]",
        BoolLiteralSyntax b => b.Value ? "true" : "false",
        StringLiteralSyntax s => $"\"{s.Value}\"",
        NameExpressionSyntax n => n.Name.Text,
        MemberExpressionSyntax m => $"{Sexp(m.Target)}.{m.Member.Text}",
        CallExpressionSyntax c => $"{c.Function.Text}({string.Join(", ", c.Arguments.Select(a => (a.Name is null ? "" : a.Name.Text + "=") + Sexp(a.Value)))})",
        UnaryExpressionSyntax u => $"({u.Operator switch { UnaryOperator.Negate => "neg", UnaryOperator.Not => "not", _ => "pos" }} {Sexp(u.Operand)})",
        BinaryExpressionSyntax b => $"({Op(b.Operator)} {Sexp(b.Left)} {Sexp(b.Right)})",
        ListExpressionSyntax l => $"[{string.Join(", ", l.Items.Select(Sexp))}]",
        MissingExpressionSyntax => "<missing>",
        _ => throw new InvalidOperationException(e.GetType().Name),
    };

    private static string Op(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.Power => "**",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.And => "and",
        _ => "or",
    };

    /// <summary>Every syntax node reachable from a node, found through its properties (nodes, arrays of nodes).</summary>
    public static IEnumerable<SyntaxNode> Descendants(SyntaxNode root)
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length > 0 || property.Name == nameof(OdeMemberSyntax.StateName))
                {
                    continue;
                }
                switch (property.GetValue(node))
                {
                    case SyntaxNode child:
                        stack.Push(child);
                        break;
                    case IEnumerable items and not string:
                        foreach (var item in items)
                        {
                            if (item is SyntaxNode c)
                            {
                                stack.Push(c);
                            }
                        }
                        break;
                }
            }
        }
    }

    public static string Describe(Diagnostic d)
    {
        var p = d.Location!.Start;
        return string.Create(CultureInfo.InvariantCulture, $"{d.CodeText} {p.Line}:{p.Column}+{d.Location.Span.Length} {d.Message}");
    }
}

/// <summary>Paths in the repository, found by walking up from the test binaries to NeuroCompiler.sln.</summary>
internal static class Repo
{
    public static string Root => NeuroCompiler.TestSupport.Repository.Root;

    public static string Path(params string[] parts) => NeuroCompiler.TestSupport.Repository.Path(parts);

    /// <summary>The sample models and the standard library: real files written in the language.</summary>
    public static ImmutableArray<(string Name, string Text)> SampleFiles { get; } = new[]
    {
        Path("samples", "cuba.neuro"),
        Path("src", "NeuroCompiler.Semantics", "Std", "neurons.neuro"),
        Path("src", "NeuroCompiler.Semantics", "Std", "synapses.neuro"),
    }.Concat(Directory.GetFiles(Path("samples"), "*.neuro")).Distinct().Select(p => (System.IO.Path.GetFileName(p), File.ReadAllText(p))).ToImmutableArray();
}
