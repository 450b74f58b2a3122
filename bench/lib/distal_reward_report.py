#!/usr/bin/python3
"""Report of a distal reward run (samples/distal_reward.neuro): the rewarded synapse's weight over
time against the distribution of every other E->E weight, and the rewards paid."""
import csv
import json
import os
import statistics as st
import sys


def rows(path):
    with open(path) as f:
        r = list(csv.reader(f))
    return [(float(x[0]), [float(v) for v in x[1:]]) for x in r[1:]]


def main():
    run, command = sys.argv[1], sys.argv[2]
    summary = json.load(open(os.path.join(run, 'summary.json')))
    rewarded = rows(os.path.join(run, 'trace_rewarded_w.csv'))
    ee = rows(os.path.join(run, 'trace_ee_w.csv'))
    dopamine = rows(os.path.join(run, 'trace_model_dopamine.csv'))
    kicks = sum(1 for (_, a), (_, b) in zip(dopamine, dopamine[1:]) if b[0] > a[0] + 0.3)
    wmax = 4e-3
    print('# Distal reward (Izhikevich 2007): the rewarded synapse against the rest\n')
    print(f'Command: `{command}`. neuroc {summary.get("backend")} backend, {summary["duration_s"]:.0f} s simulated, '
          f'loop {summary["wall_time_s"]["simulation"]:.0f} s wall; {kicks} rewards paid.\n')
    print('| time, s | rewarded w, mV | other E->E w: mean, mV | 99th percentile | largest | fraction above 3 mV |')
    print('|---:|---:|---:|---:|---:|---:|')
    by_time = {t: w for t, w in ee}
    for t, w in rewarded:
        if t in by_time:
            others = sorted(by_time[t])
            p99 = others[int(0.99 * (len(others) - 1))]
            above = sum(1 for x in others if x > 0.75 * wmax) / len(others)
            print(f'| {t / 1000:.0f} | {w[0] * 1e3:.3f} | {st.mean(others) * 1e3:.3f} | {p99 * 1e3:.3f} | {others[-1] * 1e3:.3f} | {above:.4f} |')
    first_max = next((t for t, w in rewarded if w[0] >= 0.95 * wmax), None)
    print()
    print(f'- The rewarded synapse reached 95 % of wmax (3.8 mV) at '
          f'{"%.0f s" % (first_max / 1000) if first_max is not None else "no time in the run"}; '
          f'its last recorded weight: {rewarded[-1][1][0] * 1e3:.3f} mV.')


if __name__ == '__main__':
    main()
