#!/usr/bin/env python3
"""Turns the run of bench/microcircuit.sh into tables, a JSON file and a Markdown file.

    microcircuit_report.py WORK_DIR OUT_JSON OUT_MD REF_RATES

WORK_DIR holds machine.json, meta-run.json (run_timed in bench/lib/common.sh) and run/ (neuroc's
--out: summary.json, rate_<population>.csv with 1 ms bins), and with a warm-up meta-warmup.json and
warmup/summary.json (a one-step run with an empty kernel cache). REF_RATES is
"POP=LO-HI,POP=VALUE,...", in Hz. Exit status 1 if the timed run failed.
"""
import csv
import json
import os
import sys

from run_results import MIB, fmt, load, result, run_numbers


def parse_refs(text):
    refs = {}
    for item in filter(None, text.split(',')):
        name, value = item.split('=')
        lo, _, hi = value.partition('-')
        refs[name] = (float(lo), float(hi or lo))
    return refs


def rate_after(path, transient_ms):
    """Mean of the 1 ms population-rate bins from transient_ms on (None when none is left)."""
    if not os.path.exists(path):
        return None
    with open(path) as f:
        vals = [float(r['rate_hz']) for r in csv.DictReader(f) if float(r['time_ms']) >= transient_ms]
    return sum(vals) / len(vals) if vals else None


