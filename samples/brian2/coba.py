# Brian2 reference for samples/coba.neuro: the same model, initial conditions and 50 ms kick.
# Run: /usr/bin/python3 samples/brian2/coba.py [duration_ms] [seed]   (numpy target, about 10 s)
import sys
from brian2 import *

prefs.codegen.target = 'numpy'
duration = float(sys.argv[1]) if len(sys.argv) > 1 else 1000
seed(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
defaultclock.dt = 0.1 * ms

C = 200 * pF; gL = 10 * nS; El = -60 * mV; Vt = -50 * mV; Vr = -60 * mV
Ee = 0 * mV; Ei = -80 * mV; taue = 5 * ms; taui = 10 * ms
we = 4 * nS; wi = 51 * nS; wext = 100 * nS
eqs = '''
dv/dt = (gL*(El - v) + ge*(Ee - v) + gi*(Ei - v)) / C : volt (unless refractory)
dge/dt = -ge/taue : siemens
dgi/dt = -gi/taui : siemens
'''
P = NeuronGroup(4000, eqs, threshold='v > Vt', reset='v = Vr', refractory=5 * ms, method='exponential_euler')
P.v = 'Vr + rand() * (Vt - Vr)'
kick = PoissonGroup(20, rates=100 * Hz)
Ce = Synapses(P[:3200], P, on_pre='ge += we', delay=0.2 * ms)
Ci = Synapses(P[3200:], P, on_pre='gi += wi', delay=0.2 * ms)
Ck = Synapses(kick, P, on_pre='ge += wext', delay=0.2 * ms)
Ce.connect(p=0.02)
Ci.connect(p=0.02)
Ck.connect(p=0.01)
M = SpikeMonitor(P)
run(50 * ms)
kick.rates = 0 * Hz
run(duration * ms - 50 * ms)

i = np.asarray(M.i); t = np.asarray(M.t / ms)
T = duration / 1000
cvs = []
for n in range(4000):
    ts = t[i == n]
    if len(ts) >= 3:
        isi = np.diff(ts)
        cvs.append(isi.std() / isi.mean())
print('E rate %.2f Hz, I rate %.2f Hz, mean ISI CV %.2f (%d neurons)'
      % ((i < 3200).sum() / 3200 / T, (i >= 3200).sum() / 800 / T, np.mean(cvs), len(cvs)))
