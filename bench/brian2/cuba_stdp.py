#!/usr/bin/python3
"""Brian2 CUBA benchmark with pair STDP on the E->E synapses, in C++ standalone mode.

bench/brian2/cuba.py (Brian2's examples/CUBA.py: 4000 LIF neurons, 3200 E / 800 I, p = 0.02,
method='exact', dt = 0.1 ms, float64, SpikeMonitor on all neurons) with the excitatory synapses
split into E->E, which learn by additive all-to-all pair STDP with event-driven traces (the rule
of neuroc's std/plasticity STDP and of Brian2's examples/synapses/STDP.py: Aplus = 0.01,
Aminus = 0.0105 of wmax = 2 we, taupre = 16.8 ms, taupost = 33.7 ms, w clipped to [0, wmax]),
and E->I, which do not. The neuroc side is bench/models/cuba_stdp.neuro. Options and output as
cuba.py's, plus the final E->E weights' mean and SD (in units of wmax).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cuba  # noqa: E402  (bench/brian2/cuba.py)

if __name__ == '__main__':
    sys.exit(cuba.main(stdp=True))
