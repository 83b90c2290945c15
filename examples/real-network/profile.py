"""Two minima of a small network and the line between them, as a `table:` landscape.

A 64-32-10 tanh network is trained on scikit-learn's digits (1797 8×8 images, shipped with the
package: no download) from two seeds to two minima θ_A and θ_B of the mean cross-entropy
(+ a small L2 term, so that the minima are isolated). Along the line θ(x) = θ_A + x·u,
u = (θ_B − θ_A)/|θ_B − θ_A|, it writes

    x        the distance along the line (θ_A at 0, θ_B at |θ_B − θ_A|)
    loss     L(θ(x)), the full-data mean loss
    C        the variance over the samples of the per-sample gradient's component along u:
             the gradient noise of batch size 1 along the line (C/B for a batch of B)

at 241 points from 25% before θ_A to 25% past θ_B (θ_A and θ_B are rows 41 and 201), to line.csv beside this script. The
escape of SGD, Adam and InvAdam from θ_A along this line is then a 1-D escape problem:

    escape predict  table:file=examples/real-network/line.csv --noise measured --batch 64 --lr 0.05
    escape simulate table:file=examples/real-network/line.csv --noise measured --batch 64 --lr 0.05

Requirements: numpy and scikit-learn (requirements.txt). Runs in about a minute.
"""
import os
import numpy as np
from sklearn.datasets import load_digits

HIDDEN, L2, STEPS, LR = 32, 1e-3, 3000, 0.5
here = os.path.dirname(os.path.abspath(__file__))

digits = load_digits()
X = (digits.data - digits.data.mean(0)) / (digits.data.std(0) + 1e-8)
Y = np.eye(10)[digits.target]
n, d = X.shape
shapes = [(d, HIDDEN), (HIDDEN,), (HIDDEN, 10), (10,)]
sizes = [int(np.prod(s)) for s in shapes]


def unpack(theta):
    parts, k = [], 0
    for s, m in zip(shapes, sizes):
        parts.append(theta[k:k + m].reshape(s))
        k += m
    return parts


def per_sample(theta):
    """Per-sample losses (n,) and per-sample gradients (n, p) of cross-entropy + L2."""
    W1, b1, W2, b2 = unpack(theta)
    H = np.tanh(X @ W1 + b1)
    Z = H @ W2 + b2
    Z = Z - Z.max(1, keepdims=True)
    P = np.exp(Z) / np.exp(Z).sum(1, keepdims=True)
    losses = -np.log((P * Y).sum(1) + 1e-300) + 0.5 * L2 * theta @ theta
    dZ = P - Y                                   # (n, 10)
    dW2 = H[:, :, None] * dZ[:, None, :]         # (n, h, 10)
    dH = (dZ @ W2.T) * (1 - H * H)               # (n, h)
    dW1 = X[:, :, None] * dH[:, None, :]         # (n, d, h)
    grads = np.concatenate([dW1.reshape(n, -1), dH, dW2.reshape(n, -1), dZ], axis=1) + L2 * theta
    return losses, grads


def mean_gradient(theta):
    """The full-data gradient, without the per-sample tensors (for training)."""
    W1, b1, W2, b2 = unpack(theta)
    H = np.tanh(X @ W1 + b1)
    Z = H @ W2 + b2
    P = np.exp(Z - Z.max(1, keepdims=True))
    P /= P.sum(1, keepdims=True)
    dZ = (P - Y) / n
    dH = (dZ @ W2.T) * (1 - H * H)
    return np.concatenate([(X.T @ dH).ravel(), dH.sum(0), (H.T @ dZ).ravel(), dZ.sum(0)]) + L2 * theta


def train(seed):
    """Full-batch gradient descent from a seeded initialisation, to a minimum."""
    rng = np.random.default_rng(seed)
    theta = np.concatenate([rng.normal(0, 1 / np.sqrt(s[0]), int(np.prod(s))) if len(s) == 2 else np.zeros(s)
                            for s in shapes])
    for _ in range(STEPS):
        theta -= LR * mean_gradient(theta)
    return theta


a, b = train(1), train(2)
distance = np.linalg.norm(b - a)
u = (b - a) / distance
rows = []
for x in np.linspace(-0.25 * distance, 1.25 * distance, 241):
    losses, grads = per_sample(a + x * u)
    along = grads @ u
    rows.append((float(x), float(losses.mean()), float(along.var())))
with open(os.path.join(here, "line.csv"), "w") as f:
    f.write("# the line between two minima of a 64-32-10 tanh network on scikit-learn's digits (profile.py)\n")
    f.write(f"# |θ_B − θ_A| = {distance:.6g}; loss at θ_A {rows[40][1]:.6g}, at θ_B {rows[200][1]:.6g}, max {max(r[1] for r in rows):.6g}\n")
    f.write("x,loss,C\n")
    for x, loss, c in rows:
        f.write(f"{x!r},{loss!r},{c!r}\n")
print(f"wrote line.csv: |θ_B − θ_A| = {distance:.4g}, loss {rows[40][1]:.4g} → max {max(r[1] for r in rows):.4g} → {rows[200][1]:.4g}")
