#!/usr/bin/python3
"""Aggregates the runs of bench/cuba.sh into a table, a JSON file and a Markdown file.

    report.py WORK_DIR OUT_JSON OUT_MD

WORK_DIR holds, per run, meta-<name>.json (written by cuba.sh: tool, rep, seed, launch-to-exit
wall time, user/sys CPU of the process and its children, the CPU that other processes used
before and during the run) and either <name>/summary.json (neuroc) or <name>.json (Brian2), plus
machine.json. Medians are over the repetitions; ratios are neuroc / Brian2 of the medians.
"""
import glob
import json
import os
import statistics as st
import sys

# Seed-to-seed SD of CUBA's 10 s mean rate, measured with bench/rate_spread.sh (8 seeds each):
# neuroc 0.164 Hz, Brian2 0.191 Hz around 5.55-5.59 Hz, i.e. about 3.2 % of the rate. We use
# 3.5 % of the rate as the per-run SD for both tools (at 1 s the per-run noise is of the same
# order: the Poisson part, 1/sqrt(22000 spikes) = 0.7 %, is small next to the network
# realisation). Two tools agree if their mean rates over N seeds differ by at most
# 3 * sd * sqrt(2 / N) (a 3-sigma test on the difference of two means).
RATE_REL_SD = 0.035


def load(path):
    with open(path) as f:
        return json.load(f)


def med(xs):
    xs = [x for x in xs if x is not None]
    return st.median(xs) if xs else None


def fmt(x, spec):
    return '-' if x is None else format(x, spec)


