"""Timing instrumentation shared by bench/brian2/cuba.py and coba.py (Brian2 2.5.1, C++ standalone).

instrument(device) inserts C++ into main.cpp that records, with clock_gettime:

  - the wall-clock time (CLOCK_REALTIME, epoch seconds, comparable with the launch time that
    bench/compare.sh passes in BENCH_T_LAUNCH) when `main` starts and when the first
    Network::run starts;
  - the total CLOCK_MONOTONIC time spent inside Network::run, summed over every run() call
    (COBA has two: 50 ms with the Poisson kick, then the rest).

The code is valid however many times Brian2 repeats the before/after_network_run slots (once per
run() call): the variables are declared once, in the 'before_start' slot, at the top of main().
It only uses <time.h> and <fstream>, which main.cpp already includes. The figures are written to
<build-dir>/results/bench_timing.txt (and the loop time alone to bench_loop_wall_s.txt, as
before) just before brian_end() writes Brian2's own results.

collect(device, build_dir, t_launch, t_build_start, t_end) reads them back together with
Brian2's own timers and returns a dict of times in seconds (see cuba.py's docstring).
"""
import os

_BEFORE_START = (
    'struct timespec _bench_ts0; double _bench_loop_s = 0.0, _bench_first_run_epoch = -1.0, _bench_main_epoch;\n'
    '{ struct timespec _r; clock_gettime(CLOCK_REALTIME, &_r); _bench_main_epoch = (double)_r.tv_sec + 1e-9 * (double)_r.tv_nsec; }'
)
_BEFORE_RUN = (
    '{ struct timespec _r; clock_gettime(CLOCK_REALTIME, &_r);\n'
    '  if (_bench_first_run_epoch < 0) _bench_first_run_epoch = (double)_r.tv_sec + 1e-9 * (double)_r.tv_nsec; }\n'
    'clock_gettime(CLOCK_MONOTONIC, &_bench_ts0);'
)
_AFTER_RUN = (
    '{ struct timespec _e; clock_gettime(CLOCK_MONOTONIC, &_e);\n'
    '  _bench_loop_s += (double)(_e.tv_sec - _bench_ts0.tv_sec) + 1e-9 * (double)(_e.tv_nsec - _bench_ts0.tv_nsec); }'
)
_BEFORE_END = (
    '{ std::ofstream _f("results/bench_loop_wall_s.txt"); _f.precision(9); _f << _bench_loop_s << std::endl; }\n'
    '{ std::ofstream _f("results/bench_timing.txt"); _f.precision(17);\n'
    '  _f << _bench_loop_s << " " << _bench_main_epoch << " " << _bench_first_run_epoch << std::endl; }'
)


def instrument(device):
    """Call after set_device and before the first run()."""
    device.insert_code('before_start', _BEFORE_START)
    device.insert_code('before_network_run', _BEFORE_RUN)
    device.insert_code('after_network_run', _AFTER_RUN)
    device.insert_code('before_end', _BEFORE_END)


def collect(device, build_dir, t_launch, t_script_start, t_imported, t_build_start, t_end):
    run_binary = float(device.timers['run_binary'])
    make = float(device.timers['compile'].get('make') or 0.0)
    clean = float(device.timers['compile'].get('clean') or 0.0)
    with open(os.path.join(build_dir, 'results', 'bench_timing.txt')) as f:
        loop_s, main_epoch, first_run_epoch = (float(x) for x in f.read().split())
    return {
        'sim_loop_s': loop_s,
        'brian2_last_run_time_s': float(device._last_run_time),  # the last run() call only
        'completed_fraction': float(device._last_run_completed_fraction),
        'binary_s': run_binary,
        'binary_outside_loop_s': run_binary - loop_s,
        'import_s': t_imported - t_script_start,
        'codegen_s': (t_end - t_build_start) - run_binary - make - clean,
        'compile_s': make + clean,
        # launch until `main` starts, measured inside main (CLOCK_REALTIME); the older estimate
        # (end of build() minus the binary's run time) is kept for comparison.
        'to_sim_start_s': main_epoch - t_launch,
        'to_sim_start_estimate_s': (t_end - run_binary) - t_launch,
        # launch until the first Network::run starts: the time to the first simulation step.
        'to_loop_start_s': first_run_epoch - t_launch,
        'main_to_loop_start_s': first_run_epoch - main_epoch,
        'wall_to_results_s': t_end - t_launch,
        'script_start_to_results_s': t_end - t_script_start,
    }


def isi_cv(spikes_i, spikes_t, dt, neurons=None):
    """Mean ISI CV as neuroc defines it: std/mean (population std) of each neuron's intervals, for
    neurons with >= 2 intervals, averaged. neurons: an optional (lo, hi) index range."""
    import numpy as np
    spikes_i = np.asarray(spikes_i, dtype=np.int64)
    steps = np.rint(np.asarray(spikes_t, dtype=np.float64) / dt).astype(np.int64)
    if neurons is not None:
        keep = (spikes_i >= neurons[0]) & (spikes_i < neurons[1])
        spikes_i, steps = spikes_i[keep], steps[keep]
    if spikes_i.size == 0:
        return None, 0
    order = np.lexsort((steps, spikes_i))
    si, st = spikes_i[order], steps[order]
    bounds = np.flatnonzero(np.diff(si)) + 1
    cvs = []
    for times in np.split(st, bounds):
        if times.size >= 3:
            isi = np.diff(times).astype(np.float64)
            if isi.mean() > 0:
                cvs.append(isi.std() / isi.mean())
    return (float(np.mean(cvs)) if cvs else None), len(cvs)
