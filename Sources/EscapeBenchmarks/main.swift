import Dispatch
import Dynamics
import Escape
import Foundation
import Landscapes

// The escape-engine benchmark of `make bench` (docs/performance.md).
//
// Usage: EscapeBenchmarks [TRAJECTORIES] [REPEATS]
// For each case and thread count it runs the ensemble REPEATS times and prints one line
//   case=<name> threads=<t> steps=<integrator steps> median_seconds=<s> min_seconds=<s> max_seconds=<s>
//   steps_per_second=<median rate> steps_per_second_per_core=<rate/t> ns_per_step=<per core>
// The per-trajectory streams make every repeat and thread count simulate the same steps.

let arguments = CommandLine.arguments
let trajectories = arguments.count > 1 ? Int(arguments[1])! : 20_000
let repeats = arguments.count > 2 ? Int(arguments[2])! : 3

struct BenchmarkCase {
    let name: String
    let problem: EscapeProblem
}

let quartic = try EscapeProblem(
    landscape: LandscapeSpec.parse("quartic:barrier=1,a=1"), target: .point(0.5), optimizer: .sgd,
    noise: .isotropic(sigma2: 0.5), learningRate: 1, model: .sde(integrator: .eulerMaruyama, dt: 0.01))
let pq = try EscapeProblem(
    landscape: LandscapeSpec.parse("pq:ha=4,hb=2,barrier=0.5"), optimizer: .sgd,
    noise: .hessian(batch: 1, floor: 0), learningRate: 0.1, model: .sde(integrator: .eulerMaruyama, dt: 0.01))
let cases = [BenchmarkCase(name: "quartic-sgd-isotropic", problem: quartic),
             BenchmarkCase(name: "pq-sgd-hessian", problem: pq)]

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
}

for benchmark in cases {
    for threads in [1, EnsembleOptions.availableCores] {
        let options = try EnsembleOptions(trajectories: trajectories, seed: 1, threads: threads)
        var times: [Double] = []
        var steps = 0
        for _ in 0..<repeats {
            times.append(try seconds { steps = try EscapeSimulation.run(benchmark.problem, options).estimate.integratorSteps })
        }
        times.sort()
        let median = times[times.count / 2]
        let rate = Double(steps) / median
        print(String(format: "case=%@ threads=%d steps=%d median_seconds=%.4f min_seconds=%.4f max_seconds=%.4f steps_per_second=%.4e steps_per_second_per_core=%.4e ns_per_step=%.3f",
                     benchmark.name, threads, steps, median, times.first!, times.last!, rate, rate / Double(threads),
                     1e9 * Double(threads) / rate))
    }
}

// d-dimensional steps: a fixed amount of work per case (every trajectory censored at the
// step cap: the barrier is far too high to escape), 1 thread. Separable quartic with
// isotropic noise (diagonal path, O(d) per step) and its rotation with hessian noise (one
// eigen-decomposition per step, O(d³)).
func spectators(_ d: Int) -> String { (1..<d).map { _ in "2" }.joined(separator: ";") }
let ndSteps = 2_000
for (name, d, spec, noise) in [
    ("nd-separable-isotropic", 2, "separable:base=quartic,barrier=50,spectators=\(spectators(2))", NoiseSpec.isotropic(sigma2: 0.5)),
    ("nd-separable-isotropic", 10, "separable:base=quartic,barrier=50,spectators=\(spectators(10))", .isotropic(sigma2: 0.5)),
    ("nd-separable-isotropic", 100, "separable:base=quartic,barrier=50,spectators=\(spectators(100))", .isotropic(sigma2: 0.5)),
    ("nd-rotated-hessian", 2, "rotated:seed=1,of=separable:base=quartic,barrier=50,spectators=\(spectators(2))", .hessian(batch: 1, floor: 1)),
    ("nd-rotated-hessian", 10, "rotated:seed=1,of=separable:base=quartic,barrier=50,spectators=\(spectators(10))", .hessian(batch: 1, floor: 1)),
] {
    // Hessian noise (C ≈ 400 at the minimum) with a small η keeps every walker in the basin.
    let lr = if case .hessian = noise { 1e-4 } else { 1.0 }
    let problem = try EscapeProblemND(landscape: LandscapeSpec.parseND(spec), optimizer: .sgd, noise: noise, learningRate: lr,
                                      model: .sde(integrator: .eulerMaruyama, dt: 0.001), maxSteps: ndSteps)
    let n = max(8, trajectories / (d >= 10 ? 40 : 4))
    let options = try EnsembleOptions(trajectories: n, seed: 1, threads: 1)
    var times: [Double] = []
    var steps = 0
    for _ in 0..<repeats {
        times.append(try seconds { steps = try EscapeSimulationND.run(problem, options).estimate.integratorSteps })
    }
    times.sort()
    let median = times[times.count / 2]
    let ns = 1e9 * median / Double(steps)
    print(String(format: "case=%@ dim=%d threads=1 steps=%d median_seconds=%.4f steps_per_second=%.4e ns_per_step=%.1f ns_per_step_per_dimension=%.2f",
                 name, d, steps, median, Double(steps) / median, ns, ns / Double(d)))
}
