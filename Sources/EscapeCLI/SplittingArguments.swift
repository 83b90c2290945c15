import ArgumentParser
import RareEvents

/// `simulate --method`: brute force or adaptive multilevel splitting.
enum SimulationMethod: String, ExpressibleByArgument, CaseIterable {
    case brute, ams
}

/// The options of `simulate --method ams` (docs/rare-events.md). Optional, so that one given
/// with `--method brute` is refused rather than ignored; the defaults are
/// ``EscapeSplitting/Options``'.
struct SplittingArguments: ParsableArguments {
    @Option(help: "ams: replicas N per run (default 100).")
    var replicas: Int?

    @Option(help: "ams: replicas killed per iteration, k (more when levels tie; default 1).")
    var killed: Int?

    @Option(name: .customLong("splitting-runs"), help: "ams: independent runs (their spread is the error bar; default 100).")
    var runs: Int?

    @Option(help: "ams: brute-force loops per run (home → entrance → home), for the loop times and the entrance states (default 200).")
    var loops: Int?

    @Option(name: .customLong("home-width"), help: "ams: home A reaches this many well widths above the minimum (default 0.5).")
    var home: Double?

    @Option(name: .customLong("entrance-width"), help: "ams: the entrance Σ lies this many well widths above the minimum (default 2).")
    var entrance: Double?

    /// The names of the options given on the command line.
    var given: [String] {
        [("replicas", replicas != nil), ("killed", killed != nil), ("splitting-runs", runs != nil), ("loops", loops != nil),
         ("home-width", home != nil), ("entrance-width", entrance != nil)].filter(\.1).map(\.0)
    }

    /// The options, seed, threads and engine from the ensemble's arguments; validated.
    func options(_ ensemble: EnsembleArguments) throws -> EscapeSplitting.Options {
        var o = EscapeSplitting.Options()
        o.replicas = replicas ?? o.replicas
        o.killed = killed ?? o.killed
        o.runs = runs ?? o.runs
        o.loops = loops ?? o.loops
        o.home = home ?? o.home
        o.entrance = entrance ?? o.entrance
        (o.seed, o.threads, o.generator) = (ensemble.seed, ensemble.threads, ensemble.rng)
        try o.validate()
        return o
    }
}
