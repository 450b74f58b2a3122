#!/usr/bin/env python3
"""Turns the runs of bench/scaling.sh into a table, a JSON file and a Markdown file.

    scaling_report.py WORK_DIR OUT_JSON OUT_MD SIZE...

WORK_DIR holds machine.json and, per size N, meta-run-N.json (run_timed in bench/lib/common.sh:
exit status, launch-to-exit wall time, user/sys CPU, GNU time's max RSS, other processes' CPU) and
run-N/summary.json; with a warm-up, also meta-warmup-N.json and warmup-N/summary.json (a one-step
run with an empty kernel cache, whose build time is the cold-cache build). Exit status 1 if a run
failed.
"""
import json
import os
import sys

from run_results import MIB, fmt, load, result, run_numbers


def main():
    work, out_json, out_md = sys.argv[1:4]
    sizes = [int(float(s)) for s in sys.argv[4:]]
    machine = load(os.path.join(work, 'machine.json'))
    rows, failed = [], []
    for n in sizes:
        meta, s = result(work, f'run-{n}')
        wmeta, ws = result(work, f'warmup-{n}')
        if wmeta is not None and wmeta['rc'] != 0:
            failed.append(f'warm-up at N = {n} (exit {wmeta["rc"]})')
        if s is None:
            failed.append(f'N = {n} (exit {meta["rc"] if meta else "not run"})')
            rows.append({'n_total': n, 'failed': True, 'exit': meta['rc'] if meta else None,
                         'stderr_tail': open(os.path.join(work, f'stderr-run-{n}.txt')).read()[-2000:]
                         if os.path.exists(os.path.join(work, f'stderr-run-{n}.txt')) else None})
            continue
        n_cv = sum(p['neurons_with_cv'] for p in s['populations'])
        cv = (sum(p['mean_isi_cv'] * p['neurons_with_cv'] for p in s['populations'] if p['mean_isi_cv'] is not None)
              / n_cv if n_cv else None)
        rows.append({'n_total': n, 'failed': False, **run_numbers(meta, s, wmeta, ws), 'mean_isi_cv': cv, 'summary': s})

    ok_rows = [r for r in rows if not r['failed']]
    m = machine
    L = [f"# Scaling at fixed in-degree: bench/models/scaling.neuro, {m['backend']} backend, "
         f"{float(m['duration_s']):g} s simulated", '']
    L.append(f"`{m['command']}`. neuroc {m['neuroc_version']} (commit {m['git']}); {m['nproc']} CPUs "
             f"{m['cpu_model']}, {m['mem_gib']} GiB; threads: {m['threads']}; seed {m['seed']}; {m['date']}.")
    L.append('')
    L.append("CUBA's LIF neurons and current synapses (80 % E / 20 % I, we = 1.62 mV, wi = −9 mV, dt 0.1 ms, "
             "float32), each neuron with exactly 64 excitatory and 16 inhibitory inputs (`fixed_indegree`), "
             "so 80 synapses per neuron at every size.")
    L.append('')
    L.append('| neurons | synapses | B/synapse | build s (cold cache) | build s | set-up s | loop s | '
             'real-time factor | synaptic events/s | rate Hz | ISI CV | peak memory MiB (neuroc) | '
             'max RSS MiB (time) | others\' cores |')
    L.append('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
    for r in rows:
        if r['failed']:
            L.append(f"| {r['n_total']:,} | failed (exit {r['exit']}) |" + ' |' * 12)
            continue
        L.append(f"| {r['neurons']:,} | {r['synapses']:,} | {fmt(r['bytes_per_synapse'], '.2f')} | "
                 f"{fmt(r['build_cold_cache_s'], '.2f')} | {r['build_s']:.2f} | {r['setup_s']:.3f} | "
                 f"{r['simulation_s']:.3f} | {r['real_time_factor']:.3f} | {r['synaptic_events_per_s']:,.0f} | "
                 f"{r['mean_rate_hz']:.2f} | {fmt(r['mean_isi_cv'], '.3f')} | "
                 f"{fmt(r['peak_memory_bytes'] and r['peak_memory_bytes'] / MIB, ',.0f')} | "
                 f"{r['max_rss_bytes'] / MIB:,.0f} | {r['others_cores_during']:.2f} |")
    L.append('')
    notes = [
        'build: `summary.json` `wall_time_s.build` (parse, bind, lower, passes, kernel compilation or '
        'cache load, connectivity); "cold cache" is the untimed one-step warm-up run before it, whose '
        'kernels were not in the cache yet (the kernel cache key depends on N; Roslyn compiles them on the '
        'other core while the run starts interpreted, so its build time no longer contains the compilation). loop: '
        '`wall_time_s.simulation`. real-time factor: loop s / simulated s (below 1 is faster than real '
        'time). events/s: `synaptic_events` / loop s. rate: all spikes / neurons / simulated time, '
        'start-up transient included. peak memory: `peak_memory_bytes` (neuroc) and GNU time `%M`.',
    ]
    if len(ok_rows) >= 2:
        a, b = ok_rows[0], ok_rows[-1]
        notes.append(f"From {a['neurons']:,} to {b['neurons']:,} neurons ({b['neurons'] / a['neurons']:.0f}×): "
                     f"loop time ×{b['simulation_s'] / a['simulation_s']:.1f}, events/s "
                     f"×{b['synaptic_events_per_s'] / a['synaptic_events_per_s']:.2f}, rate "
                     f"{a['mean_rate_hz']:.2f} → {b['mean_rate_hz']:.2f} Hz.")
    if ok_rows:
        oc = [r['others_cores_during'] for r in ok_rows]
        notes.append(f"Machine load: other processes used {min(oc):.2f}–{max(oc):.2f} of {m['nproc']} cores during "
                     f"the timed runs (from /proc/stat minus the run's own CPU time); wall-clock times grow with it.")
    if failed:
        notes.append('Failed: ' + ', '.join(failed) + '.')
    L += ['- ' + x for x in notes]
    text = '\n'.join(L) + '\n'
    with open(out_md, 'w') as f:
        f.write(text)
    with open(out_json, 'w') as f:
        json.dump({'machine': machine, 'runs': rows}, f, indent=2)
    print(text)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
