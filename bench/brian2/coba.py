#!/usr/bin/python3
"""Brian2 COBA benchmark (Vogels & Abbott 2005, benchmark 1 of Brette et al. 2007) in C++
standalone mode: the model, initial conditions and start-up of samples/coba.neuro, as in the
runtime-mode reference samples/brian2/coba.py.

4000 conductance-based LIF neurons (3200 E, 800 I; C = 200 pF, gL = 10 nS, El = -60 mV,
Vt = -50 mV, Vr = -60 mV, refractory 5 ms, Ee = 0 mV, Ei = -80 mV, tau_e = 5 ms, tau_i = 10 ms),
method='exponential_euler', dt = 0.1 ms, float64, all-to-all with p = 0.02, +4 nS (E) and +51 nS (I)
with a 0.2 ms delay; v uniform in [Vr, Vt), ge = gi = 0. Kick: 20 Poisson sources at 100 Hz, each
reaching a cell with p = 0.01 (+100 nS, 0.2 ms delay), for the first 50 ms: run(50 ms), then the
rates are set to 0 Hz (the neuroc sample's `at 50 ms set kick.rate = 0 Hz`, applied before step
500), then run(duration - 50 ms). SpikeMonitors on the 4000 neurons and on the kick (the latter
only to count the kick's synaptic events; it fires ~100 spikes).

    /usr/bin/python3 bench/brian2/coba.py --duration 10 --seed 1 --threads 0 --build-dir /tmp/b2

Prints one JSON object (also to --json-out). The times are those of cuba.py (see its docstring
and standalone_timing.py); sim_loop_s is summed over the two Network::run calls.

Synaptic events are counted as neuroc counts them, deliveries during the run: every spike of the
network or of the kick at step n is delivered to the source's out-degree targets at step n + 2
(0.2 ms), so spikes of the last two steps are not delivered and not counted.
"""
import time

T_SCRIPT_START = time.time()

import argparse
import json
import os
import shutil
import sys

import standalone_timing  # bench/brian2/standalone_timing.py

