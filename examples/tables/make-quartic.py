"""Writes quartic.csv: quartic:barrier=1, L = (x² − 1)², at 201 points on [−2, 2], with the
gradient-noise variance C = √(L″² + 1) (hessian noise with --noise-floor 1, B = 1)."""
import math

rows = ["# quartic:barrier=1 (L = (x² − 1)²) sampled at 201 points on [−2, 2], with C = √(L″² + 1),",
        "# the hessian noise of --noise-floor 1, B = 1: `escape simulate table:file=examples/tables/quartic.csv --noise measured`",
        "# escapes as `escape simulate quartic:barrier=1 --noise hessian --noise-floor 1` does. Made by examples/tables/make-quartic.py.",
        "x,loss,C"]
for i in range(201):
    x = -2 + 4 * i / 200
    h = 12 * x * x - 4
    rows.append(f"{x!r},{(x * x - 1) ** 2!r},{math.sqrt(h * h + 1)!r}")
with open("quartic.csv", "w") as f:
    f.write("\n".join(rows) + "\n")
