#!/usr/bin/python3
"""Brian2 CUBA benchmark (Vogels & Abbott 2005) in C++ standalone mode.

The model is exactly Brian2's examples/CUBA.py (4000 LIF neurons, 3200 E / 800 I, p = 0.02,
method='exact', dt = 0.1 ms, float64, SpikeMonitor on all neurons); only the duration, the seed
and the number of OpenMP threads are parameters. bench/brian2/cuba_stdp.py runs it with pair STDP
on the E->E synapses (main(stdp=True)).

Run it with the Debian interpreter, which is the one that sees python3-brian (Brian2 2.5.1):

    /usr/bin/python3 bench/brian2/cuba.py --duration 10 --seed 1 --threads 0 --build-dir /tmp/b2

It prints one JSON object on stdout (and writes it to --json-out if given). Times (the C++
instrumentation is in standalone_timing.py, shared with coba.py):

  sim_loop_s        wall-clock time of the simulation loop only: clock_gettime(CLOCK_MONOTONIC)
                    around Network::run, added to main.cpp with device.insert_code(
                    'before_network_run' / 'after_network_run'), summed over run() calls and
                    written to <build-dir>/results/bench_timing.txt. This is what neuroc's
                    wall_time_s.simulation measures (a Stopwatch around its step loop).
  brian2_last_run_time_s  Brian2's own figure for the (last) loop: the generated Network::run
                    writes it to <build-dir>/results/last_run_info.txt and device.build() reads it
                    into device._last_run_time. Without OpenMP (threads=0) it is std::clock(),
                    i.e. process CPU time, not wall time; with OpenMP it is omp_get_wtime() (wall).
                    Its ratio to sim_loop_s shows how much CPU the loop got on a shared machine.
  binary_s          wall time of the generated `main` (device.timers['run_binary']): loading
                    static arrays, creating the synapses (connect runs inside the binary in
                    standalone mode), the loop, and writing results to disk.
  codegen_s         device.build() time before `make` (code generation, file writing).
  compile_s         `make` (device.timers['compile']['make']; plus 'clean' when reusing a dir).
  to_sim_start_s    from process launch (BENCH_T_LAUNCH, epoch seconds, set by the caller; else
                    the first line of this script) until `main` starts (clock_gettime(CLOCK_REALTIME)
                    at the top of main): Python start-up, importing brian2, building the network
                    description, code generation and compilation.
  to_loop_start_s   from process launch until the first Network::run starts (CLOCK_REALTIME):
                    the above plus what `main` does first (static arrays, creating the synapses,
                    initial values). The time to the first simulation step.
  wall_to_results_s from process launch until `main` has finished and its results are on disk.
  script_start_to_results_s  the same, but from the first line of this script.

Synaptic events delivered = sum over recorded spikes of the source neuron's out-degree (Ce and
Ci together), computed after the run from SpikeMonitor.i and the synapses' i arrays. With no
delays Brian2 delivers a spike in the same time step it is emitted, so every recorded spike,
including those of the last step, is delivered.
"""
import time

T_SCRIPT_START = time.time()

import argparse
import json
import os
import shutil
import sys

import standalone_timing  # bench/brian2/standalone_timing.py


