#!/usr/bin/python3
"""Brian2's examples/synapses/STDP.py (Song, Miller & Abbott 2000), for comparison with
samples/song2000_stdp.neuro: 1000 Poisson inputs at 15 Hz onto one neuron through additive STDP,
100 s. Prints the neuron's rate and the fractions of weights (in units of gmax) below 0.1, above
0.9 and between 0.3 and 0.7 (the sample's check measures the same).

    /usr/bin/python3 bench/brian2/song2000_stdp.py SEED

The example as published, with v starting at vr and the cython target.
"""
import sys
import time

import numpy as np
from brian2 import (ms, mV, Hz, second, PoissonGroup, NeuronGroup, Synapses, SpikeMonitor, run, seed, prefs)

prefs.codegen.target = 'cython'
seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
N = 1000
taum = 10 * ms
taupre = 20 * ms
taupost = taupre
Ee = 0 * mV
vt = -54 * mV
vr = -60 * mV
El = -74 * mV
taue = 5 * ms
F = 15 * Hz
gmax = .01
dApre = .01
dApost = -dApre * taupre / taupost * 1.05
dApost *= gmax
dApre *= gmax
eqs_neurons = '''dv/dt = (ge * (Ee-v) + El - v) / taum : volt
dge/dt = -ge / taue : 1'''
inputs = PoissonGroup(N, rates=F)
neurons = NeuronGroup(1, eqs_neurons, threshold='v>vt', reset='v = vr', method='euler')
neurons.v = vr
S = Synapses(inputs, neurons, '''w : 1
dApre/dt = -Apre / taupre : 1 (event-driven)
dApost/dt = -Apost / taupost : 1 (event-driven)''',
             on_pre='''ge += w
Apre += dApre
w = clip(w + Apost, 0, gmax)''',
             on_post='''Apost += dApost
w = clip(w + Apre, 0, gmax)''')
S.connect()
S.w = 'rand() * gmax'
monitor = SpikeMonitor(neurons)
t0 = time.time()
run(100 * second)
w = S.w[:] / gmax
print(f"rate {monitor.num_spikes / 100.0:.2f} Hz, below 0.1: {np.mean(w < 0.1):.3f}, above 0.9: {np.mean(w > 0.9):.3f}, "
      f"0.3-0.7: {np.mean((w > 0.3) & (w < 0.7)):.3f}, mean {w.mean():.3f}, wall {time.time() - t0:.1f} s")
