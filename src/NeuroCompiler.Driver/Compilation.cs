using System.Collections.Immutable;
using System.Diagnostics;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Files;
using NeuroCompiler.Core.Nesting;
using NeuroCompiler.Core.Text;
using NeuroCompiler.IR;
using NeuroCompiler.IR.Passes;
using NeuroCompiler.Lowering;
using NeuroCompiler.Semantics;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Driver;

/// <summary>
/// The front of the toolchain as one sentence: parse, bind, lower, run the passes. Each phase hands
/// an immutable result to the next; the first phase with errors stops the pipeline, and every
/// diagnostic found so far is returned.
/// </summary>
public sealed record Compilation(
    SyntaxTree? Tree,
    BoundModel? Model,
    Network? Network,
    ImmutableArray<Diagnostic> Diagnostics,
    ImmutableArray<(string Phase, TimeSpan Time)> Timings)
{
    public bool Success => Network is not null && !Diagnostics.Any(d => d.IsError);

    public TimeSpan TotalTime => Timings.Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Time);

    /// <summary>Compiles a model file, read only if it is a regular text file below the size limit (<see cref="SourceFile"/>).</summary>
    public static Compilation FromFile(string path, CompileOptions? options = null)
    {
        var read = SourceFile.Read(path, path);
        if (read.Text is not { } text)
        {
            var diagnostic = new Diagnostic(DiagnosticSeverity.Error, read.Code!.Value, read.Problem!, null);
            return new Compilation(null, null, null, ImmutableArray.Create(diagnostic), ImmutableArray<(string, TimeSpan)>.Empty);
        }
        return FromText(text, options);
    }

    /// <summary>
    /// Compiles on a <see cref="DeepStack"/> thread, so the nesting limits (docs/limits.md) hold
    /// whichever thread calls.
    /// </summary>
    public static Compilation FromText(SourceText text, CompileOptions? options = null) => DeepStack.Run(() => Compile(text, options));

    private static Compilation Compile(SourceText text, CompileOptions? options)
    {
        options ??= CompileOptions.Default;
        var timings = ImmutableArray.CreateBuilder<(string, TimeSpan)>();
        var watch = Stopwatch.StartNew();

        var tree = SyntaxTree.Parse(text);
        timings.Add(("parse", watch.Elapsed));
        watch.Restart();
        var bound = Binder.Bind(tree, new BindOptions(options.Overrides, Semantics.Binding.SourceResolver.Default));
        timings.Add(("bind", watch.Elapsed));
        if (bound.Model is null)
        {
            return new Compilation(tree, null, null, bound.Diagnostics, timings.ToImmutable());
        }
        watch.Restart();
        var lowered = Lowerer.Lower(bound.Model);
        timings.Add(("lower", watch.Elapsed));
        var diagnostics = bound.Diagnostics.AddRange(lowered.Diagnostics);
        if (lowered.Network is null)
        {
            return new Compilation(tree, bound.Model, null, diagnostics, timings.ToImmutable());
        }
        var passes = PassPipeline.Standard(new IR.Memory.MemoryBudget(options.MemoryBudgetBytes, options.Footprint)).Passes
            .Where(p => options.InstantiateConnectivity || p is not ConnectivityInstantiation);
        var (network, passDiagnostics, passTimings) = new PassPipeline(passes) { Verify = options.VerifyIr }.Run(lowered.Network);
        foreach (var (pass, time) in passTimings)
        {
            timings.Add((pass, time));
        }
        return new Compilation(tree, bound.Model, network, diagnostics.AddRange(passDiagnostics), timings.ToImmutable());
    }
}
