#!/usr/bin/env bash
# `make bench`: DiffusionEscape's default (GSL) and fast engines against a plain C + GSL
# loop (bench/c_gsl.c), a hand-written C AVX2 loop (bench/c_avx2.c, the quartic: the fast
# engine's practical limit) and a vectorised numpy ensemble (bench/numpy_cases.py) on the same
# cases, interleaved round by round so that machine drift hits every engine alike (the 2-core
# speed-up is, inside a round, a parallel run over the mean of the single-thread runs just
# before and after it; its median over the rounds);
# then memory against the number of trajectories and a callgrind profile of one step. Prints
# the table and the targets and regenerates docs/performance.md (never edit its numbers by
# hand; the hand-written notes between the markers in it are kept).
#
#   TRAJECTORIES=20000 REPEATS=3 make bench
set -euo pipefail
cd "$(dirname "$0")/.."
T=${TRAJECTORIES:-20000}
REPEATS=${REPEATS:-3}
CORES=$(nproc)
OURS=.build/release/EscapeBenchmarks
mkdir -p bench/bin
gcc -O2 -march=native -o bench/bin/c_gsl bench/c_gsl.c $(pkg-config --cflags --libs gsl) -lm
gcc -O2 -march=native -o bench/bin/c_avx2 bench/c_avx2.c -lm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# name | trajectories | C and numpy arguments (case [d]) | our case
CASES=(
  "quartic|$T|quartic|quartic"
  "pq|$T|pq|pq"
  "adam|$((T / 10))|adam|adam"
  "invadam|$((T / 5))|invadam|invadam"
  "dualadam|$((T / 10))|-|dualadam"
  "rmsprop|$((T / 10))|-|rmsprop"
  "pq-frozen|$T|-|pq-frozen"
  "pq-auto|$((T / 10))|-|pq-auto"
  "pq-discrete|$((T * 5))|-|pq-discrete"
  "ams|$T|-|ams"
  "nd-10|$((T / 40))|nd 10|nd-separable-10"
  "nd-100|$((T / 40))|nd 100|nd-separable-100"
  "rotated-10|$((T / 200))|-|nd-rotated-10"
)
field() { sed -E "s/.*[ ^]?$1=([^ ]+).*/\1/" <<<"$2"; }
record() { echo "$3 $4" >> "$work/$1.$2"; }   # case engine rate steps

for round in $(seq "$REPEATS"); do
  echo "round $round of $REPEATS" >&2
  for spec in "${CASES[@]}"; do
    IFS='|' read -r name n ref ours <<<"$spec"
    if [ "$ref" != "-" ]; then
      set -- $ref
      line=$(bench/bin/c_gsl "$1" "$n" 1 ${2:-})
      record "$name" c "$(field steps_per_second "$line")" "$(field steps "$line")"
      line=$(python3 bench/numpy_cases.py "$1" "$n" 1 ${2:-})
      record "$name" numpy "$(field steps_per_second "$line")" "$(field steps "$line")"
    fi
    if [ "$name" = quartic ]; then
      line=$(bench/bin/c_avx2 quartic "$n" 1)
      record "$name" avx2 "$(field steps_per_second "$line")" "$(field steps "$line")"
      # The practical limit's own CORES-core speed-up: CORES processes side by side, n/CORES
      # trajectories each (seeds 1, 2, …), their rates summed, against the run just made.
      # (Bracketed by single runs, as our engines' speed-ups below.)
      for k in $(seq "$CORES"); do bench/bin/c_avx2 quartic $((n / CORES)) "$k" > "$work/avx2.part.$k" & done
      wait
      sum=$(for k in $(seq "$CORES"); do field steps_per_second "$(cat "$work/avx2.part.$k")"; done | awk '{ s += $1 } END { print s }')
      line=$(bench/bin/c_avx2 quartic "$n" 1)
      record "$name" avx2 "$(field steps_per_second "$line")" "$(field steps "$line")"
      awk -v a="$sum" -v b="$(tail -2 "$work/$name.avx2" | head -1 | cut -d' ' -f1)" -v c="$(tail -1 "$work/$name.avx2" | cut -d' ' -f1)" \
        'BEGIN { printf "%.4f 0\n", 2 * a / (b + c) }' >> "$work/$name.avx2.speedup"
    fi
    for engine in mt19937 fast; do
      # One thread, CORES threads, one thread again: this round's speed-up is the parallel rate
      # over the mean of the two single-thread runs around it, which cancels a drift of the
      # machine's speed across the three (it drifts by ±20% within seconds here).
      for threads in 1 "$CORES" 1; do
        line=$($OURS "$ours" "$engine" "$threads" "$n")
        record "$name" "$engine.$threads" "$(field steps_per_second "$line")" "$(field steps "$line")"
      done
      before=$(tail -2 "$work/$name.$engine.1" | head -1 | cut -d' ' -f1); after=$(tail -1 "$work/$name.$engine.1" | cut -d' ' -f1)
      par=$(tail -1 "$work/$name.$engine.$CORES" | cut -d' ' -f1)
      awk -v a="$par" -v b="$before" -v c="$after" 'BEGIN { printf "%.4f 0\n", 2 * a / (b + c) }' >> "$work/$name.$engine.speedup"
    done
    # The fast engine against the C AVX2 loop, inside the round: the means of each one's two
    # single-thread runs.
    if [ "$name" = quartic ]; then
      mean2() { tail -2 "$1" | awk '{ s += $1 } END { print s / 2 }'; }
      awk -v a="$(mean2 "$work/$name.fast.1")" -v b="$(mean2 "$work/$name.avx2")" 'BEGIN { printf "%.4f 0\n", a / b }' \
        >> "$work/$name.fast.avx2ratio"
    fi
  done
