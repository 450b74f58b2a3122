using NeuroCompiler.Fuzzing;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.EndToEnd.Tests;

/// <summary>
/// A bounded, seeded slice of the fuzzer (bench/fuzz/run.sh runs the full campaign): mutated samples
/// and documentation examples through neuroc in worker processes, and not one unhandled exception,
/// hang or crash. The time per input is generous here (CI machines are noisy); the campaign uses 2 s.
/// </summary>
public class FuzzTests
{
    [Fact]
    public void ASeededSliceHasNoUnhandledExceptionHangOrCrash()
    {
        var options = new CampaignOptions
        {
            Repository = Repository.Root,
            Seed = 12,
            Count = 400,
            Workers = 2,
            CpuEvery = 200,
            Timeout = TimeSpan.FromSeconds(20),
            CpuTimeout = TimeSpan.FromSeconds(180),
            KernelCache = Directory.CreateTempSubdirectory("neuroc-fuzz-kernels-").FullName,
        };
        try
        {
            var findings = new Supervisor(options, Corpus.FromRepository(Repository.Root)).Run();
            Assert.Equal(options.Count, findings.Count);
            Assert.True(Report.Bugs(findings) == 0, Report.Markdown(options, findings, TimeSpan.Zero));
            // The slice reaches past the parser: some inputs compile and run.
            Assert.Contains(findings, f => f.Outcome == Outcome.Ran);
        }
        finally
        {
            Directory.Delete(options.KernelCache, recursive: true);
        }
    }
}
