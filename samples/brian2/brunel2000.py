# Brian2 reference for samples/brunel2000.neuro: the same model (fixed in-degree without repeats,
# delta synapses with delay D, independent Poisson input per neuron, V held at Vr for tau_rp with
# the inputs of that time discarded, uniform initial V).
# Run: /usr/bin/python3 samples/brian2/brunel2000.py g eta [duration_ms] [seed] [N_E]
#      e.g. brunel2000.py 5 2 (regime C; numpy target, about 75 s at full size).
# Add "accumulate" as a 6th argument to keep the inputs that arrive during refractoriness instead
# (what neuroc's plain `refractory` statement does): brunel2000.py 5 2 500 1 10000 accumulate
import sys
from brian2 import *

prefs.codegen.target = 'numpy'
g = float(sys.argv[1]); eta = float(sys.argv[2])
duration = float(sys.argv[3]) if len(sys.argv) > 3 else 500
rng_seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
N_E = int(sys.argv[5]) if len(sys.argv) > 5 else 10000
accumulate = len(sys.argv) > 6 and sys.argv[6] == 'accumulate'
N_I = N_E // 4
C_E = N_E // 10; C_I = N_I // 10
seed(rng_seed)
rng = np.random.default_rng(rng_seed)
defaultclock.dt = 0.1 * ms

J = 0.1 * mV; D = 1.5 * ms; tau = 20 * ms; theta = 20 * mV; Vr = 10 * mV; tau_rp = 2 * ms
nu_thr = theta / (J * C_E * tau)
N = N_E + N_I
# '(unless refractory)' makes Brian2 ignore every write to v while refractory (synapses and
# PoissonInput included); the 'accumulate' variant only stops the integration.
eqs = 'dv/dt = int(not_refractory) * (-v/tau) : volt' if accumulate else 'dv/dt = -v/tau : volt (unless refractory)'
G = NeuronGroup(N, eqs, threshold='v > theta', reset='v = Vr', refractory=tau_rp, method='exact')
G.v = 'rand() * theta'


def indegree(n_pre, pre_offset, k):
    """k distinct presynaptic neurons for each of the N targets."""
    pre = np.empty(N * k, dtype=np.int64)
    for j in range(N):
        pre[j * k:(j + 1) * k] = pre_offset + rng.choice(n_pre, size=k, replace=False)
    return pre, np.repeat(np.arange(N), k)


S = Synapses(G, G, 'w : volt', on_pre='v += w', delay=D)
pe, qe = indegree(N_E, 0, C_E)
pi, qi = indegree(N_I, N_E, C_I)
S.connect(i=np.concatenate([pe, pi]), j=np.concatenate([qe, qi]))
S.w[:len(pe)] = J
S.w[len(pe):] = -g * J
P = PoissonInput(G, 'v', C_E, eta * nu_thr, weight=J)
M = SpikeMonitor(G)
run(duration * ms)

i = np.asarray(M.i); t = np.asarray(M.t / ms)
T = duration / 1000
cvs = []
for n in range(N_E):
    ts = t[i == n]
    if len(ts) >= 3:
        isi = np.diff(ts)
        cvs.append(isi.std() / isi.mean())
# Synchrony: variance / mean of the E population's spike count in 1 ms bins after 100 ms
# (1 for independent Poisson neurons), and the peak of its spectrum.
c, _ = np.histogram(t[(i < N_E) & (t >= 100)], bins=np.arange(100, duration + 1e-9, 1.0))
f = np.fft.rfftfreq(len(c), 1e-3)
power = np.abs(np.fft.rfft(c - c.mean())) ** 2
print('g=%g eta=%g: E rate %.2f Hz, I rate %.2f Hz, E CV %.2f, E count Fano (1 ms) %.1f, peak %.0f Hz'
      % (g, eta, (i < N_E).sum() / N_E / T, (i >= N_E).sum() / N_I / T, np.mean(cvs) if cvs else float('nan'),
         c.var() / c.mean() if c.mean() > 0 else float('nan'), f[1:][power[1:].argmax()]))
