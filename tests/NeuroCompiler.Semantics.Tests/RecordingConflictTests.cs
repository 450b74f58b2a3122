using NeuroCompiler.Core.Diagnostics;
using static NeuroCompiler.Semantics.Tests.Bind;

namespace NeuroCompiler.Semantics.Tests;

/// <summary>Recordings that would write the same file, or the same spikes twice, are found when the model is checked.</summary>
public class RecordingConflictTests
{
    private const string Model = """
        signals { state dopamine = 0 }
        neuron N {
          state v = 0 mV
          state b_v = 0 mV
          threshold v > 1 mV
          reset { v = 0 mV }
        }
        synapse S { param w = 1 mV; on_pre { v += w } }
        population P = N[200]
        population P_b = N[4]
        projection ee = P -> P : S { connect fixed_indegree(2) }

        """;

    private static Diagnostic Conflict(BindResult result, string firstText)
    {
        var error = Assert.Single(result.Diagnostics);
        var note = Assert.Single(error.Notes);
        Assert.Equal(firstText, note.Location.Text.ToString(note.Location.Span));
        return error;
    }

    [Fact]
    public void OneVariableRecordedTwiceIsAConflictAtTheSecondWithANoteAtTheFirst()
    {
        var result = Expect(Model + "record P[1].v, «P[100].v» every 1 ms\n",
            "NC0125 this recording would write trace_P_v.csv, which an earlier recording writes already; one file holds one recording: record one slice that covers both (P[1:101].v)");
        Assert.Equal("the recording that writes trace_P_v.csv", Conflict(result, "P[1].v").Notes[0].Message);
    }

    [Fact]
    public void TwoVariablesWhoseFileNamesCollideAreAConflict()
    {
        // P.b_v and P_b.v are both trace_P_b_v.csv.
        var result = Expect(Model + "record P.b_v every 1 ms\nrecord «P_b.v» every 1 ms\n",
            "NC0125 this recording would write trace_P_b_v.csv, which an earlier recording writes already; rename the population, projection or variable so their files differ");
        Conflict(result, "P.b_v");
    }

    [Fact]
    public void RatesSpikesSignalsAndSynapsesRecordedTwice()
    {
        var result = Expect(Model + """
            record rate P every 1 ms
            record rate «P» every 2 ms
            record spikes P[0:10], «P[5:20]»
            record spikes P_b, P[10:20]
            record dopamine every 1 ms
            record «dopamine» every 2 ms
            record ee[0:10].w every 1 ms
            record «ee[20:30].w» every 1 ms
            record rate P[0:10] every 1 ms
            """,
            "NC0125 this recording would write rate_P_0_200.csv, which an earlier recording writes already; record it once",
            "NC0125 the spikes of P[5:10] are recorded already, so each would be written twice to spikes.csv; record each neuron's spikes once",
            "NC0125 this recording would write trace_model_dopamine.csv, which an earlier recording writes already; record it once",
            "NC0125 this recording would write trace_ee_w.csv, which an earlier recording writes already; one file holds one recording: record one slice that covers both (ee[0:30].w)");
        Assert.All(result.Diagnostics, d => Assert.Single(d.Notes));
    }

    [Fact]
    public void RecordingsThatWriteDifferentFilesAreFine()
    {
        var model = Clean(Model + """
            record rate P[0:10] every 1 ms
            record rate P[10:20] every 1 ms
            record spikes P[0:10], P[10:20], P_b
            record P[0:5].v, P[0:5].b_v, P_b.b_v every 1 ms
            record dopamine every 1 ms
            record ee.w every 1 ms
            """);
        Assert.Equal(10, model.Recordings.Length);
    }
}
