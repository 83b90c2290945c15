"""Where the instructions of one simulation step go, from two callgrind profiles.

Usage: callgrind_breakdown.py SMALL.out STEPS_SMALL LARGE.out STEPS_LARGE
Both profiles run the same case with different trajectory counts; the difference of their
instruction counts divided by the difference of their steps is the cost of one step, free of
start-up (dynamic linking, tables, the prediction). Self cost is attributed to source lines
(callgrind's fl=/fi=/fe= records follow inlined code into the file it came from) and lines to
categories by file — and, inside the trajectory loops, by what the line does. Prints
`category<TAB>instructions per step<TAB>percent` lines, largest first, then `total` and
`allocations` (calls into malloc & co. per step).
"""
import re
import sys
from collections import defaultdict

RANDOM_FILES = ("RandomStream.swift", "FastRandomStream.swift", "NormalLanes.swift", "ZigguratNormal.swift",
                "Xoshiro256PlusPlus.swift", "StreamSeeding.swift")
GRADIENT_FILES = ("QuarticLandscape.swift", "PiecewiseQuadraticLandscape.swift", "SeparableLandscape.swift",
                  "RotatedLandscape.swift", "DiffusionND.swift")
STEP_FILES = ("ReducedSDE.swift", "EulerMaruyama.swift", "Milstein.swift", "GradientNoise.swift", "Preconditioner.swift",
              "AdamMoments.swift", "AdamIteration.swift", "DualAdamIteration.swift", "OptimizerIteration.swift")
LOOP_FILES = ("SDETrajectory.swift", "SDELanes.swift", "IterationTrajectory.swift", "TrajectoryND.swift")


ALLOCATORS = ("malloc", "calloc", "realloc", "posix_memalign", "aligned_alloc")


def profile(path):
    """Self instructions per (object, file, line), and calls into the C allocator (key "allocations")."""
    names = {"fl": {}, "ob": {}, "fn": {}}
    cost = defaultdict(int)
    ob = fl = fi = None
    line = 0
    skip_next = False
    callee = ""
    with open(path, errors="replace") as f:
        for raw in f:
            raw = raw.rstrip("\n")
            m = re.match(r"^(fl|fi|fe|ob|fn|cfi|cfl|cob|cfn)=\((\d+)\)(?: (.*))?$", raw)
            if m:
                kind, ident, name = m.groups()
                space = "ob" if kind in ("ob", "cob") else ("fn" if kind in ("fn", "cfn") else "fl")
                if name is not None:
                    names[space][ident] = name
                value = names[space].get(ident, ident)
                if kind == "cfn": callee = value
                if kind == "ob": ob = value
                elif kind == "fl": fl = fi = value
                elif kind in ("fi", "fe"): fi = value
                continue
            if raw.startswith("calls="):
                skip_next = True  # the next cost line is the callee's inclusive cost
                if callee in ALLOCATORS:
                    cost["allocations"] += int(raw[6:].split()[0])
                continue
            m = re.match(r"^([+-]?\d+|\*)\s+(\d+)", raw)
            if m:
                pos, ir = m.groups()
                if pos == "*": pass
                elif pos[0] in "+-": line += int(pos)
                else: line = int(pos)
                if skip_next:
                    skip_next = False
                    continue
                cost[(ob or "", fi or fl or "", line)] += int(ir)
    return cost


def category(ob, fl, line, source_lines):
    base = fl.rsplit("/", 1)[-1]
    if "libgsl" in ob: return "random numbers (GSL)"
    if "libm" in ob: return "libm exp/log (bridge test, ziggurat wedges and tails)"
    if base in RANDOM_FILES: return "random numbers"
    # The compiler fuses L′(x) into the update expression, so the two share one category.
    if base in GRADIENT_FILES or base in STEP_FILES: return "gradient + update"
    if base in LOOP_FILES:
        text = source_lines(fl).get(line, "")
        if re.search(r"gaussian|uniform\(", text): return "random numbers"
        if re.search(r"bridge|gap|crossingProbability|cutoff|diffusion\(x", text): return "bridge test"
        if re.search(r"target|lower|upper|diverged|escaped|reached", text): return "escape test"
        if re.search(r"advance", text): return "gradient + update"
        return "bookkeeping (loop, counters, lanes)"
    if base in ("<compiler-generated>", "???", ""): return "compiler-generated (no source line)"
    return "other: " + base


def main():
    small, n_small, large, n_large = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    a, b = profile(small), profile(large)
    cache = {}

    def source_lines(path):
        if path not in cache:
            try:
                with open(path) as f:
                    cache[path] = {i + 1: t for i, t in enumerate(f)}
            except OSError:
                cache[path] = {}
        return cache[path]

    per_step = defaultdict(float)
    allocations = (b.pop("allocations", 0) - a.pop("allocations", 0)) / (n_large - n_small)
    for key in set(a) | set(b):
        per_step[category(*key, source_lines)] += (b.get(key, 0) - a.get(key, 0)) / (n_large - n_small)
    total = sum(per_step.values())
    for name, value in sorted(per_step.items(), key=lambda kv: -kv[1]):
        if abs(value) >= 0.05 and not name.startswith("other"):
            print(f"{name}\t{value:.1f}\t{100 * value / total:.0f}")
    other = sum(v for k, v in per_step.items() if k.startswith("other"))
    print(f"other (libraries, start-up residue)\t{other:.1f}\t{100 * other / total:.0f}")
    print(f"total\t{total:.1f}\t100")
    print(f"allocations\t{allocations:.4f}\t")


if __name__ == "__main__":
    main()