done

# median, min, max of a results file's rates; steps of its last line
stats() { sort -g -k1 "$1" | awk '{ r[NR] = $1; s = $2 } END { printf "%s %s %s %s\n", r[int((NR + 1) / 2)], r[1], r[NR], s }'; }
m() { awk -v x="$1" 'BEGIN { printf "%.1f", x / 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "–" }'; }
ns() { awk -v x="$1" -v t="${2:-1}" 'BEGIN { printf "%.1f", 1e9 * t / x }'; }

table="| case | engine | trajectories | steps | M steps/s per core (median) | range | ns/step | ÷ C + GSL | ÷ numpy | ${CORES}-core speed-up (median, range) |
|---|---|---|---|---|---|---|---|---|---|"
for spec in "${CASES[@]}"; do
  IFS='|' read -r name n ref ours <<<"$spec"
  c_med=0; np_med=0
  if [ -f "$work/$name.c" ]; then
    read -r c_med c_min c_max c_steps < <(stats "$work/$name.c")
    read -r np_med np_min np_max np_steps < <(stats "$work/$name.numpy")
    table+="
| $name | C + GSL (gcc -O2 -march=native) | $n | $c_steps | $(m "$c_med") | $(m "$c_min")–$(m "$c_max") | $(ns "$c_med") | 1 | $(ratio "$c_med" "$np_med") | |
| $name | numpy (vectorised, PCG64) | $n | $np_steps | $(m "$np_med") | $(m "$np_min")–$(m "$np_max") | $(ns "$np_med") | $(ratio "$np_med" "$c_med") | 1 | |"
  fi
  if [ -f "$work/$name.avx2" ]; then
    read -r v_med v_min v_max v_steps < <(stats "$work/$name.avx2")
    read -r vs_med vs_min vs_max _ < <(stats "$work/$name.avx2.speedup")
    table+="
| $name | C AVX2 (xoshiro256+, 16 lanes, gcc -O2 -march=native) | $n | $v_steps | $(m "$v_med") | $(m "$v_min")–$(m "$v_max") | $(ns "$v_med") | $(ratio "$v_med" "$c_med") | $(ratio "$v_med" "$np_med") | $(printf %.2f "$vs_med")× ($(printf %.2f "$vs_min")–$(printf %.2f "$vs_max")), $CORES processes |"
  fi
  for engine in mt19937 fast; do
    read -r o_med o_min o_max o_steps < <(stats "$work/$name.$engine.1")
    read -r s_med s_min s_max _ < <(stats "$work/$name.$engine.speedup")
    label=$([ "$engine" = fast ] && echo "DiffusionEscape fast (xoshiro256++, SIMD lanes)" || echo "DiffusionEscape default (GSL mt19937)")
    table+="