def main(stdp=False):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--duration', type=float, default=1.0, help='simulated time in seconds (default 1)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--threads', type=int, default=0,
                    help='prefs.devices.cpp_standalone.openmp_threads (0 = no OpenMP, single thread)')
    ap.add_argument('--build-dir', required=True, help='standalone project directory')
    ap.add_argument('--reuse', action='store_true',
                    help='keep an existing build directory (make only recompiles what changed); '
                         'default: delete it first so code generation and compilation are counted in full')
    ap.add_argument('--json-out', help='also write the JSON result here')
    args = ap.parse_args()

    t_launch = float(os.environ.get('BENCH_T_LAUNCH', T_SCRIPT_START))
    build_dir = os.path.abspath(args.build_dir)
    fresh = not args.reuse or not os.path.isdir(build_dir)
    if not args.reuse and os.path.isdir(build_dir):
        shutil.rmtree(build_dir)

    from brian2 import (set_device, device, prefs, seed, defaultclock, ms, mV, second,
                        NeuronGroup, Synapses, SpikeMonitor, run, __version__ as brian2_version)
    import numpy as np
    t_imported = time.time()

    set_device('cpp_standalone', directory=build_dir, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = args.threads
    prefs.core.default_float_dtype = np.float64
    defaultclock.dt = 0.1 * ms
    seed(args.seed)

    # --- examples/CUBA.py -------------------------------------------------------------------
    taum = 20 * ms
    taue = 5 * ms
    taui = 10 * ms
    Vt = -50 * mV
    Vr = -60 * mV
    El = -49 * mV

    eqs = '''
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    '''

    P = NeuronGroup(4000, eqs, threshold='v>Vt', reset='v = Vr', refractory=5 * ms,
                    method='exact')
    P.v = 'Vr + rand() * (Vt - Vr)'
    P.ge = 0 * mV
    P.gi = 0 * mV

    we = (60 * 0.27 / 10) * mV  # excitatory synaptic weight (voltage)
    wi = (-20 * 4.5 / 10) * mV  # inhibitory synaptic weight
    Ci = Synapses(P, P, on_pre='gi += wi')
    if stdp:
        # E->E learn by additive all-to-all pair STDP (neuroc's std/plasticity STDP); E->I do not.
        wmax = 2 * we
        Aplus = 0.01
        Aminus = 0.0105
        taupre = 16.8 * ms
        taupost = 33.7 * ms
        Cee = Synapses(P, P, model='''w : volt
                                      dapre/dt = -apre / taupre : 1 (event-driven)
                                      dapost/dt = -apost / taupost : 1 (event-driven)''',
                       on_pre='''ge += w
                                 apre += Aplus
                                 w = clip(w - apost * wmax, 0 * mV, wmax)''',
                       on_post='''apost += Aminus
                                  w = clip(w + apre * wmax, 0 * mV, wmax)''')
        Cei = Synapses(P, P, on_pre='ge += we')
        Cee.connect('i<3200 and j<3200', p=0.02)
        Cee.w = we
        Cei.connect('i<3200 and j>=3200', p=0.02)
        excitatory = [Cee, Cei]
    else:
        Ce = Synapses(P, P, on_pre='ge += we')
        Ce.connect('i<3200', p=0.02)
        excitatory = [Ce]
    Ci.connect('i>=3200', p=0.02)

    s_mon = SpikeMonitor(P)

    # Wall-clock time of the simulation loop (a monotonic clock around Network::run, as neuroc's
    # Stopwatch around its step loop), and the epoch times at which `main` and the loop start.
    standalone_timing.instrument(device)

    run(args.duration * second)
    # -----------------------------------------------------------------------------------------

    t_build_start = time.time()
    device.build(directory=build_dir, compile=True, run=True, with_output=False)
    t_end = time.time()

    timing = standalone_timing.collect(device, build_dir, t_launch, T_SCRIPT_START, t_imported, t_build_start, t_end)
    sim_loop = timing['sim_loop_s']

    # --- results (not timed) -----------------------------------------------------------------
    spikes_i = np.asarray(s_mon.i[:], dtype=np.int64)
    spikes_t = np.asarray(s_mon.t[:] / second, dtype=np.float64)
    pre = np.concatenate([np.asarray(S.i[:], dtype=np.int64) for S in excitatory + [Ci]])
    out_degree = np.bincount(pre, minlength=4000)
    events = int(out_degree[spikes_i].sum())
    n_spikes = int(spikes_i.size)
    rate = n_spikes / 4000 / args.duration

    cv, n_cv = standalone_timing.isi_cv(spikes_i, spikes_t, 1e-4)

    result = {
        'tool': 'brian2-cpp_standalone',
        'brian2_version': brian2_version,
        'duration_s': args.duration,
        'seed': args.seed,
        'openmp_threads': args.threads,
        'fresh_build_dir': fresh,
        'build_dir': build_dir,
        'neurons': 4000,
        'total_synapses': int(pre.size),
        'spikes': n_spikes,
        'mean_rate_hz': rate,
        'mean_isi_cv': cv,
        'neurons_with_cv': n_cv,
        'synaptic_events': events,
        'brian2_last_run_time_clock': 'omp_get_wtime (wall)' if args.threads > 0 else 'std::clock (CPU time)',
        'synaptic_events_per_second': events / sim_loop if sim_loop > 0 else None,
        **({'ee_weight_mean_of_wmax': float(np.mean(Cee.w[:] / wmax)), 'ee_weight_sd_of_wmax': float(np.std(Cee.w[:] / wmax))} if stdp else {}),
        **timing,
    }
    text = json.dumps(result, indent=2)
    if args.json_out:
        with open(args.json_out, 'w') as f:
            f.write(text + '\n')
    print(text)


if __name__ == '__main__':
    sys.exit(main())
