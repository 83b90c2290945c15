"""The benchmark cases as most users would write them: numpy, vectorised over the ensemble
(bench/c_gsl.c has the same dynamics one trajectory at a time; see its header for the cases).

The arrays hold only the trajectories still running (compacted on the steps where some
escape), so work stays proportional to the live ones. numpy's PCG64 and its ziggurat normal
replace GSL's generator: the escape-time law is the same, the individual paths are not.
Usage: numpy_cases.py CASE TRAJECTORIES SEED [D]. Prints
    steps=<total steps> seconds=<wall> steps_per_second=<rate> mean_time=<mean steps × dt>
"""
import sys
import time

import numpy as np

CUTOFF = 0.5 * 36.0


def sde(n, rng, start, target, dt, drift, diffusion):
    """Euler–Maruyama with the Brownian-bridge crossing test near the target."""
    x = np.full(n, start)
    ids = np.arange(n)
    steps = np.zeros(n, dtype=np.int64)
    k = total = 0
    while x.size:
        k += 1
        g = diffusion(x)
        nxt = x + drift(x) * dt + g * np.sqrt(dt) * rng.standard_normal(x.size)
        total += x.size
        crossed = nxt >= target
        gap = (target - x) * (target - nxt)
        near = np.flatnonzero((gap < CUTOFF * dt * g * g) & ~crossed)
        if near.size:
            gn = g[near] if np.ndim(g) else g
            crossed[near] = rng.random(near.size) < np.exp(-2 * gap[near] / (gn * gn * dt))
        if crossed.any():
            steps[ids[crossed]] = k
            keep = ~crossed
            x, ids = nxt[keep], ids[keep]
        else:
            x = nxt
    return total, steps.mean() * dt


def adam(n, rng, lr, inverse):
    """Adam's or InvAdam's own iteration (β1 0.9, β2 0.999, ε 1e-8) on quartic:barrier=1, σ² = 1."""
    b1, b2, eps, target = 0.9, 0.999, 1e-8, 0.5
    th = np.full(n, -1.0)
    m = np.zeros(n); v = np.zeros(n)
    ids = np.arange(n)
    steps = np.zeros(n, dtype=np.int64)
    k = total = 0
    while th.size:
        k += 1
        g = 4 * th * (th * th - 1) + rng.standard_normal(th.size)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        mhat = m / (1 - b1 ** k)
        nn = np.sqrt(v / (1 - b2 ** k)) + eps
        th = th - lr * (mhat * nn if inverse else mhat / nn)
        total += th.size
        done = (th >= target) | ~(th > -1501.0)
        if done.any():
            steps[ids[done]] = k
            keep = ~done
            th, m, v, ids = th[keep], m[keep], v[keep], ids[keep]
    return total, steps.mean() * lr


def separable(n, rng, dim, max_steps=2000):
    """Separable quartic (barrier 50) + spectators of curvature 2, isotropic σ² = 0.5, dt = 0.001."""
    dt = 0.001
    th = np.zeros((n, dim)); th[:, 0] = -1.0
    curvature = np.full(dim, 2.0)
    alive = np.ones(n, dtype=bool)
    total = 0
    for _ in range(max_steps):
        if not alive.any():
            break
        t = th[alive]
        grad = curvature * t
        grad[:, 0] = 200.0 * t[:, 0] * (t[:, 0] ** 2 - 1)
        t = t - grad * dt + np.sqrt(0.5) * np.sqrt(dt) * rng.standard_normal(t.shape)
        th[alive] = t
        total += t.shape[0]
        shifted = t.copy(); shifted[:, 0] += 1
        gone = (t[:, 0] >= 0) | ~((shifted * shifted).sum(axis=1) < 1500.0 ** 2)
        alive[np.flatnonzero(alive)[gone]] = False
    return total, max_steps * dt


def main() -> None:
    case = sys.argv[1]
    n = int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    dim = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    rng = np.random.default_rng(seed)
    t0 = time.perf_counter()
    if case == "quartic":
        total, mean = sde(n, rng, -1.0, 0.5, 0.01, lambda x: -(4 * x * (x * x - 1)), lambda x: np.sqrt(0.5))
    elif case == "pq":
        u = np.sqrt(2 * 0.5 / (4 * (1 + 4 / 2)))
        c1, xb = u, 3 * u
        c2, a2 = 5 * u, 6 * u

        def hess(x):
            return np.where(x <= c1, 4.0, np.where(x < c2, -2.0, 4.0))

        def grad(x):
            return np.where(x <= c1, 4 * x, np.where(x < c2, -2 * (x - xb), 4 * (x - a2)))
        total, mean = sde(n, rng, 0.0, 0.5 * (xb + a2), 0.01, lambda x: -grad(x), lambda x: np.sqrt(0.1 * np.abs(hess(x))))
    elif case in ("adam", "invadam"):
        total, mean = adam(n, rng, 0.2 if case == "invadam" else 0.4, case == "invadam")
    elif case == "nd":
        total, mean = separable(n, rng, dim)
    else:
        sys.exit(f"numpy_cases: unknown case {case} (quartic, pq, adam, invadam, nd)")
    seconds = time.perf_counter() - t0
    print(f"steps={total} seconds={seconds:.6f} steps_per_second={total / seconds:.6e} mean_time={mean:.6f}")


if __name__ == "__main__":
    main()