| $name | $label | $n | $o_steps | $(m "$o_med") | $(m "$o_min")–$(m "$o_max") | $(ns "$o_med") | $(ratio "$o_med" "$c_med") | $(ratio "$o_med" "$np_med") | $(printf %.2f "$s_med")× ($(printf %.2f "$s_min")–$(printf %.2f "$s_max")) |"
    eval "${engine}_${name//-/_}=$o_med; ${engine}_${name//-/_}_speedup=$s_med"
  done
  eval "c_${name//-/_}=$c_med; np_${name//-/_}=$np_med"
done
read -r avx2_ratio avx2_ratio_min avx2_ratio_max _ < <(stats "$work/quartic.fast.avx2ratio")

# The targets (issue 18 and before), each with its measured value and verdict.
verdict() { awk -v x="$1" -v t="$2" 'BEGIN { print (x >= t ? "met" : "**not met**") }'; }
targets="| target | measured | verdict |
|---|---|---|
| quartic: fast engine ÷ C AVX2 loop (ratio inside each round) ≥ 0.9 | $(printf %.2f "$avx2_ratio") ($(printf %.2f "$avx2_ratio_min")–$(printf %.2f "$avx2_ratio_max")) | $(verdict "$avx2_ratio" 0.9) |
| quartic: fast engine ≥ 250 M steps/s per core | $(m "$fast_quartic") | $(verdict "$fast_quartic" 250e6) |
| quartic: fast engine ÷ numpy ≥ 5 | $(ratio "$fast_quartic" "$np_quartic") | $(verdict "$(ratio "$fast_quartic" "$np_quartic")" 5) |
| pq with hessian noise: fast engine ≥ 200 M steps/s per core | $(m "$fast_pq") | $(verdict "$fast_pq" 200e6) |
| pq with frozen noise: fast engine ≥ 200 M steps/s per core | $(m "$fast_pq_frozen") | $(verdict "$fast_pq_frozen" 200e6) |"
for name in adam invadam dualadam rmsprop; do
  rate=$(eval echo "\$fast_$name")
  targets+="
| $name (discrete): fast engine ≥ 100 M steps/s per core | $(m "$rate") | $(verdict "$rate" 100e6) |"
done
targets+="
| nd-10: fast engine ≥ 3 × 9.9 M steps/s (3× the fast engine of 2026-12-01) | $(m "$fast_nd_10") | $(verdict "$fast_nd_10" 29.7e6) |"
for name in quartic pq adam invadam; do
  ours=$(eval echo "\$mt19937_$name"); c=$(eval echo "\$c_$name")
  targets+="
| $name: default engine ÷ C + GSL ≥ 0.9 | $(ratio "$ours" "$c") | $(verdict "$(ratio "$ours" "$c")" 0.9) |"
done
for spec in "${CASES[@]}"; do
  IFS='|' read -r name n ref ours <<<"$spec"
  [ "$n" -ge 2000 ] || continue
  for engine in mt19937 fast; do
    s=$(eval echo "\$${engine}_${name//-/_}_speedup")
    targets+="
| $name ($n trajectories), $engine: ${CORES}-core speed-up ≥ 1.9 | $(printf %.2f "$s")× | $(verdict "$s" 1.9) |"
  done
done

echo
echo "$table"
echo
echo "$targets"

# Memory: peak resident set of the whole process against the ensemble size (outcomes are one
# 16-byte summary per trajectory; no paths are stored).
mem_rows=""
for n in 2000 20000 200000; do
  kb=$( { /usr/bin/time -f "%M" $OURS quartic fast "$CORES" "$n" > /dev/null; } 2>&1 | tail -1)
  mem_rows+="| $n | $kb |
"
done

