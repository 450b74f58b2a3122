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


def run_numbers(meta, s, wmeta, ws):
    """The numbers both reports give for a finished run: sizes, storage, times, rates, memory, load.
    meta/s: the timed run's meta and summary; wmeta/ws: the warm-up's (None without one)."""
    dur = s['duration_s']
    sim = s['wall_time_s']['simulation']
    neurons = sum(p['size'] for p in s['populations'])
    spikes = sum(p['spikes'] for p in s['populations'])
    return {
        'neurons': neurons, 'synapses': s['total_synapses'], 'synapse_bytes': s.get('synapse_bytes'),
        'bytes_per_synapse': s.get('bytes_per_synapse'), 'backend': s['backend'], 'precision': s['precision'],
        'duration_s': dur, 'steps': s['steps'],
        'build_s': s['wall_time_s']['build'], 'setup_s': s['wall_time_s']['setup'],
        'build_cold_cache_s': ws['wall_time_s']['build'] if ws else None,
        'simulation_s': sim, 'real_time_factor': sim / dur,
        'synaptic_events': s['synaptic_events'], 'synaptic_events_per_s': s['synaptic_events'] / sim,
        'spikes': spikes, 'mean_rate_hz': spikes / neurons / dur,
        'peak_memory_bytes': s.get('peak_memory_bytes'), 'max_rss_bytes': meta['max_rss_bytes'],
        'warmup_peak_memory_bytes': ws.get('peak_memory_bytes') if ws else None,
        'warmup_max_rss_bytes': wmeta['max_rss_bytes'] if wmeta else None,
        'warmup_wall_s': wmeta['wall_s'] if wmeta else None,
        'wall_s': meta['wall_s'], 'cpu_s': meta['user_s'] + meta['sys_s'],
        'others_cores_before': meta['others_cores_before'], 'others_cores_during': meta['others_cores_during'],
    }
