#!/usr/bin/env python3
"""Turns the runs of bench/memory.sh into a table of estimate vs measured peak, a JSON file and a Markdown file.

    memory_report.py WORK_DIR OUT_JSON OUT_MD

WORK_DIR holds machine.json, cases.tsv (id, model, backend, kernel cache, options per line), and per
case meta-ID.json (run_timed in bench/lib/common.sh: exit status, max RSS) and summary-ID.json
(neuroc's summary: memory_estimate_bytes and its parts). Exit status 1 if a run failed or an
estimate is more than 30 % off the measured peak.
"""
import json
import os
import sys

MIB = 1024 * 1024
TOLERANCE = 0.30
PARTS = ['Runtime', 'KernelCompiler', 'Neurons', 'Synapses', 'Recordings', 'Spikes']


def load(path):
    with open(path) as f:
        return json.load(f)


def main():
    work, out_json, out_md = sys.argv[1:4]
    machine = load(os.path.join(work, 'machine.json'))
    rows, failed = [], False
    with open(os.path.join(work, 'cases.tsv')) as f:
        for line in f:
            case, model, backend, cache, options = (line.rstrip('\n').split('\t') + [''])[:5]
            meta = load(os.path.join(work, f'meta-{case}.json'))
            summary_path = os.path.join(work, f'summary-{case}.json')
            summary = load(summary_path) if os.path.exists(summary_path) else {}
            estimate = summary.get('memory_estimate_bytes')
            peak = meta['max_rss_bytes']
            ratio = estimate / peak if estimate and peak else None
            ok = meta['rc'] == 0 and ratio is not None and abs(ratio - 1) <= TOLERANCE
            failed |= not ok
            parts = summary.get('memory_estimate', {})
            rows.append({
                'model': model, 'backend': backend, 'kernel_cache': cache, 'options': options, 'rc': meta['rc'],
                'estimate_bytes': estimate, 'peak_bytes': peak, 'ratio': ratio, 'within_30_percent': ok,
                'estimate_parts': parts, 'synapses': summary.get('total_synapses'),
                'spikes': sum(p.get('spikes', 0) for p in summary.get('populations', [])),
                'wall_s': meta['wall_s'],
            })
    json.dump({'machine': machine, 'rows': rows}, open(out_json, 'w'), indent=2)

    def mib(b):
        return '–' if b is None else f'{b / MIB:,.0f}'

    lines = [
        '# Memory: estimate vs measured peak',
        '',
        f"{machine.get('date', '')}, {machine.get('cpu_model', '')} ({machine.get('nproc', '')} cores, {machine.get('mem_gib', '')} GiB), "
        f"neuroc {machine.get('git', '')}; `{machine.get('command', '')}`.",
        '',
        'Estimate: what `neuroc run` computes before the run (summary.json `memory_estimate_bytes`); peak: GNU time\'s maximum',
        'resident set size of the whole process. Kernel cache: `cold` = empty (Roslyn compiles while the run starts), `warm` = the same',
        'cache again. Parts in MiB: runtime (+ kernel compiler) / neurons / synapses / recordings / spikes.',
        '',
        '| model | backend | cache | synapses | spikes | estimate MiB | peak MiB | estimate / peak | parts (MiB) |',
        '|---|---|---|---:|---:|---:|---:|---:|---|',
    ]
    for r in rows:
        p = r['estimate_parts']
        parts = ' / '.join(mib(p.get(k)) for k in ['Runtime', 'Neurons', 'Synapses', 'Recordings', 'Spikes'])
        if p.get('KernelCompiler'):
            parts = parts.replace(mib(p.get('Runtime')), f"{mib(p.get('Runtime'))}+{mib(p.get('KernelCompiler'))}", 1)
        ratio = '–' if r['ratio'] is None else f"{r['ratio']:.2f}" + ('' if r['within_30_percent'] else ' **✗**')
        name = r['model'] + (f" ({r['options']})" if r['options'] else '') + ('' if r['rc'] == 0 else f" (exit {r['rc']})")
        lines.append(f"| {name} | {r['backend']} | {r['kernel_cache']} | {r['synapses'] or 0:,} | {r['spikes']:,} | {mib(r['estimate_bytes'])} | "
                     f"{mib(r['peak_bytes'])} | {ratio} | {parts} |")
    ratios = [r['ratio'] for r in rows if r['ratio'] is not None]
    if ratios:
        lines += ['', f"{len(rows)} runs; estimate / peak from {min(ratios):.2f} to {max(ratios):.2f}; "
                      f"{sum(r['within_30_percent'] for r in rows)} within ±30 %."]
    text = '\n'.join(lines) + '\n'
    open(out_md, 'w').write(text)
    print(text)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
