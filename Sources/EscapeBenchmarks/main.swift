import Dispatch
import Dynamics
import Ensembles
import Escape
import EscapeND
import Foundation
import Landscapes
import NumericKit
import RareEvents

// The escape-engine benchmark of `make bench` (bench/run.sh, docs/performance.md).
//
// Usage: EscapeBenchmarks CASE ENGINE THREADS TRAJECTORIES [REPEATS]
//   CASE    quartic | pq | adam | invadam | nd-separable-D | nd-rotated-D  (bench/c_gsl.c
//           describes each; the d-dimensional cases censor every trajectory at 2 000 steps);
//           ours only: pq-frozen | pq-auto (the default scheme there, skew-euler) | pq-discrete |
//           dualadam | rmsprop | ams (splitting on the quartic case, TRAJECTORIES/100 runs of
//           100 replicas; its steps are the chains' steps)
//   ENGINE  mt19937 (GSL, the default engine) | fast
// Runs the ensemble REPEATS times (default 1) and prints one line
//   case=… engine=… threads=… trajectories=… steps=<integrator steps> median_seconds=…
//   min_seconds=… max_seconds=… steps_per_second=<median rate> ns_per_step=<per core>
// Per-trajectory streams make every repeat and thread count simulate the same steps.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("EscapeBenchmarks: \(message)\n".utf8))
    exit(2)
}

let arguments = CommandLine.arguments
guard arguments.count >= 5, let threads = Int(arguments[3]), let trajectories = Int(arguments[4]) else {
    fail("usage: EscapeBenchmarks CASE ENGINE THREADS TRAJECTORIES [REPEATS]")
}
let name = arguments[1]
guard let engine = RandomGenerator(rawValue: arguments[2]) else { fail("unknown engine \(arguments[2])") }
let repeats = arguments.count > 5 ? Int(arguments[5]) ?? 1 : 1

/// The simulation a case runs, returning the integrator steps it took.
func simulation(_ name: String, _ options: EnsembleOptions) throws -> () throws -> Int {
    func oneDimensional(_ spec: String, _ target: EscapeTarget, _ optimizer: OptimizerKind, _ noise: NoiseSpec,
                        _ lr: Double, _ model: DynamicsModel) throws -> () throws -> Int {
        let problem = try EscapeProblem(landscape: LandscapeSpec.parse(spec), target: target, optimizer: optimizer,
                                        noise: noise, learningRate: lr, model: model)
        return { try EscapeSimulation.run(problem, options).estimate.integratorSteps }
    }
    switch name {
    case "quartic":
        return try oneDimensional("quartic:barrier=1,a=1", .point(0.5), .sgd, .isotropic(sigma2: 0.5), 1,
                                  .sde(integrator: .eulerMaruyama, dt: 0.01))
    case "pq":
        return try oneDimensional("pq:ha=4,hb=2,barrier=0.5", .midpoint, .sgd, .hessian(batch: 1, floor: 0), 0.1,
                                  .sde(integrator: .eulerMaruyama, dt: 0.01))
    case "adam":
        return try oneDimensional("quartic:barrier=1,a=1", .midpoint, .adam, .isotropic(sigma2: 1), 0.4, .discrete)
    case "invadam":
        return try oneDimensional("quartic:barrier=1,a=1", .midpoint, .invadam, .isotropic(sigma2: 1), 0.2, .discrete)
    case "pq-frozen":
        return try oneDimensional("pq:ha=4,hb=2,barrier=0.5", .midpoint, .sgd, .frozen(batch: 1), 0.1,
                                  .sde(integrator: .eulerMaruyama, dt: 0.01))
    case "pq-auto":
        return try oneDimensional("pq:ha=4,hb=2,barrier=0.5", .midpoint, .sgd, .hessian(batch: 1, floor: 0), 0.1,
                                  .sde(integrator: .automatic, dt: 0.01))
    case "pq-discrete":
        return try oneDimensional("pq:ha=4,hb=2,barrier=0.5", .midpoint, .sgd, .hessian(batch: 1, floor: 0), 0.1, .discrete)
    case "dualadam":
        return try oneDimensional("quartic:barrier=1,a=1", .midpoint, .dualadam, .isotropic(sigma2: 1), 0.4, .discrete)
    case "rmsprop":
        return try oneDimensional("quartic:barrier=1,a=1", .midpoint, .rmsprop, .isotropic(sigma2: 1), 0.4, .discrete)
    case "ams":
        let problem = try EscapeProblem(landscape: LandscapeSpec.parse("quartic:barrier=1,a=1"), target: .point(0.5), optimizer: .sgd,
                                        noise: .isotropic(sigma2: 0.5), learningRate: 1, model: .sde(integrator: .eulerMaruyama, dt: 0.01))
        var splitting = EscapeSplitting.Options()
        splitting.runs = max(2, options.trajectories / 100)
        splitting.seed = options.seed
        splitting.threads = options.threads
        splitting.generator = options.generator
        return { try EscapeSplitting.run(problem, splitting).estimate.steps }
    default:
        // nd-separable-D: separable quartic (barrier 50) + D − 1 spectators of curvature 2, isotropic
        // noise (the diagonal path, O(d) per step); nd-rotated-D: its random rotation with hessian
        // noise (C = V√(Λ² + δ²)Vᵀ/B: one GSL eigen-decomposition per step, O(d³)). Every
        // trajectory is censored at 2 000 steps: a fixed amount of work.
        let parts = name.split(separator: "-")
        guard parts.count == 3, parts[0] == "nd", let d = Int(parts[2]), d >= 2 else { fail("unknown case \(name)") }
        let spectators = (1..<d).map { _ in "2" }.joined(separator: ":")
        let separable = "separable:base=quartic,barrier=50,spectators=\(spectators)"
        let (spec, noise, lr): (String, NoiseSpec, Double) = switch parts[1] {
        case "separable": (separable, .isotropic(sigma2: 0.5), 1)
        // Hessian noise (C ≈ 400 at the minimum) with a small η keeps every walker in the basin.
        case "rotated": ("rotated:seed=1,of=\(separable)", .hessian(batch: 1, floor: 1), 1e-4)
        default: fail("unknown case \(name)")
        }
        let problem = try EscapeProblemND(landscape: LandscapeSpec.parseND(spec), optimizer: .sgd, noise: noise,
                                          learningRate: lr, model: .sde(integrator: .eulerMaruyama, dt: 0.001),
                                          maxSteps: 2_000)
        return { try EscapeSimulationND.run(problem, options).estimate.integratorSteps }
    }
}

let options = try EnsembleOptions(trajectories: trajectories, seed: 1, threads: threads, generator: engine)
let run = try simulation(name, options)
var times: [Double] = []
var steps = 0
for _ in 0..<repeats {
    let start = DispatchTime.now().uptimeNanoseconds
    steps = try run()
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
}
times.sort()
let median = times[times.count / 2]
let rate = Double(steps) / median
print(String(format: "case=%@ engine=%@ threads=%d trajectories=%d steps=%d median_seconds=%.4f min_seconds=%.4f max_seconds=%.4f steps_per_second=%.4e ns_per_step=%.3f",
             name, engine.rawValue, threads, trajectories, steps, median, times.first!, times.last!, rate,
             1e9 * Double(threads) / rate))
