#!/usr/bin/env python3
"""What a killed `neuroc run --out X` left behind (bench/kill_output.sh).

    output_state.py X OLD_SEED NEW_SEED

prints one tab-separated line: the state of X (old complete, new complete, partial, missing), the
seed its summary names, and what lies beside X in its parent (a killed writer's lock file, hidden
staging or previous folders with their sizes). A folder is complete when it has the neuroc marker, its
summary parses, and spikes.csv has exactly the spikes the summary counts.
"""
import json
import os
import sys


def size(path):
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(root, name))
            except OSError:
                pass
    return total


def state(folder, old_seed, new_seed):
    if not os.path.isdir(folder):
        return "missing", "-"
    try:
        with open(os.path.join(folder, "summary.json")) as f:
            summary = json.load(f)
        with open(os.path.join(folder, "spikes.csv")) as f:
            lines = sum(1 for _ in f) - 1
    except (OSError, ValueError):
        return "partial", "-"
    seed = summary.get("seed")
    counted = sum(p["spikes"] for p in summary["populations"])
    if not os.path.exists(os.path.join(folder, ".neuroc-result")) or lines != counted:
        return "partial", str(seed)
    return {old_seed: "old complete", new_seed: "new complete"}.get(seed, "other complete"), str(seed)


def leftovers(folder):
    parent, name = os.path.split(os.path.abspath(folder))
    found = []
    for entry in sorted(os.listdir(parent)):
        path = os.path.join(parent, entry)
        if entry == f".{name}.lock":
            found.append("lock file")  # a killed writer's; the next writer of X takes it over
        elif entry.startswith(f".{name}."):
            kind = entry[len(name) + 2:].split("-")[0]
            found.append(f"{kind} {size(path) / 1e6:.1f} MB")
    return ", ".join(found) or "none"


if __name__ == "__main__":
    folder, old_seed, new_seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    what, seed = state(folder, old_seed, new_seed)
    print(f"{what}\t{seed}\t{leftovers(folder)}")
