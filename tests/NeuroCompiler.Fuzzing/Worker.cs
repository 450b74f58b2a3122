namespace NeuroCompiler.Fuzzing;

/// <summary>
/// The process that runs inputs, one after another, saying on standard output when each starts and
/// how it ended (lines beginning <see cref="Prefix"/>), so that the supervisor can time it and tell a
/// crash from a hang. It ends by itself after a number of inputs, to bound what a long campaign leaves
/// in one process (loaded kernel assemblies).
/// </summary>
public static class Worker
{
    public const string Prefix = "@@fuzz ";

    public static int Run(Corpus corpus, int seed, long from, long stride, long count, int cpuEvery, int recycle)
    {
        var generator = new InputGenerator(corpus, seed);
        var folder = Directory.CreateTempSubdirectory("neuroc-fuzz-").FullName;
        try
        {
            var target = new FuzzTarget(folder);
            // Warm up: the first input of a process would otherwise pay for the JIT.
            target.Run(corpus.Seeds[0].Text, cpu: false);
            int done = 0;
            for (long i = from; i < count && done < recycle; i += stride, done++)
            {
                var (text, origin) = generator.Make(i);
                bool cpu = cpuEvery > 0 && i % cpuEvery == 0;
                Say($"start {i} {(cpu ? 1 : 0)}");
                var (outcome, detail) = target.Run(text, cpu);
                Say($"done {i} {outcome} {OneLine(origin)}\t{OneLine(detail)}");
            }
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static void Say(string line)
    {
        Console.Out.WriteLine(Prefix + line);
        Console.Out.Flush();
    }

    private static string OneLine(string text)
    {
        string line = text.Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');
        return line.Length > 300 ? line[..300] + "..." : line;
    }
}