def main():
    work, out_json, out_md, ref_text = sys.argv[1:5]
    refs = parse_refs(ref_text)
    m = load(os.path.join(work, 'machine.json'))
    transient = float(m['transient_ms'])
    meta, s = result(work, 'run')
    wmeta, ws = result(work, 'warmup')

    L = [f"# Potjans–Diesmann microcircuit (samples/microcircuit.neuro), scale {m['scale']}, "
         f"{float(m['duration_s']):g} s simulated, {m['backend']} backend", '']
    L.append(f"`{m['command']}`. neuroc {m['neuroc_version']} (commit {m['git']}); {m['nproc']} CPUs "
             f"{m['cpu_model']}, {m['mem_gib']} GiB; threads: {m['threads']}; seed {m['seed']}; {m['date']}.")
    L.append('')
    if s is None:
        err = os.path.join(work, 'stderr-run.txt')
        tail = open(err).read()[-2000:] if os.path.exists(err) else ''
        L.append(f"**The run failed** (exit {meta['rc']}).")
        L.append('')
        L.append('```\n' + tail.strip() + '\n```')
        text = '\n'.join(L) + '\n'
        open(out_md, 'w').write(text)
        json.dump({'machine': m, 'run': meta, 'failed': True, 'stderr_tail': tail}, open(out_json, 'w'), indent=2)
        print(text)
        return 1

    res = run_numbers(meta, s, wmeta, ws)
    dur, sim = res['duration_s'], res['simulation_s']
    neurons, spikes = res['neurons'], res['spikes']
    pops = []
    for p in s['populations']:
        lo, hi = refs.get(p['name'], (None, None))
        after = rate_after(os.path.join(work, 'run', f"rate_{p['name']}.csv"), transient)
        pops.append({'name': p['name'], 'size': p['size'], 'spikes': p['spikes'], 'rate_hz': p['mean_rate_hz'],
                     'rate_after_transient_hz': after, 'isi_cv': p['mean_isi_cv'],
                     'reference_rate_hz': [lo, hi] if lo is not None else None})

    mib = lambda b: fmt(b and b / MIB, ',.0f')
    L.append('| metric | value |')
    L.append('|---|---:|')
    for label, value in [
        ('neurons', f"{neurons:,}"),
        ('synapses', f"{res['synapses']:,}"),
        ('bytes per synapse (synapse storage / synapses)', fmt(res['bytes_per_synapse'], '.2f')),
        ('synapse storage, MiB', fmt(res['synapse_bytes'] and res['synapse_bytes'] / MIB, ',.1f')),
        ('build, s' + (' (warm kernel cache)' if ws else ' (cold kernel cache: Roslyn compiles the kernels meanwhile, while the first steps run interpreted)'),
         f"{res['build_s']:.2f}"),
        ('build, s (cold kernel cache: the --warmup run)', fmt(res['build_cold_cache_s'], '.2f')),
        ('set-up, s', f"{res['setup_s']:.3f}"),
        ('simulation loop, s', f"{sim:.2f}"),
        ('real-time factor (loop s / simulated s)', f"{res['real_time_factor']:.2f}"),
        ('synaptic events', f"{res['synaptic_events']:,}"),
        ('synaptic events / s (loop)', f"{res['synaptic_events_per_s']:,.0f}"),
        ('wall time, launch to exit, s', f"{res['wall_s']:.2f}"),
        ('CPU time (user + sys), s', f"{res['cpu_s']:.2f}"),
        ('peak memory, MiB (summary.json peak_memory_bytes)', mib(res['peak_memory_bytes'])),
        ('max RSS, MiB (GNU time %M)', mib(res['max_rss_bytes'])),
        ('--warmup run: peak memory / max RSS, MiB', f"{mib(res['warmup_peak_memory_bytes'])} / {mib(res['warmup_max_rss_bytes'])}"),
        ('mean rate, all neurons, Hz', f"{res['mean_rate_hz']:.3f}"),
        ("other processes' CPU cores during the run", f"{res['others_cores_during']:.2f}"),
    ]:
        L.append(f'| {label} | {value} |')
    L.append('')
    after_hdr = f'rate Hz after {transient:g} ms' if dur * 1000 > transient else f'rate Hz after {transient:g} ms (run too short)'
    L.append(f'| population | neurons | spikes | rate Hz (whole run) | {after_hdr} | ISI CV | '
             'reference rate Hz (approximate, NEST 2.x full scale) |')
    L.append('|---|---:|---:|---:|---:|---:|---:|')
    for p in pops:
        ref = p['reference_rate_hz']
        ref_s = '-' if ref is None else (f'{ref[0]:g}' if ref[0] == ref[1] else f'{ref[0]:g}–{ref[1]:g}')
        L.append(f"| {p['name']} | {p['size']:,} | {p['spikes']:,} | {p['rate_hz']:.2f} | "
                 f"{fmt(p['rate_after_transient_hz'], '.2f')} | {fmt(p['isi_cv'], '.3f')} | {ref_s} |")
    L.append('')
    notes = [
        'Reference rates: approximate, NEST 2.x at full scale (Potjans & Diesmann 2014 Fig. 6, NEST\'s '
        'microcircuit example), read off published figures and outputs, not recomputed; they hold for '
        'the stationary state, so compare them with the rates after the transient of a run of at least ~1 s.',
        'build: `wall_time_s.build` (parse, bind, lower, passes, kernel compilation or cache load, '
        'connectivity); the kernel cache is private to the script and starts empty; with `--warmup` an '
        'untimed one-step run compiles the kernels first (the cache key depends on the population sizes, '
        'so on the scale) and its build is the cold-cache figure. loop: `wall_time_s.simulation`. '
        'bytes per synapse: `summary.json` `bytes_per_synapse` (targets, delays, weights).',
    ]
    if float(m['scale']) != 1:
        notes.append(f"scale {m['scale']} ≠ 1: population sizes shrink but the connection probabilities stay, so "
                     'in-degrees and the recurrent (mostly inhibitory) input shrink with the scale while the '
                     'Poisson background does not: rates are far from the full-scale references, and the '
                     'timings do not extrapolate linearly (synapses grow as scale², neurons as scale).')
    notes.append(f"Machine load: other processes used {res['others_cores_during']:.2f} of {m['nproc']} cores during the "
                 'timed run (from /proc/stat minus the run\'s own CPU time); wall-clock times grow with it.')
    L += ['- ' + x for x in notes]
    text = '\n'.join(L) + '\n'
    with open(out_md, 'w') as f:
        f.write(text)
    with open(out_json, 'w') as f:
        json.dump({'machine': m, 'reference_rates_hz': {k: list(v) for k, v in refs.items()},
                   'reference_rates_note': 'approximate, NEST 2.x full scale', 'result': res,
                   'populations': pops, 'summary': s, 'run': meta, 'warmup': wmeta}, f, indent=2)
    print(text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
