using NeuroCompiler.CodeGen.Emit;
using NeuroCompiler.IR;

namespace NeuroCompiler.Gpu.Emit;

/// <summary>
/// The model's device step, for ILGPU: for each population a reset kernel and the binding of its
/// update kernel to arrays that stay on the device; for each projection a scatter kernel (each
/// delivered spike queues its synapses' events at their targets, in any order) and a gather kernel
/// (each target sorts its queue into the reference order — older spikes first, then by source, then
/// by synapse — and adds the weights one by one, so the sum is the reference's to the bit, without
/// floating-point atomics); for each Poisson input its kernel; and <c>BindResident</c>, which
/// registers all of them with the host's <c>ResidentStep</c>.
/// </summary>
internal sealed class ResidentEmitter
{
    private readonly Network _network;
    private readonly CodeWriter _w;
    private readonly string _t;
    private readonly List<string> _binds = new();

    public ResidentEmitter(Network network, CodeWriter writer)
    {
        _network = network;
        _w = writer;
        _t = Literal.Type(network.Settings.Precision);
    }

    /// <summary>A population's reset kernel and resident binding (its update kernel is <c>Kernel{n}</c>, with <c>Views{n}</c>).</summary>
    public void Population(Population population, NeuronKernelCode code)
    {
        int n = population.Index;
        var arrays = code.Arrays;
        bool flattened = arrays.Any(a => a.Role is ArrayRole.Propagators);
        var fields = arrays.Select(a => (Type: $"ArrayView<{DeviceArrays.Element(a, _t)}>", a.Name)).ToList();
        if (flattened)
        {
            fields.Add(("int", "propStride"));
        }
        _w.Open($"public struct Reset{n}Args");
        foreach (var (type, name) in fields)
        {
            _w.Line($"public {type} {name};");
        }
        _w.Line("public ArrayView<int> spikes;");
        _w.Line("public ArrayView<long> last;");
        _w.Line("public long step;");
        _w.Line($"public {_t} t;");
        _w.Line("public ulong seed;");
        _w.Close();
        _w.Line();

        _w.Open($"public static void Reset{n}(Index1D k, Reset{n}Args v)");
        _w.Line("int i = v.spikes[k];");
        _w.Line("long step = v.step;");
        _w.Line($"{_t} t = v.t;");
        _w.Line("ulong seed = v.seed;");
        foreach (var (type, name) in fields)
        {
            _w.Line($"{type} {name} = v.{name};");
        }
        foreach (var line in code.Reset)
        {
            _w.Line(line);
        }
        _w.Line("v.last[i] = step;");
        _w.Close();
        _w.Line();

        _w.Open($"private static void BindResident{n}(DeviceSession d, ResidentStep<{_t}> r)");
        _w.Line($"var a = r.Model.Populations[{n}].Arrays!;");
        _w.Open($"var views = new Views{n}");
        foreach (var array in arrays)
        {
            _w.Line($"{array.Name} = {DeviceArrays.ResidentView(array.Role, "a", n, _t)},");
        }
        if (flattened)
        {
            _w.Line("propStride = a.Propagators![0].Length,");
        }
        _w.Close(";");
        _w.Line($"var update = d.Load<Views{n}, {_t}>(Kernel{n});");
        _w.Line($"r.OnUpdate({n}, {(population.Model!.Threshold is not null ? "true" : "false")}, (step, t) => update({population.Size}, views, 0, step, t, a.Seed));");
        _w.Line($"var reset = d.Kernel<Reset{n}Args>(Reset{n});");
        _w.Open($"r.OnReset({n}, (count, spikes, step, t) => reset(count, new Reset{n}Args");
        foreach (var (_, name) in fields)
        {
            _w.Line($"{name} = views.{name},");
        }
        _w.Line($"spikes = spikes, last = r.LastSpike({n}), step = step, t = t, seed = a.Seed,");
        _w.Close("));");
        _w.Close();
        _w.Line();
        _binds.Add($"BindResident{n}(d, r);");
    }

