#!/usr/bin/python3
"""Aggregates the runs of bench/compare.sh into tables, a JSON file and a Markdown file.

    report.py WORK_DIR OUT_JSON OUT_MD [COMMAND_LINE]

WORK_DIR holds, per run, meta-<name>.json (written by compare.sh: kind, rep, seed, launch time,
launch-to-exit wall time, for neuroc the time from launch until neuroc created its --out folder,
user/sys CPU of the process and its children, the CPU that other processes used before and during
the run) and either <name>/summary.json (neuroc) or <name>.json (Brian2), plus machine.json.
Medians are over the repetitions; ratios are neuroc / Brian2 (1 thread, fresh build directory)
of the medians.
"""
import glob
import json
import os
import statistics as st
import sys

# Per model: the populations that make up the network (neuroc's summary also lists COBA's 20-cell
# Poisson kick), its size, and the seed-to-seed SD of the network's mean rate relative to the rate.
# CUBA: bench/rate_spread.sh cuba, 8 seeds at 10 s (results/rate-spread-20261123-205143.json):
# 0.164 and 0.191 Hz around 5.55-5.59 Hz, about 3.2 %; 3.5 % is used.
# COBA: bench/rate_spread.sh coba, 8 seeds at 10 s (results/rate-spread-coba-20261123-232040.json):
# 0.59 and 0.54 Hz around 14.8-15.1 Hz, about 3.9 %; 4.5 % is used.
# Two tools agree if their mean rates over N seeds differ by at most 3 * sd * sqrt(2 / N).
MODELS = {
    'cuba': {'populations': None, 'neurons': 4000, 'rate_rel_sd': 0.035,
             'title': "CUBA (Vogels & Abbott 2005, as Brian2's examples/CUBA.py: 4000 current-based LIF, exact integration)"},
    'coba': {'populations': ['E', 'I'], 'neurons': 4000, 'rate_rel_sd': 0.045,
             'title': 'COBA (Vogels & Abbott 2005 / Brette et al. 2007 benchmark 1, samples/coba.neuro: 4000 '
                      'conductance-based LIF, exponential Euler, 0.2 ms delays, 50 ms Poisson kick)'},
    # The seed-to-seed spread with plasticity is not measured separately; CUBA's is used.
    'cuba_stdp': {'populations': None, 'neurons': 4000, 'rate_rel_sd': 0.035,
                  'title': 'CUBA with pair STDP on every E->E synapse (samples/cuba_stdp.neuro, bench/brian2/cuba_stdp.py: '
                           'additive all-to-all STDP, event-driven traces, 0.2 M plastic synapses)'},
}

NEUROC_CONFIGS = [
    ('neuroc-reference', 'neuroc `--backend reference`'),
    ('neuroc-cpu-cold', 'neuroc `--backend cpu`, default threads, cold kernel cache'),
    ('neuroc-cpu-warm', 'neuroc `--backend cpu`, default threads, warm kernel cache'),
    ('neuroc-cpu-t1', 'neuroc `--backend cpu --threads 1`, warm cache'),
    ('neuroc-cpu-t2', 'neuroc `--backend cpu --threads 2`, warm cache'),
]
BASELINE_FOR = {'neuroc-reference': 'neuroc-baseline-reference', 'neuroc-cpu-cold': 'neuroc-baseline-cpu-cold',
                'neuroc-cpu-warm': 'neuroc-baseline-cpu-warm', 'neuroc-cpu-t1': 'neuroc-baseline-cpu-warm',
                'neuroc-cpu-t2': 'neuroc-baseline-cpu-t2'}


def load(path):
    with open(path) as f:
        return json.load(f)


def med(xs):
    xs = [x for x in xs if x is not None]
    return st.median(xs) if xs else None


def fmt(x, spec):
    return '-' if x is None else format(x, spec)


def ratio(a, b):
    return a / b if a is not None and b not in (None, 0) else None


