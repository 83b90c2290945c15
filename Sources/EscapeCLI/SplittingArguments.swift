import ArgumentParser
import Escape
import RareEvents

/// `simulate --method`: brute force or adaptive multilevel splitting.
enum SimulationMethod: String, ExpressibleByArgument, CaseIterable {
    case brute, ams
}

/// The options of `simulate --method ams` (docs/rare-events.md).
struct SplittingArguments: ParsableArguments {
    @Option(help: "ams: replicas N per run.")
    var replicas: Int = 100

    @Option(help: "ams: replicas killed per iteration, k (more when levels tie).")
    var killed: Int = 1

    @Option(name: .customLong("splitting-runs"), help: "ams: independent runs (their spread is the error bar).")
    var runs: Int = 100

    @Option(help: "ams: brute-force loops per run (home → entrance → home), for the loop times and the entrance states.")
    var loops: Int = 200

    @Option(name: .customLong("home-width"), help: "ams: home A reaches this many well widths above the minimum.")
    var home: Double = 0.5

    @Option(name: .customLong("entrance-width"), help: "ams: the entrance Σ lies this many well widths above the minimum.")
    var entrance: Double = 2

    /// The options, seed, threads and engine from the ensemble's arguments; validated.
    func options(_ ensemble: EnsembleArguments) throws -> EscapeSplitting.Options {
        var o = EscapeSplitting.Options()
        (o.replicas, o.killed, o.runs, o.loops, o.home, o.entrance) = (replicas, killed, runs, loops, home, entrance)
        (o.seed, o.threads, o.generator) = (ensemble.seed, ensemble.threads, ensemble.rng)
        try o.validate()
        return o
    }
}