    /// <summary>
    /// A projection's scatter and gather kernels and their binding. What they are specialised to is
    /// known before the synapses are drawn: the type of the target indices (from the target range,
    /// as the connectivity pass chooses it) and whether delays are per synapse (then their offsets
    /// go up as 16-bit numbers).
    /// </summary>
    public void Projection(Projection projection)
    {
        int p = projection.Index;
        var width = IndexColumn.WidthFor(Math.Max(0, projection.Target.End - 1));
        string targetType = IndexType(width);
        bool perSynapseDelays = projection.ConstantDelaySteps is null;
        int targetSize = _network.Populations[projection.Target.Population].Size;

        _w.Comment($"projection {projection.Name}: {_network.Populations[projection.Source.Population].Name} -> {_network.Populations[projection.Target.Population].Name}, {(perSynapseDelays ? "a delay per synapse" : $"delay {projection.ConstantDelaySteps} steps")}");
        Struct($"Scatter{p}Args",
            "ArrayView<int> rowStart",
            $"ArrayView<{targetType}> targets",
            perSynapseDelays ? "ArrayView<ushort> delays" : null,
            "ArrayView<int> slotStart",
            "ArrayView<int> pending",
            "ArrayView<long> events",
            "ArrayView<int> history",
            "ArrayView<int> historyCounts",
            "ArrayView<long> counter",
            "long step",
            "int most",
            "int depth",
            "int size",
            "int minDelay",
            "int span");

        _w.Line("// One thread per (delay, spike of the step that delay reaches back to): queue the events of the spike's synapses of that delay at their targets.");
        _w.Open($"public static void Scatter{p}(Index1D index, Scatter{p}Args a)");
        _w.Line("int d = index / a.most;");
        _w.Line("int s = index - d * a.most;");
        _w.Line("long spikeStep = a.step - (a.minDelay + d);");
        _w.Line("if (spikeStep < 0) return;");
        _w.Line("int slot = (int)(spikeStep % a.depth);");
        _w.Line("if (s >= a.historyCounts[slot]) return;");
        _w.Line("int neuron = a.history[(long)slot * a.size + s];");
        _w.Line($"if (neuron < {projection.Source.Start} || neuron >= {projection.Source.End}) return;");
        _w.Line($"int row = neuron - {projection.Source.Start};");
        _w.Line("int first = a.rowStart[row];");
        _w.Line("int end = a.rowStart[row + 1];");
        if (perSynapseDelays)
        {
            _w.Open("if (a.span > 0)");
            _w.Line("// the row is sorted by delay: find the run of delay offset d");
            _w.Line("int lo = first, hi = end;");
            _w.Line("while (lo < hi) { int mid = (lo + hi) >> 1; if ((int)a.delays[mid] < d) lo = mid + 1; else hi = mid; }");
            _w.Line("first = lo; hi = end;");
            _w.Line("while (lo < hi) { int mid = (lo + hi) >> 1; if ((int)a.delays[mid] <= d) lo = mid + 1; else hi = mid; }");
            _w.Line("end = lo;");
            _w.Close();
        }
        _w.Open("for (int k = first; k < end; k++)");
        _w.Line("int j = (int)a.targets[k];");
        _w.Line("int at = Atomic.Add(ref a.pending[j], 1);");
        _w.Line("a.events[a.slotStart[j] + at] = ((long)(a.span - d) << 32) | (long)(uint)k;");
        _w.Close();
        _w.Line("if (end > first) Atomic.Add(ref a.counter[0], (long)(end - first));");
        _w.Close();
        _w.Line();

        var gather = GatherEmitter.For(_network, projection);
        var arrays = gather.Arrays;
        var fields = arrays.Select(a => $"ArrayView<{DeviceArrays.Element(a, _t)}> {a.Name}").Concat(gather.ReadsTime ? new[] { $"{_t} t" } : Array.Empty<string>());
        Struct($"Gather{p}Args", new[] { "ArrayView<int> slotStart", "ArrayView<int> pending", "ArrayView<long> events" }.Concat(fields).ToArray());

        _w.Line("// One thread per target: its queued events sorted into the reference order (older spike first, then synapse), then applied one by one.");
        _w.Open($"public static void Gather{p}(Index1D index, Gather{p}Args a)");
        _w.Line($"int j = {projection.Target.Start} + index;");
        _w.Line("int m = a.pending[j];");
        _w.Line("if (m == 0) return;");
        _w.Line("a.pending[j] = 0;");
        _w.Line("int first = a.slotStart[j];");
        _w.Open("for (int x = first + 1; x < first + m; x++)");
        _w.Line("long key = a.events[x];");
        _w.Line("int y = x - 1;");
        _w.Line("while (y >= first && a.events[y] > key) { a.events[y + 1] = a.events[y]; y--; }");
        _w.Line("a.events[y + 1] = key;");
        _w.Close();
        foreach (var line in gather.Lines)
        {
            _w.Line(line);
        }
        _w.Close();
        _w.Line();

        int source = projection.Source.Population;
        _w.Open($"private static void BindDelivery{p}(DeviceSession d, ResidentStep<{_t}> r)");
        _w.Line($"var handler = r.Model.Projections[{p}];");
        _w.Line($"var synapses = r.Network.Projections[{p}].Synapses!;");
        _w.Line("if (handler is null || synapses.Count == 0) return;");
        _w.Line("var rowStart = r.Upload<int>(synapses.RowStart.AsSpan());");
        _w.Line($"var targets = r.Upload<{targetType}>(DeliveryTables.Column<{targetType}>(synapses.Targets));");
        if (perSynapseDelays)
        {
            _w.Line($"var delays = r.Upload<ushort>(DeliveryTables.DelayOffsets(synapses));");
        }
        _w.Line($"var slotStarts = DeliveryTables.SlotStarts(synapses.Targets, {targetSize});");
        _w.Line("var slotStart = r.Upload<int>(slotStarts);");
        _w.Line($"var pending = r.Scratch<int>({targetSize});");
        _w.Line("var events = r.Scratch<long>(slotStarts[^1]);");
        _w.Line($"var post = r.Model.Populations[{projection.Target.Population}].Arrays!;");
        foreach (var array in arrays)
        {
            _w.Line($"var {array.Name} = {DeviceArrays.ResidentView(array.Role, "post", gather.Target, _t)};");
        }
        _w.Line($"var scatter = d.Kernel<Scatter{p}Args>(Scatter{p});");
        _w.Line($"var gatherKernel = d.Kernel<Gather{p}Args>(Gather{p});");
        _w.Open($"r.OnDelivery({source}, synapses.MinDelay, synapses.MaxDelay, (threads, step, most) => scatter(threads, new Scatter{p}Args");
        _w.Line($"rowStart = rowStart, targets = targets, {(perSynapseDelays ? "delays = delays, " : "")}slotStart = slotStart, pending = pending, events = events,");
        _w.Line($"history = r.History({source}), historyCounts = r.HistoryCounts({source}), counter = r.EventCounter,");
        _w.Line($"step = step, most = most, depth = r.Depth({source}), size = {_network.Populations[source].Size},");
        _w.Line("minDelay = synapses.MinDelay, span = synapses.MaxDelay - synapses.MinDelay,");
        _w.Close($"), (step, t) => gatherKernel({projection.Target.Count}, new Gather{p}Args");
        _w.Open("");
        var names = new[] { "slotStart", "pending", "events" }.Concat(arrays.Select(a => a.Name)).Concat(gather.ReadsTime ? new[] { "t" } : Array.Empty<string>());
        _w.Line(string.Join(", ", names.Select(n => $"{n} = {n}")) + ",");
        _w.Close("));");
        _w.Close();
        _w.Line();
        _binds.Add($"BindDelivery{p}(d, r);");
    }