def main():
    work, out_json, out_md = sys.argv[1:4]
    cmdline = sys.argv[4] if len(sys.argv) > 4 else None
    machine = load(os.path.join(work, 'machine.json'))
    model = machine['model_name']
    cfg = MODELS[model]
    runs = []
    for meta_path in sorted(glob.glob(os.path.join(work, 'meta-*.json'))):
        meta = load(meta_path)
        name = meta['name']
        p = os.path.join(work, name, 'summary.json') if meta['tool'] == 'neuroc' else os.path.join(work, name + '.json')
        meta['result'] = load(p) if meta['rc'] == 0 and os.path.exists(p) else None
        runs.append(meta)

    version_walls = [r['wall_s'] for r in runs if r['kind'] == 'neuroc-version' and r['rc'] == 0]
    dotnet_startup = med(version_walls)
    base_cpu = {}
    for r in runs:
        if r['kind'].startswith('neuroc-baseline') and r['rc'] == 0:
            c = r['user_s'] + r['sys_s']
            base_cpu[r['kind']] = min(c, base_cpu.get(r['kind'], c))

    def n_row(r):
        s = r['result']
        sim = s['wall_time_s']['simulation']
        pops = [p for p in s['populations'] if cfg['populations'] is None or p['name'] in cfg['populations']]
        spikes = sum(p['spikes'] for p in pops)
        n_cv = sum(p['neurons_with_cv'] for p in pops)
        cv = (sum(p['mean_isi_cv'] * p['neurons_with_cv'] for p in pops if p['mean_isi_cv'] is not None) / n_cv
              if n_cv else None)
        t_out = r.get('launch_to_outdir_s')
        base = base_cpu.get(BASELINE_FOR.get(r['kind'], ''))
        cpu = r['user_s'] + r['sys_s']
        loop_cpu = cpu - base if base is not None else None
        row = {
            'kind': r['kind'], 'rep': r['rep'], 'seed': r['seed'], 'backend': s.get('backend'),
            'events': s['synaptic_events'], 'spikes': spikes,
            'spikes_by_population': {p['name']: p['spikes'] for p in s['populations']},
            'rate_hz': spikes / cfg['neurons'] / s['duration_s'], 'isi_cv': cv,
            'rate_by_population_hz': {p['name']: p['mean_rate_hz'] for p in pops},
            'loop_s': sim, 'events_per_s': s['synaptic_events'] / sim,
            'build_s': s['wall_time_s']['build'], 'setup_s': s['wall_time_s']['setup'],
            'wall_s': r['wall_s'],
            # launch -> first step, measured: launch -> --out folder created (just after the loop)
            # minus the loop. An upper bound (it includes the post-loop summary work).
            'to_loop_start_s': (t_out - sim) if t_out is not None else None,
            'launch_to_outdir_s': t_out,
            # the same from neuroc's own timers plus .NET start-up measured separately
            'to_loop_start_sum_s': (dotnet_startup + s['wall_time_s']['build'] + s['wall_time_s']['setup']
                                    if dotnet_startup is not None else None),
            'after_loop_s': (r['wall_s'] - t_out) if t_out is not None else None,
            'outside_loop_s': r['wall_s'] - sim,
            'cpu_s': cpu, 'loop_cpu_est_s': loop_cpu,
            'events_per_cpu_s': s['synaptic_events'] / loop_cpu if loop_cpu and loop_cpu > 0 else None,
            'others_cores_before': r['others_cores_before'], 'others_cores_during': r['others_cores_during'],
        }
        return row

    def b_row(r):
        s = r['result']
        return {
            'kind': r['kind'], 'rep': r['rep'], 'seed': r['seed'], 'threads': s['openmp_threads'],
            'events': s['synaptic_events'], 'spikes': s['spikes'],
            'rate_hz': s['mean_rate_hz'], 'isi_cv': s['mean_isi_cv'],
            'rate_by_population_hz': ({'E': s['rate_e_hz'], 'I': s['rate_i_hz']} if 'rate_e_hz' in s else None),
            'loop_s': s['sim_loop_s'], 'events_per_s': s['synaptic_events_per_second'],
            'loop_brian2_clock_s': s['brian2_last_run_time_s'],
            'events_per_cpu_s': (s['synaptic_events'] / s['brian2_last_run_time_s']
                                 if s['openmp_threads'] == 0 and s['brian2_last_run_time_s'] > 0
                                 and abs(s['brian2_last_run_time_s'] - s['sim_loop_s']) < 0.5 * s['sim_loop_s'] else None),
            'build_s': s['codegen_s'] + s['compile_s'],
            'codegen_s': s['codegen_s'], 'compile_s': s['compile_s'], 'import_s': s['import_s'],
            'to_sim_start_s': s['to_sim_start_s'], 'to_loop_start_s': s.get('to_loop_start_s'),
            'main_to_loop_start_s': s.get('main_to_loop_start_s'), 'binary_s': s['binary_s'],
            'wall_s': s['wall_to_results_s'], 'process_wall_s': r['wall_s'],
            'outside_loop_s': s['wall_to_results_s'] - s['sim_loop_s'],
            'cpu_s': r['user_s'] + r['sys_s'],
            'others_cores_before': r['others_cores_before'], 'others_cores_during': r['others_cores_during'],
        }

    rows = {}
    for kind, _ in NEUROC_CONFIGS:
        rows[kind] = [n_row(r) for r in runs if r['kind'] == kind and r['result']]
    for kind in ('brian2-1thread-fresh', 'brian2-1thread-reuse', 'brian2-2threads-fresh'):
        rows[kind] = [b_row(r) for r in runs if r['kind'] == kind and r['result']]
    failed = [r for r in runs if not r['result'] and not r['kind'].startswith('neuroc-version')
              and not (r['kind'].startswith('neuroc-baseline') and r['rc'] == 0)]
    t2_runs = [r for r in runs if r['kind'] == 'brian2-2threads-fresh']

    def medians(rs):
        keys = [k for k in rs[0] if isinstance(rs[0][k], (int, float)) or rs[0][k] is None] if rs else []
        return {k: med([x[k] for x in rs]) for k in keys} if rs else {}

    M = {k: medians(v) for k, v in rows.items()}
    B = M['brian2-1thread-fresh']
    BR = M['brian2-1thread-reuse']

    # rates: neuroc (reference backend; the cpu backend must give the same counts per seed) vs Brian2
    nref, bfresh = rows['neuroc-reference'], rows['brian2-1thread-fresh']
    agree = None
    if nref and bfresh:
        n_seeds = min(len(nref), len(bfresh))
        rn = st.mean(r['rate_hz'] for r in nref)
        rb = st.mean(r['rate_hz'] for r in bfresh)
        tol = 3 * cfg['rate_rel_sd'] * ((rn + rb) / 2) * (2 / n_seeds) ** 0.5
        agree = {'neuroc_mean_rate_hz': rn, 'brian2_mean_rate_hz': rb, 'difference_hz': rn - rb,
                 'tolerance_hz': tol, 'seeds': n_seeds, 'per_run_rel_sd_assumed': cfg['rate_rel_sd'],
                 'agree': abs(rn - rb) <= tol}
    # bit-identity across backends: same spike counts per population and same events for a seed
    ident = {'checked': 0, 'mismatches': []}
    ref_by_seed = {r['seed']: r for r in nref}
    for kind, _ in NEUROC_CONFIGS[1:]:
        for r in rows[kind]:
            ref = ref_by_seed.get(r['seed'])
            if ref is None:
                continue
            ident['checked'] += 1
            if r['spikes_by_population'] != ref['spikes_by_population'] or r['events'] != ref['events']:
                ident['mismatches'].append(f"{kind} seed {r['seed']}")

    summary = {}
    for kind, _ in NEUROC_CONFIGS:
        m = M[kind]
        summary[kind] = {
            'events_per_s': m.get('events_per_s'),
            'events_per_s_ratio_to_brian2': ratio(m.get('events_per_s'), B.get('events_per_s')),
            'wall_s': m.get('wall_s'), 'wall_ratio_to_brian2': ratio(m.get('wall_s'), B.get('wall_s')),
            'wall_ratio_to_brian2_reused_dir': ratio(m.get('wall_s'), BR.get('wall_s')),
            'to_loop_start_s': m.get('to_loop_start_s'),
            'to_loop_start_ratio_to_brian2': ratio(m.get('to_loop_start_s'), B.get('to_loop_start_s')),
            'to_loop_start_ratio_to_brian2_reused_dir': ratio(m.get('to_loop_start_s'), BR.get('to_loop_start_s')),
            'to_loop_start_sum_s': m.get('to_loop_start_sum_s'),
            'build_s': m.get('build_s'), 'setup_s': m.get('setup_s'), 'loop_s': m.get('loop_s'),
        }
    summary['brian2-1thread-fresh'] = {k: B.get(k) for k in ('events_per_s', 'wall_s', 'to_loop_start_s', 'to_sim_start_s',
                                                              'import_s', 'codegen_s', 'compile_s', 'loop_s')}
    summary['brian2-1thread-reuse'] = {k: BR.get(k) for k in ('events_per_s', 'wall_s', 'to_loop_start_s', 'loop_s')}
    summary['dotnet_startup_s'] = dotnet_startup
    summary['rates'] = agree
    summary['backends_identical'] = ident
    best_cpu = max((summary[k]['events_per_s_ratio_to_brian2'] or 0, k) for k in
                   ('neuroc-cpu-warm', 'neuroc-cpu-t1', 'neuroc-cpu-t2'))
    summary['goals'] = {
        'cpu_events_per_s_ratio_best': best_cpu[0], 'cpu_events_per_s_best_config': best_cpu[1],
        'events_goal_2x_met': best_cpu[0] >= 2.0,
        'first_step_ratio_cold': summary['neuroc-cpu-cold']['to_loop_start_ratio_to_brian2'],
        'first_step_ratio_warm': summary['neuroc-cpu-warm']['to_loop_start_ratio_to_brian2'],
    }
    g = summary['goals']
    g['first_step_goal_met_cold'] = g['first_step_ratio_cold'] is not None and g['first_step_ratio_cold'] < 0.1
    g['first_step_goal_met_warm'] = g['first_step_ratio_warm'] is not None and g['first_step_ratio_warm'] < 0.1

    doc = {'machine': machine, 'command': cmdline, 'summary': summary, 'runs': rows,
           'failed_runs': [{k: r[k] for k in ('name', 'kind', 'rep', 'seed', 'rc', 'wall_s')} for r in failed],
           'raw': runs}
    with open(out_json, 'w') as f:
        json.dump(doc, f, indent=2)

    # ---- Markdown ---------------------------------------------------------------------------
    m = machine
    reps = len(nref)
    L = []
    L.append(f"# {model.upper()}: neuroc vs Brian2 {m['brian2_version']} C++ standalone")
    L.append('')
    L.append(f"{m['date']}. {cfg['title']}; {m['duration_s']:g} s simulated, dt 0.1 ms, float64, "
             f"{reps} repetition(s) of every configuration (seeds 1..{reps}, order reversed every other "
             f"repetition), medians.")
    L.append('')
    L.append(f"Machine: {m['nproc']} CPUs, {m['cpu_model']} (family {m['cpu_family']} model {m['cpu_model_number']}), "
             f"{m['mem_gib']} GiB, Linux {m['kernel']}; .NET SDK {m['dotnet']}; Brian2 {m['brian2_version']} with "
             f"{m['gxx']}; neuroc {m['neuroc_version']} at {m['git']}. Load average at start: {m.get('loadavg_at_start', '?')}.")
    L.append('')
    if cmdline:
        L.append(f"Command: `{cmdline}`. neuroc runs: `{m.get('neuroc_command')}`; "
                 f"Brian2 runs: `{m.get('brian2_command')}`.")
        L.append('')
    L.append('| configuration | synaptic events / s (loop) | × Brian2 | wall, launch → results, s | × Brian2 '
             '| launch → first step, s | × Brian2 | build, s | loop, s | rate, Hz | ISI CV |')
    L.append('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
    for kind, label in NEUROC_CONFIGS:
        x = M[kind]
        if not x:
            L.append(f'| {label} | failed | | | | | | | | | |')
            continue
        L.append(f"| {label} | {fmt(x['events_per_s'], ',.0f')} | **{fmt(ratio(x['events_per_s'], B.get('events_per_s')), '.2f')}** "
                 f"| {fmt(x['wall_s'], '.2f')} | {fmt(ratio(x['wall_s'], B.get('wall_s')), '.3f')} "
                 f"| {fmt(x['to_loop_start_s'], '.2f')} | **{fmt(ratio(x['to_loop_start_s'], B.get('to_loop_start_s')), '.3f')}** "
                 f"| {fmt(x['build_s'], '.2f')} | {fmt(x['loop_s'], '.2f')} | {fmt(x['rate_hz'], '.3f')} | {fmt(x['isi_cv'], '.3f')} |")
    for kind, label, n in (('brian2-1thread-fresh', 'Brian2 standalone, 1 thread, fresh build directory', reps),
                           ('brian2-1thread-reuse', 'Brian2 standalone, 1 thread, build directory reused (1 run)', 1),
                           ('brian2-2threads-fresh', 'Brian2 standalone, 2 OpenMP threads, fresh build (1 run)', 1)):
        x = M[kind]
        if not x:
            continue
        one = kind == 'brian2-1thread-fresh'
        L.append(f"| {label} | {fmt(x['events_per_s'], ',.0f')} | {'1' if one else fmt(ratio(x['events_per_s'], B.get('events_per_s')), '.2f')} "
                 f"| {fmt(x['wall_s'], '.2f')} | {'1' if one else fmt(ratio(x['wall_s'], B.get('wall_s')), '.3f')} "
                 f"| {fmt(x['to_loop_start_s'], '.2f')} | {'1' if one else fmt(ratio(x['to_loop_start_s'], B.get('to_loop_start_s')), '.3f')} "
                 f"| {fmt(x['build_s'], '.2f')} | {fmt(x['loop_s'], '.2f')} | {fmt(x['rate_hz'], '.3f')} | {fmt(x['isi_cv'], '.3f')} |")
    L.append('')
    L.append("neuroc's *build* is `wall_time_s.build` (parse to connectivity, plus the cpu backend's kernel "
             "compilation or cache load); Brian2's is code generation + `make`. *Launch → first step*: neuroc, "
             "from the launch time to the moment neuroc creates its `--out` folder (seen with inotify, "
             "`bench/lib/dirwatch.py`; it does so right after the loop) minus the loop's own time, an upper "
             "bound; Brian2, from the launch time to the first `Network::run` (clock_gettime in `main.cpp`).")
    L.append('')
    notes = []
    if agree:
        notes.append(f"Rates (network mean over seeds 1..{agree['seeds']}): neuroc {agree['neuroc_mean_rate_hz']:.3f} Hz, "
                     f"Brian2 {agree['brian2_mean_rate_hz']:.3f} Hz; difference {agree['difference_hz']:+.3f} Hz, "
                     f"tolerance ±{agree['tolerance_hz']:.3f} Hz (3σ of a difference of two means, per-run σ = "
                     f"{100 * cfg['rate_rel_sd']:.1f} % of the rate, from bench/rate_spread.sh): "
                     f"**{'agree' if agree['agree'] else 'DISAGREE'}**.")
    if ident['checked']:
        notes.append(f"cpu backend vs reference, same seed: spike counts per population and synaptic events "
                     f"{'identical in all ' + str(ident['checked']) + ' runs' if not ident['mismatches'] else 'DIFFER: ' + ', '.join(ident['mismatches'])}.")
    for kind in ('neuroc-cpu-cold', 'neuroc-cpu-warm'):
        x = M[kind]
        if x and B:
            notes.append(f"{dict(NEUROC_CONFIGS)[kind]}: launch → first step {fmt(x['to_loop_start_s'], '.2f')} s measured "
                         f"(upper bound) vs {fmt(x['to_loop_start_sum_s'], '.2f')} s from .NET start-up "
                         f"({fmt(dotnet_startup, '.3f')} s, median launch-to-exit of `neuroc --version`) + build "
                         f"{fmt(x['build_s'], '.3f')} s + set-up {fmt(x['setup_s'], '.3f')} s; "
                         f"vs Brian2 reusing its build directory ({fmt(BR.get('to_loop_start_s'), '.2f')} s): "
                         f"{fmt(ratio(x['to_loop_start_s'], BR.get('to_loop_start_s')), '.3f')}.")
    if B:
        notes.append(f"Brian2 launch → first step {B['to_loop_start_s']:.2f} s: import {B['import_s']:.2f} s, code "
                     f"generation {B['codegen_s']:.2f} s, `make -j` {B['compile_s']:.2f} s, `main` to the loop "
                     f"{fmt(B.get('main_to_loop_start_s'), '.3f')} s (static arrays, synapse creation). Brian2's own loop "
                     f"timer (std::clock, CPU time, last run() only): {B['loop_brian2_clock_s']:.3f} s.")
    notes.append(f"Goals: cpu backend ≥ 2× Brian2's events/s: best {g['cpu_events_per_s_ratio_best']:.2f}× "
                 f"({g['cpu_events_per_s_best_config']}): **{'met' if g['events_goal_2x_met'] else 'not met'}**. "
                 f"Launch → first step < 1/10 of Brian2's: cold cache {fmt(g['first_step_ratio_cold'], '.3f')} "
                 f"(**{'met' if g['first_step_goal_met_cold'] else 'not met'}**), warm cache "
                 f"{fmt(g['first_step_ratio_warm'], '.3f')} (**{'met' if g['first_step_goal_met_warm'] else 'not met'}**).")
    for r in t2_runs:
        if not r['result']:
            notes.append(f"Brian2 with 2 OpenMP threads: did not finish (exit {r['rc']}, "
                         f"{'timed out after ' + str(r.get('timeout_s')) + ' s' if r['rc'] == 124 else 'failed'}).")
    allrows = [x for k, v in rows.items() for x in v]
    if allrows:
        oc = [x['others_cores_during'] for x in allrows]
        notes.append(f"Machine load: other processes used {min(oc):.2f}–{max(oc):.2f} CPU cores (of {m['nproc']}) "
                     f"during the timed runs (from /proc/stat minus the run's own CPU time; per run below).")
    if failed:
        notes.append('Failed or timed-out runs: ' + ', '.join(f"{r['name']} (exit {r['rc']})" for r in failed) + '.')
    for e in notes:
        L.append('- ' + e)
    L.append('')
    L.append('Per run (events/CPU-s: neuroc, the process\'s CPU time minus that of a 10 ms run of the same '
             'configuration; Brian2, its own std::clock loop timer):')
    L.append('')
    L.append('| configuration | seed | loop s | events/s | events/CPU-s | wall s | launch → first step s | build s | rate Hz | others\' cores during |')
    L.append('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
    for kind, v in rows.items():
        for x in v:
            L.append(f"| {kind} | {x['seed']} | {x['loop_s']:.3f} | {x['events_per_s']:,.0f} | {fmt(x['events_per_cpu_s'], ',.0f')} | "
                     f"{x['wall_s']:.2f} | {fmt(x['to_loop_start_s'], '.3f')} | {x['build_s']:.3f} | {x['rate_hz']:.3f} | "
                     f"{x['others_cores_during']:.2f} |")
    text = '\n'.join(L) + '\n'
    with open(out_md, 'w') as f:
        f.write(text)
    print(text)
    ok = (agree is None or agree['agree']) and not ident['mismatches'] and \
        not [r for r in failed if r['kind'] != 'brian2-2threads-fresh']
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
