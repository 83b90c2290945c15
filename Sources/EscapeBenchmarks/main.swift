import Dispatch
import Dynamics
import Escape
import Foundation
import Landscapes
import NumericKit

// The escape-engine benchmark of `make bench` (docs/performance.md).
//
// Usage: EscapeBenchmarks [TRAJECTORIES] [REPEATS] [CASE-PREFIX]
// For each case, engine and thread count it runs the ensemble REPEATS times and prints
//   case=<name> engine=<mt19937|fast> threads=<t> steps=<integrator steps> median_seconds=<s>
//   min_seconds=<s> max_seconds=<s> steps_per_second=<median rate>
//   steps_per_second_per_core=<rate/t> ns_per_step=<per core>
// Per-trajectory streams make every repeat and thread count simulate the same steps.

let arguments = CommandLine.arguments
let trajectories = arguments.count > 1 ? Int(arguments[1])! : 20_000
let repeats = arguments.count > 2 ? Int(arguments[2])! : 3
let only = arguments.count > 3 ? arguments[3] : ""

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
}

/// Runs `body` (returning the steps it simulated) `repeats` times and prints one line.
func measure(_ name: String, engine: RandomGenerator, threads: Int, extra: String = "", _ body: () throws -> Int) rethrows {
    var times: [Double] = []
    var steps = 0
    for _ in 0..<repeats { times.append(try seconds { steps = try body() }) }
    times.sort()
    let median = times[times.count / 2]
    let rate = Double(steps) / median
    print(String(format: "case=%@ engine=%@ threads=%d %@steps=%d median_seconds=%.4f min_seconds=%.4f max_seconds=%.4f steps_per_second=%.4e steps_per_second_per_core=%.4e ns_per_step=%.3f",
                 name, engine.rawValue, threads, extra, steps, median, times.first!, times.last!, rate, rate / Double(threads),
                 1e9 * Double(threads) / rate))
}

struct OneDimensionalCase {
    let name: String
    let problem: EscapeProblem
    /// Trajectories as a fraction of TRAJECTORIES (slow cases run fewer).
    let share: Double
}

let oneDimensional = [
    // The reference problem of the issue: C + GSL and numpy run the same (bench/).
    OneDimensionalCase(name: "quartic-sgd-isotropic", problem: try EscapeProblem(
        landscape: LandscapeSpec.parse("quartic:barrier=1,a=1"), target: .point(0.5), optimizer: .sgd,
        noise: .isotropic(sigma2: 0.5), learningRate: 1, model: .sde(integrator: .eulerMaruyama, dt: 0.01)), share: 1),
    OneDimensionalCase(name: "pq-sgd-hessian", problem: try EscapeProblem(
        landscape: LandscapeSpec.parse("pq:ha=4,hb=2,barrier=0.5"), optimizer: .sgd,
        noise: .hessian(batch: 1, floor: 0), learningRate: 0.1, model: .sde(integrator: .eulerMaruyama, dt: 0.01)), share: 1),
    // The optimizers' own iterations (THEORY §1): Adam's escapes take ~19 000 steps, InvAdam's ~8 500.
    OneDimensionalCase(name: "quartic-adam-discrete", problem: try EscapeProblem(
        landscape: LandscapeSpec.parse("quartic:barrier=1,a=1"), optimizer: .adam,
        noise: .isotropic(sigma2: 1), learningRate: 0.4, model: .discrete), share: 0.1),
    OneDimensionalCase(name: "quartic-invadam-discrete", problem: try EscapeProblem(
        landscape: LandscapeSpec.parse("quartic:barrier=1,a=1"), optimizer: .invadam,
        noise: .isotropic(sigma2: 1), learningRate: 0.2, model: .discrete), share: 0.2),
]

for benchmark in oneDimensional where benchmark.name.hasPrefix(only) {
    for engine in [RandomGenerator.mt19937, .fast] {
        for threads in Set([1, EnsembleOptions.availableCores]).sorted() {
            let n = max(16, Int(Double(trajectories) * benchmark.share))
            let options = try EnsembleOptions(trajectories: n, seed: 1, threads: threads, generator: engine)
            try measure(benchmark.name, engine: engine, threads: threads, extra: "trajectories=\(n) ") {
                try EscapeSimulation.run(benchmark.problem, options).estimate.integratorSteps
            }
        }
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
] where name.hasPrefix(only) {
    // Hessian noise (C ≈ 400 at the minimum) with a small η keeps every walker in the basin.
    let lr = if case .hessian = noise { 1e-4 } else { 1.0 }
    let problem = try EscapeProblemND(landscape: LandscapeSpec.parseND(spec), optimizer: .sgd, noise: noise, learningRate: lr,
                                      model: .sde(integrator: .eulerMaruyama, dt: 0.001), maxSteps: ndSteps)
    let n = max(8, trajectories / (d >= 10 ? 40 : 4))
    for engine in [RandomGenerator.mt19937, .fast] {
        let options = try EnsembleOptions(trajectories: n, seed: 1, threads: 1, generator: engine)
        try measure(name, engine: engine, threads: 1, extra: "dim=\(d) ") {
            try EscapeSimulationND.run(problem, options).estimate.integratorSteps
        }
    }
}