def main():
    work, out_json, out_md = sys.argv[1:4]
    machine = load(os.path.join(work, 'machine.json'))
    runs = []
    for meta_path in sorted(glob.glob(os.path.join(work, 'meta-*.json'))):
        meta = load(meta_path)
        name = meta['name']
        if meta['tool'] == 'neuroc':
            p = os.path.join(work, name, 'summary.json')
            meta['result'] = load(p) if meta['rc'] == 0 and os.path.exists(p) else None
        else:
            p = os.path.join(work, name + '.json')
            meta['result'] = load(p) if meta['rc'] == 0 and os.path.exists(p) else None
        runs.append(meta)

    neuroc = [r for r in runs if r['kind'] == 'neuroc' and r['result']]
    brian = [r for r in runs if r['kind'] == 'brian2-1thread-fresh' and r['result']]
    reuse = [r for r in runs if r['kind'] == 'brian2-1thread-reuse' and r['result']]
    threads2 = [r for r in runs if r['kind'] == 'brian2-2threads-fresh']
    failed = [r for r in runs if not r['result']]

    def n_row(r):
        s = r['result']
        sim = s['wall_time_s']['simulation']
        pop = s['populations'][0]
        return {
            'rep': r['rep'], 'seed': r['seed'],
            'events': s['synaptic_events'], 'spikes': pop['spikes'],
            'rate_hz': pop['mean_rate_hz'], 'isi_cv': pop['mean_isi_cv'],
            'loop_s': sim, 'events_per_s': s['synaptic_events'] / sim,
            'events_per_s_reported': s['synaptic_events_per_second'],
            'build_s': s['wall_time_s']['build'],
            'wall_s': r['wall_s'], 'outside_loop_s': r['wall_s'] - sim,
            'cpu_s': r['user_s'] + r['sys_s'],
            'others_cores_before': r['others_cores_before'], 'others_cores_during': r['others_cores_during'],
        }

    def b_row(r):
        s = r['result']
        return {
            'rep': r['rep'], 'seed': r['seed'], 'threads': s['openmp_threads'],
            'events': s['synaptic_events'], 'spikes': s['spikes'],
            'rate_hz': s['mean_rate_hz'], 'isi_cv': s['mean_isi_cv'],
            'loop_s': s['sim_loop_s'], 'events_per_s': s['synaptic_events_per_second'],
            'loop_brian2_clock_s': s['brian2_last_run_time_s'],
            'events_per_cpu_s': (s['synaptic_events'] / s['brian2_last_run_time_s']
                                 if s['openmp_threads'] == 0 and s['brian2_last_run_time_s'] > 0 else None),
            'codegen_compile_s': s['codegen_s'] + s['compile_s'],
            'codegen_s': s['codegen_s'], 'compile_s': s['compile_s'], 'import_s': s['import_s'],
            'to_sim_start_s': s['to_sim_start_s'], 'binary_s': s['binary_s'],
            'wall_s': s['wall_to_results_s'], 'process_wall_s': r['wall_s'],
            'outside_loop_s': s['wall_to_results_s'] - s['sim_loop_s'],
            'cpu_s': r['user_s'] + r['sys_s'],
            'others_cores_before': r['others_cores_before'], 'others_cores_during': r['others_cores_during'],
        }

    # CPU time of a 10 ms neuroc run (start-up, JIT, build, output): subtracted from a run's CPU
    # time it estimates the CPU time of neuroc's loop, which is less sensitive to other processes
    # than wall time. Brian2's own loop time without OpenMP (std::clock) is already CPU time.
    base = [r['user_s'] + r['sys_s'] for r in runs if r['kind'] == 'neuroc-baseline' and r['rc'] == 0]
    base_cpu = min(base) if base else None
    nrows = [n_row(r) for r in neuroc]
    for row in nrows:
        est = row['cpu_s'] - base_cpu if base_cpu is not None else None
        row['loop_cpu_est_s'] = est
        row['events_per_cpu_s'] = row['events'] / est if est and est > 0 else None
    brows = [b_row(r) for r in brian]
    rrows = [b_row(r) for r in reuse]
    trows = [b_row(r) for r in threads2 if r['result']]

    def medians(rows):
        return {k: med([row[k] for row in rows]) for k in rows[0]} if rows else {}

    mn, mb = medians(nrows), medians(brows)

    def ratio(a, b):
        return a / b if a is not None and b not in (None, 0) else None

    # rate agreement
    n_seeds = min(len(nrows), len(brows))
    agree = None
    if nrows and brows:
        rn = st.mean(r['rate_hz'] for r in nrows)
        rb = st.mean(r['rate_hz'] for r in brows)
        tol = 3 * RATE_REL_SD * ((rn + rb) / 2) * (2 / n_seeds) ** 0.5
        agree = {'neuroc_mean_rate_hz': rn, 'brian2_mean_rate_hz': rb, 'difference_hz': rn - rb,
                 'tolerance_hz': tol, 'seeds': n_seeds, 'per_run_rel_sd_assumed': RATE_REL_SD,
                 'agree': abs(rn - rb) <= tol}

    summary = {
        'neuroc_events_per_s': mn.get('events_per_s'),
        'brian2_events_per_s': mb.get('events_per_s'),
        'events_per_s_ratio_neuroc_over_brian2': ratio(mn.get('events_per_s'), mb.get('events_per_s')),
        'neuroc_events_per_cpu_s_estimate': mn.get('events_per_cpu_s'),
        'brian2_events_per_cpu_s': mb.get('events_per_cpu_s'),
        'events_per_cpu_s_ratio_neuroc_over_brian2': ratio(mn.get('events_per_cpu_s'), mb.get('events_per_cpu_s')),
        'neuroc_baseline_cpu_s': base_cpu,
        'neuroc_loop_s': mn.get('loop_s'), 'brian2_loop_s': mb.get('loop_s'),
        'neuroc_wall_s': mn.get('wall_s'), 'brian2_wall_s': mb.get('wall_s'),
        'wall_ratio_neuroc_over_brian2': ratio(mn.get('wall_s'), mb.get('wall_s')),
        'neuroc_build_s': mn.get('build_s'),
        'brian2_codegen_compile_s': mb.get('codegen_compile_s'),
        'build_ratio_neuroc_over_brian2': ratio(mn.get('build_s'), mb.get('codegen_compile_s')),
        'brian2_to_sim_start_s': mb.get('to_sim_start_s'),
        'neuroc_outside_loop_s': mn.get('outside_loop_s'), 'brian2_outside_loop_s': mb.get('outside_loop_s'),
        'brian2_reuse_wall_s': medians(rrows).get('wall_s') if rrows else None,
        'brian2_2threads_events_per_s': trows[0]['events_per_s'] if trows else None,
        'rates': agree,
    }
    doc = {'machine': machine, 'summary': summary,
           'neuroc_runs': nrows, 'brian2_runs': brows, 'brian2_reuse_runs': rrows,
           'brian2_2threads_runs': trows,
           'failed_runs': [{k: r[k] for k in ('name', 'kind', 'rep', 'seed', 'rc', 'wall_s')} for r in failed],
           'raw': [{k: v for k, v in r.items()} for r in runs]}
    with open(out_json, 'w') as f:
        json.dump(doc, f, indent=2)

    # ---- table ------------------------------------------------------------------------------
    m = machine
    reps = len(nrows)
    L = []
    L.append(f"# CUBA benchmark: neuroc reference interpreter vs Brian2 {m['brian2_version']} C++ standalone")
    L.append('')
    L.append(f"{m['date']}. CUBA (Vogels & Abbott 2005, as Brian2's examples/CUBA.py), {m['duration_s']:g} s simulated, "
             f"dt 0.1 ms, float64, {reps} repetition(s) per tool (seeds 1..{reps}, tools alternated), medians.")
    L.append('')
    L.append(f"Machine: {m['nproc']} CPUs, {m['cpu_model']} (family {m['cpu_family']} model {m['cpu_model_number']}), "
             f"{m['mem_gib']} GiB, Linux {m['kernel']}; .NET SDK {m['dotnet']}; Brian2 {m['brian2_version']} with "
             f"{m['gxx']}; neuroc {m['neuroc_version']} at {m['git']}.")
    L.append('')
    L.append('| metric | neuroc (reference) | Brian2 standalone, 1 thread | neuroc / Brian2 |')
    L.append('|---|---:|---:|---:|')
    L.append(f"| synaptic events / s, simulation loop (higher is faster) | {fmt(mn.get('events_per_s'), ',.0f')} | "
             f"{fmt(mb.get('events_per_s'), ',.0f')} | {fmt(summary['events_per_s_ratio_neuroc_over_brian2'], '.3f')} |")
    L.append(f"| synaptic events / CPU-second in the loop (neuroc: estimate, see below) | "
             f"{fmt(mn.get('events_per_cpu_s'), ',.0f')} | {fmt(mb.get('events_per_cpu_s'), ',.0f')} | "
             f"{fmt(summary['events_per_cpu_s_ratio_neuroc_over_brian2'], '.3f')} |")
    L.append(f"| simulation loop, s | {fmt(mn.get('loop_s'), '.3f')} | {fmt(mb.get('loop_s'), '.3f')} | "
             f"{fmt(ratio(mn.get('loop_s'), mb.get('loop_s')), '.2f')} |")
    L.append(f"| wall time, launch to results on disk, s (lower is faster) | {fmt(mn.get('wall_s'), '.2f')} | "
             f"{fmt(mb.get('wall_s'), '.2f')} | {fmt(summary['wall_ratio_neuroc_over_brian2'], '.3f')} |")
    L.append(f"| build: neuroc compile vs Brian2 code generation + C++ compilation, s | {fmt(mn.get('build_s'), '.3f')} | "
             f"{fmt(mb.get('codegen_compile_s'), '.2f')} | {fmt(summary['build_ratio_neuroc_over_brian2'], '.4f')} |")
    L.append(f"| everything outside the loop (wall − loop), s | {fmt(mn.get('outside_loop_s'), '.2f')} | "
             f"{fmt(mb.get('outside_loop_s'), '.2f')} | {fmt(ratio(mn.get('outside_loop_s'), mb.get('outside_loop_s')), '.3f')} |")
    L.append(f"| synaptic events delivered | {fmt(mn.get('events'), ',.0f')} | {fmt(mb.get('events'), ',.0f')} | |")
    L.append(f"| mean rate, Hz | {fmt(mn.get('rate_hz'), '.3f')} | {fmt(mb.get('rate_hz'), '.3f')} | |")
    L.append(f"| mean ISI CV | {fmt(mn.get('isi_cv'), '.3f')} | {fmt(mb.get('isi_cv'), '.3f')} | |")
    L.append('')
    if agree:
        L.append(f"Rates: neuroc {agree['neuroc_mean_rate_hz']:.3f} Hz, Brian2 {agree['brian2_mean_rate_hz']:.3f} Hz "
                 f"(means over {n_seeds} seed(s)); difference {agree['difference_hz']:+.3f} Hz, tolerance "
                 f"±{agree['tolerance_hz']:.3f} Hz (3σ of a difference of two means, per-run σ = "
                 f"{100 * RATE_REL_SD:.1f} % of the rate, from bench/rate_spread.sh): "
                 f"**{'agree' if agree['agree'] else 'DISAGREE'}**.")
        L.append('')
    extra = []
    if mb:
        extra.append(f"Brian2 time from launch to simulation start (Python start-up, import, network description, "
                     f"code generation, compilation): {mb['to_sim_start_s']:.2f} s, of which import "
                     f"{mb['import_s']:.2f} s, code generation {mb['codegen_s']:.2f} s, `make -j` {mb['compile_s']:.2f} s. "
                     f"Brian2's own loop time (std::clock, CPU time): {mb['loop_brian2_clock_s']:.3f} s.")
    if base_cpu is not None:
        extra.append(f"CPU-second row: Brian2's figure is its own loop timer (std::clock, process CPU time); "
                     f"neuroc's is the run's process CPU time (user + sys) minus that of a 10 ms run "
                     f"({base_cpu:.2f} s: .NET start-up, JIT, build, output), so it also holds background JIT "
                     f"and GC threads. Wall time (the first row) is the primary figure; the CPU row shows how "
                     f"much other processes on the machine distorted it.")
    if rrows:
        rr = medians(rrows)
        extra.append(f"Brian2 second run reusing the build directory (same seed, nothing to recompile): wall "
                     f"{rr['wall_s']:.2f} s (code generation {rr['codegen_s']:.2f} s, make {rr['compile_s']:.2f} s, "
                     f"loop {rr['loop_s']:.3f} s); neuroc/Brian2 wall ratio against it "
                     f"{fmt(ratio(mn.get('wall_s'), rr['wall_s']), '.3f')}.")
    for r in threads2:
        if r['result']:
            t = b_row(r)
            extra.append(f"Brian2 with 2 OpenMP threads (one run, fresh build, seed {t['seed']}): "
                         f"{t['events_per_s']:,.0f} events/s (loop {t['loop_s']:.3f} s), wall {t['wall_s']:.2f} s, "
                         f"rate {t['rate_hz']:.3f} Hz; other processes used {t['others_cores_during']:.2f} cores during it.")
        else:
            extra.append(f"Brian2 with 2 OpenMP threads: did not finish (exit {r['rc']}, "
                         f"{'timed out after ' + str(r.get('timeout_s')) + ' s' if r['rc'] == 124 else 'failed'}, "
                         f"other processes used {r['others_cores_during']:.2f} cores during it).")
    if nrows or brows:
        oc = [r['others_cores_during'] for r in nrows + brows]
        extra.append(f"Machine load: other processes used {min(oc):.2f}–{max(oc):.2f} CPU cores (of {m['nproc']}) "
                     f"during the timed runs (from /proc/stat minus the run's own CPU time).")
    if failed:
        extra.append('Failed or timed-out runs: ' + ', '.join(f"{r['name']} (exit {r['rc']})" for r in failed) + '.')
    for e in extra:
        L.append('- ' + e)
    L.append('')
    L.append('Per run:')
    L.append('')
    L.append('| tool | seed | loop s | events/s | events/CPU-s | wall s | build s | rate Hz | others\' cores during |')
    L.append('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
    for r in nrows:
        L.append(f"| neuroc | {r['seed']} | {r['loop_s']:.3f} | {r['events_per_s']:,.0f} | {fmt(r['events_per_cpu_s'], ',.0f')} | "
                 f"{r['wall_s']:.2f} | {r['build_s']:.3f} | {r['rate_hz']:.3f} | {r['others_cores_during']:.2f} |")
    for label, rows in (('Brian2 1 thread', brows), ('Brian2 1 thread, reused dir', rrows), ('Brian2 2 threads', trows)):
        for r in rows:
            L.append(f"| {label} | {r['seed']} | {r['loop_s']:.3f} | {r['events_per_s']:,.0f} | {fmt(r['events_per_cpu_s'], ',.0f')} | "
                     f"{r['wall_s']:.2f} | {r['codegen_compile_s']:.2f} | {r['rate_hz']:.3f} | {r['others_cores_during']:.2f} |")
    text = '\n'.join(L) + '\n'
    with open(out_md, 'w') as f:
        f.write(text)
    print(text)
    return 0 if (agree is None or agree['agree']) and not [r for r in failed if r['kind'] != 'brian2-2threads-fresh'] else 1


if __name__ == '__main__':
    sys.exit(main())