N_E, N_I = 3200, 800
N = N_E + N_I


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--duration', type=float, default=1.0, help='simulated time in seconds (default 1, > 0.05)')
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

    from brian2 import (set_device, device, prefs, seed, defaultclock, ms, mV, nS, pF, Hz, second,
                        NeuronGroup, PoissonGroup, Synapses, SpikeMonitor, run,
                        __version__ as brian2_version)
    import numpy as np
    t_imported = time.time()

    set_device('cpp_standalone', directory=build_dir, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = args.threads
    prefs.core.default_float_dtype = np.float64
    defaultclock.dt = 0.1 * ms
    seed(args.seed)

    # --- samples/brian2/coba.py (= samples/coba.neuro) ---------------------------------------
    C = 200 * pF; gL = 10 * nS; El = -60 * mV; Vt = -50 * mV; Vr = -60 * mV
    Ee = 0 * mV; Ei = -80 * mV; taue = 5 * ms; taui = 10 * ms
    we = 4 * nS; wi = 51 * nS; wext = 100 * nS
    eqs = '''
    dv/dt = (gL*(El - v) + ge*(Ee - v) + gi*(Ei - v)) / C : volt (unless refractory)
    dge/dt = -ge/taue : siemens
    dgi/dt = -gi/taui : siemens
    '''
    P = NeuronGroup(N, eqs, threshold='v > Vt', reset='v = Vr', refractory=5 * ms,
                    method='exponential_euler')
    P.v = 'Vr + rand() * (Vt - Vr)'
    kick = PoissonGroup(20, rates=100 * Hz)
    Ce = Synapses(P[:N_E], P, on_pre='ge += we', delay=0.2 * ms)
    Ci = Synapses(P[N_E:], P, on_pre='gi += wi', delay=0.2 * ms)
    Ck = Synapses(kick, P, on_pre='ge += wext', delay=0.2 * ms)
    Ce.connect(p=0.02)
    Ci.connect(p=0.02)
    Ck.connect(p=0.01)
    s_mon = SpikeMonitor(P)
    k_mon = SpikeMonitor(kick)

    standalone_timing.instrument(device)

    run(50 * ms)
    kick.rates = 0 * Hz
    run(args.duration * second - 50 * ms)
    # -----------------------------------------------------------------------------------------

    t_build_start = time.time()
    device.build(directory=build_dir, compile=True, run=True, with_output=False)
    t_end = time.time()

    timing = standalone_timing.collect(device, build_dir, t_launch, T_SCRIPT_START, t_imported, t_build_start, t_end)
    sim_loop = timing['sim_loop_s']

    # --- results (not timed) -----------------------------------------------------------------
    dt = 1e-4
    steps = int(round(args.duration / dt))
    delay_steps = 2
    spikes_i = np.asarray(s_mon.i[:], dtype=np.int64)
    spikes_t = np.asarray(s_mon.t[:] / second, dtype=np.float64)
    spike_steps = np.rint(spikes_t / dt).astype(np.int64)
    kick_i = np.asarray(k_mon.i[:], dtype=np.int64)
    kick_steps = np.rint(np.asarray(k_mon.t[:] / second) / dt).astype(np.int64)
    ce_i = np.asarray(Ce.i[:], dtype=np.int64)          # indices within P[:3200]
    ci_i = np.asarray(Ci.i[:], dtype=np.int64) + N_E    # indices within P[3200:] -> P
    ck_i = np.asarray(Ck.i[:], dtype=np.int64)
    out_degree = np.bincount(np.concatenate([ce_i, ci_i]), minlength=N)
    kick_degree = np.bincount(ck_i, minlength=20)
    delivered = spike_steps < steps - delay_steps
    kick_delivered = kick_steps < steps - delay_steps
    events_net = int(out_degree[spikes_i[delivered]].sum())
    events_kick = int(kick_degree[kick_i[kick_delivered]].sum())
    events = events_net + events_kick
    n_spikes = int(spikes_i.size)
    n_e = int((spikes_i < N_E).sum())
    n_i = n_spikes - n_e
    cv_e, n_cv_e = standalone_timing.isi_cv(spikes_i, spikes_t, dt, (0, N_E))
    cv_i, n_cv_i = standalone_timing.isi_cv(spikes_i, spikes_t, dt, (N_E, N))
    cv_all, n_cv_all = standalone_timing.isi_cv(spikes_i, spikes_t, dt)

    result = {
        'tool': 'brian2-cpp_standalone',
        'model': 'coba',
        'brian2_version': brian2_version,
        'duration_s': args.duration,
        'seed': args.seed,
        'openmp_threads': args.threads,
        'fresh_build_dir': fresh,
        'build_dir': build_dir,
        'neurons': N,
        'total_synapses': int(ce_i.size + ci_i.size + ck_i.size),
        'spikes': n_spikes,
        'spikes_e': n_e,
        'spikes_i': n_i,
        'kick_spikes': int(kick_i.size),
        'last_spike_step': int(spike_steps.max()) if spike_steps.size else None,
        'mean_rate_hz': n_spikes / N / args.duration,
        'rate_e_hz': n_e / N_E / args.duration,
        'rate_i_hz': n_i / N_I / args.duration,
        'mean_isi_cv': cv_all,
        'neurons_with_cv': n_cv_all,
        'isi_cv_e': cv_e,
        'isi_cv_i': cv_i,
        'synaptic_events': events,
        'synaptic_events_kick': events_kick,
        'brian2_last_run_time_clock': 'omp_get_wtime (wall)' if args.threads > 0 else 'std::clock (CPU time)',
        'synaptic_events_per_second': events / sim_loop if sim_loop > 0 else None,
        **timing,
    }
    text = json.dumps(result, indent=2)
    if args.json_out:
        with open(args.json_out, 'w') as f:
            f.write(text + '\n')
    print(text)


if __name__ == '__main__':
    sys.exit(main())
