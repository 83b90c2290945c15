"""The quartic SGD escape ensemble as most users would write it: numpy, vectorised over the
ensemble (bench/c_gsl_quartic.c has the same dynamics one trajectory at a time).

    L(x) = (x² − 1)², dX = −L′(X) dt + √(2D) dW, D = 0.25, dt = 0.01, start −1, escape at +0.5,

with the same Brownian-bridge crossing test; the arrays hold only the trajectories still running
(compacted on the steps where some escape), so work stays proportional to the live ones.
numpy's PCG64 and its ziggurat normal replace GSL's generator (the escape-time law is the
same; the individual paths are not). Usage: numpy_quartic.py TRAJECTORIES SEED. Prints
    steps=<total steps> seconds=<wall> steps_per_second=<rate> mean_time=<mean escape time>
"""
import sys
import time

import numpy as np


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    D, dt, target, start = 0.25, 0.01, 0.5, -1.0
    g = np.sqrt(2 * D)
    noise = g * np.sqrt(dt)
    cutoff = 0.5 * 36.0 * dt * g * g
    rng = np.random.default_rng(seed)
    t0 = time.perf_counter()
    x = np.full(n, start)
    ids = np.arange(n)
    steps = np.zeros(n, dtype=np.int64)
    k = 0
    total_steps = 0
    while x.size:
        k += 1
        nxt = x - 4 * x * (x * x - 1) * dt + noise * rng.standard_normal(x.size)
        total_steps += x.size
        crossed = nxt >= target
        gap = (target - x) * (target - nxt)
        near = np.flatnonzero((gap < cutoff) & ~crossed)
        if near.size:
            crossed[near] = rng.random(near.size) < np.exp(-2 * gap[near] / (g * g * dt))
        if crossed.any():
            steps[ids[crossed]] = k
            keep = ~crossed
            x, ids = nxt[keep], ids[keep]
        else:
            x = nxt
    seconds = time.perf_counter() - t0
    print(f"steps={total_steps} seconds={seconds:.6f} steps_per_second={total_steps / seconds:.6e} "
          f"mean_time={steps.mean() * dt:.6f}")


if __name__ == "__main__":
    main()