    /// <summary>A Poisson input's kernel (the i-th Poisson input of the model) and its binding.</summary>
    public void Poisson(PoissonInput input, int i)
    {
        _w.Comment($"Poisson input {input.Name}: {input.Count} sources at {input.Rate.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)} Hz each onto {input.Target.Count} neurons");
        Struct($"Poisson{i}Args",
            $"ArrayView<{_t}> state",
            "ArrayView<byte> refractory",
            "DeviceBinomial binomial",
            $"{_t} w",
            "int skipRefractory",
            "long step",
            "ulong seed");
        _w.Open($"public static void Poisson{i}(Index1D index, Poisson{i}Args a)");
        _w.Line($"int i = {input.Target.Start} + index;");
        _w.Line($"CounterRng.Block(a.seed, {input.Stream}u, (uint)i, (ulong)a.step, out uint r0, out uint r1, out uint r2, out uint r3);");
        _w.Line("int k = a.binomial.Sample(r0, r1, r2, r3);");
        _w.Open("if (k != 0 && (a.skipRefractory == 0 || a.refractory[i] == 0))");
        _w.Line($"a.state[i] = {Arithmetic.Add("a.state[i]", Arithmetic.Multiply("a.w", $"(({_t})k)"))};");
        _w.Close();
        _w.Close();
        _w.Line();
        _w.Open($"private static void BindPoisson{i}(DeviceSession d, ResidentStep<{_t}> r)");
        _w.Line($"var input = r.Model.Poisson[{i}];");
        _w.Line("var state = r.State(input.State);");
        _w.Line($"var refractory = r.RefractoryFlags({input.Target.Population});");
        _w.Line($"var kernel = d.Kernel<Poisson{i}Args>(Poisson{i});");
        _w.Open($"r.OnPoisson({i}, (step, binomial) => kernel({input.Target.Count}, new Poisson{i}Args");
        _w.Line("state = state, refractory = refractory, binomial = binomial,");
        _w.Line("w = input.Weight, skipRefractory = input.SkipRefractory ? 1 : 0, step = step, seed = r.Model.Seed,");
        _w.Close("));");
        _w.Close();
        _w.Line();
        _binds.Add($"BindPoisson{i}(d, r);");
    }

    /// <summary>The entry point: binds every part of the device step, then sends the host's arrays up.</summary>
    public void BindAll()
    {
        _w.Open($"public static void BindResident(DeviceSession d, ResidentStep<{_t}> r)");
        foreach (var bind in _binds)
        {
            _w.Line(bind);
        }
        _w.Line("r.Start();");
        _w.Close();
    }

    /// <summary>A kernel's argument struct: public fields (null entries left out), then a blank line.</summary>
    private void Struct(string name, params string?[] fields)
    {
        _w.Open($"public struct {name}");
        foreach (var field in fields.OfType<string>())
        {
            _w.Line($"public {field};");
        }
        _w.Close();
        _w.Line();
    }

    private static string IndexType(IndexWidth width) => width switch
    {
        IndexWidth.Byte => "byte",
        IndexWidth.UInt16 => "ushort",
        _ => "int",
    };
}