# Where the instructions of one step go (callgrind; bench/callgrind_breakdown.py).
profile_rows=""
if command -v valgrind > /dev/null; then
  PROFILED=${PROFILED_BINARY:-$OURS}
  for spec in "quartic mt19937 100 200" "quartic fast 400 800" "pq mt19937 100 200" "pq fast 400 800" "adam mt19937 10 20" "adam fast 40 80" "nd-separable-100 mt19937 8 16"; do
    set -- $spec
    for k in 3 4; do
      valgrind --tool=callgrind --callgrind-out-file="$work/cg.$k" "$PROFILED" "$1" "$2" 1 "${!k}" > "$work/cg.$k.txt" 2>/dev/null
    done
    breakdown=$(python3 bench/callgrind_breakdown.py "$work/cg.3" "$(field steps "$(cat "$work/cg.3.txt")")" \
                                                    "$work/cg.4" "$(field steps "$(cat "$work/cg.4.txt")")")
    total=$(awk -F'\t' '$1 == "total" { print $2 }' <<<"$breakdown")
    allocations=$(awk -F'\t' '$1 == "allocations" { print $2 }' <<<"$breakdown")
    parts=$(awk -F'\t' '$1 != "total" && $1 != "allocations" && $2 + 0 >= 0.5 { printf "%s%s %s (%s%%)", sep, $1, $2, $3; sep = "; " }' <<<"$breakdown")
    profile_rows+="| $1 | $2 | $total | $allocations | $parts |
"
  done
fi

cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
# The hand-written notes of docs/performance.md (between the markers), kept as they are.
notes=$(sed -n '/^<!-- notes: kept by make bench -->$/,/^<!-- end of notes -->$/p' docs/performance.md)
[ -n "$notes" ] || notes=$'<!-- notes: kept by make bench -->\n<!-- end of notes -->'
cat > docs/performance.md <<DOC
# Performance

