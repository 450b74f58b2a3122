"""Shared by the report scripts of bench/scaling.sh and bench/microcircuit.sh: reading the files
run_timed (bench/lib/common.sh) and neuroc leave in the work folder, and formatting numbers."""
import json
import os

MIB = 1024 * 1024


def load(path):
    with open(path) as f:
        return json.load(f)


def fmt(x, spec):
    return '-' if x is None else format(x, spec)


def result(work, name):
    """(meta-NAME.json, NAME/summary.json) of a run: (None, None) when it did not run, the summary
    None when it failed."""
    meta_path = os.path.join(work, f'meta-{name}.json')
    if not os.path.exists(meta_path):
        return None, None
    meta = load(meta_path)
    summary_path = os.path.join(work, name, 'summary.json')
    summary = load(summary_path) if meta['rc'] == 0 and os.path.exists(summary_path) else None
    return meta, summary