Generated by \`make bench\` (bench/run.sh) on $(date -u +%Y-%m-%d); do not edit the numbers by hand.
Machine: $cpu, $CORES cores, $(grep -o -w -m1 avx2 /proc/cpuinfo || echo "no avx2"). Swift $(swift --version 2>&1 | sed -nE 's/.*Swift version ([^ ]+).*/\1/p' | head -1) (\`-c release -target-cpu native\`), gcc $(gcc -dumpversion), GSL $(pkg-config --modversion gsl), numpy $(python3 -c 'import numpy; print(numpy.__version__)').
Command: \`make bench\` (TRAJECTORIES=$T, REPEATS=$REPEATS: every engine runs in every round, rounds
interleaved, so drift of this shared machine — ±20% between runs seconds apart — hits all alike; the
table gives the median and range over the rounds. Our engines and the C AVX2 loop run single-threaded
twice per round, before and after their ${CORES}-thread run; the speed-up is that run's rate over the
mean of the two, and fast ÷ AVX2 the ratio of the two pairs' means).

## The cases

| case | problem | per step |
|---|---|---|
| quartic | \`quartic:barrier=1,a=1\`, SGD, isotropic σ² = 0.5 (D = ησ²/2 = 0.25), Euler–Maruyama dt = 0.01, −1 → +0.5 | one normal, the gradient, two compares, the Brownian-bridge zone test (a uniform and an exp only near +0.5) |
| pq | \`pq:ha=4,hb=2,barrier=0.5\`, SGD, hessian noise C = \|L″\|/B, η = 0.1, dt = 0.01, 0 → midpoint | as quartic, with a branchy gradient and two square roots |
| adam | \`quartic:barrier=1\`, Adam's own iteration (β1 0.9, β2 0.999, ε 1e-8), σ² = 1, η = 0.4 | one normal, moments, a square root and two divisions |
| invadam | the same with InvAdam, η = 0.2 | as adam |
| nd-10, nd-100 | \`separable:base=quartic,barrier=50,spectators=2:…\` in d = 10, 100, isotropic σ² = 0.5, dt = 0.001, 2 000 steps (all censored: fixed work) | d normals, the gradient, the hyperplane and radius tests |
| rotated-10 | its random rotation with hessian noise, η = 1e-4 (ours only) | one GSL eigen-decomposition of the d × d Hessian (O(d³)) |
| dualadam, rmsprop | as adam, with DualAdam (ξ = 0.01: InvAdam annealed to Adam) and RMSprop, η = 0.4 (ours only) | as adam |
| pq-frozen | as pq with frozen noise (ours only) | as pq |
| pq-auto | as pq with the default scheme, skew-euler (the skew-Brownian step near the jumps of g; the stepped, one-trajectory loop) (ours only) | as pq, plus the interface step within 8 noise widths of a jump |
| pq-discrete | SGD's own iteration on pq with hessian noise, η = 0.01 (ours only) | one normal, the gradient, a compare |
| ams | adaptive multilevel splitting on the quartic case (TRAJECTORIES/100 runs of 100 replicas; steps are the chains' steps) (ours only) | one chain step, the level bookkeeping |

The C AVX2 loop (bench/c_avx2.c, quartic only) is the fast engine's algorithm written by hand
in intrinsics: 16 lanes, xoshiro256+ and the same 1024-layer ziggurat, the lane that needs
attention handled alone — the practical limit the fast engine is held to.

The C program reproduces DiffusionEscape's default engine exactly — same per-trajectory
seeds, same arithmetic in the same order, parameters read at run time — so both simulate the
same number of steps (the *steps* column: identical for C + GSL and the default engine). numpy
and the fast engine draw other random numbers, so their steps differ by sampling noise.

## Results

$table

## Targets

Ratios are taken inside each round (the runs compared are made back to back) and the median
over the rounds is given; rates are medians over the rounds.

$targets

$notes

## Memory

Peak resident set of \`EscapeBenchmarks quartic fast $CORES N\` (whole process, KB). A trajectory
leaves one 16-byte outcome (kind, steps) and no path; per worker the engine holds eight lanes'
state (256 bytes of generator state, eight positions), allocated once.

| trajectories N | peak RSS (KB) |
|---|---|
$mem_rows
## Where the time goes

Instructions per step from \`valgrind --tool=callgrind\` (instruction counts are reproducible,
unlike times): two runs of each case with different trajectory counts, the difference divided
by the difference in steps, so start-up cancels; attributed to source lines and grouped by
bench/callgrind_breakdown.py (GSL's library code counts as random numbers; libm's exp and log
serve both the bridge test and the ziggurats' rare wedge and tail draws). The landscape, noise and integrator are inlined across modules into the
trajectory loop, where a release build keeps no source lines for them; the profile therefore
runs the same code built with \`-g -Xfrontend -experimental-serialize-debug-info\` (make bench
does this in .build/profile), for \`-target-cpu haswell\` (AVX2) rather than the native CPU —
valgrind 3.19 cannot decode the AVX-512 code that \`native\` gives on AVX-512 machines; on an AVX2
machine the instruction totals equal the release build's. The compiler
fuses L′(x) into the update expression, so gradient and update share a category; "heap
allocations" counts calls into malloc & co. per step.

| case | engine | instructions per step | heap allocations per step | breakdown: instructions per step (share) |
|---|---|---|---|---|
$profile_rows
Reading it: on the default engine GSL's generator and ziggurat are most of a step, as in the C
loop; the fast engine replaces them by xoshiro256++ and a 1024-layer ziggurat evaluated eight
lanes at a time (its "bookkeeping" is the lanes' own: gathers of the ziggurat table, lane
masks). Instructions are not time: one SIMD instruction does eight lanes' work, and
interleaving hides the latency of the chain x → L′(x) → x′ that bounds a one-trajectory loop —
which is why Adam's iteration (three divisions and a square root in its chain) gains less from
lanes than the SDEs. No case allocates per step: the d-dimensional workspace (θ, ∇L, ∇²L,
normals, eigen-workspace) is allocated once per trajectory — its figure above is those few
allocations spread over a trajectory's 2 000 steps — and the lanes' state once per worker, so
the d-D cost is linear in d (nd-10 against nd-100 per dimension in the table). The d-D
ensembles here have 500 trajectories, below the ≥ 1 000 at which the 2-core speed-up is judged.
DOC
echo "wrote docs/performance.md"
