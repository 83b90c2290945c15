import NumericKit

/// `escape simulate --times FILE.csv`: one row per trajectory, in index order (docs/output.md).
///
/// - `from`: the well (`left`, `right`, `minimum k`);
/// - `index`: the trajectory i, which draws from stream i of the run seed;
/// - `seed`: that stream's seed, streamSeed(run seed, i) (``StreamSeeding``): the one number that
///   replays trajectory i alone;
/// - `outcome`: escaped, censored (hit the step cap: its time is a lower bound) or diverged;
/// - `steps`: integrator steps taken (optimizer steps for the discrete model);
/// - `time`: SDE time t covered (steps × dt, or Σ dtₖ under step control; steps × η discrete);
/// - `optimizerSteps`: t/η.
public enum TrajectoryTable {
    public static let header = ["from", "index", "seed", "outcome", "steps", "time", "optimizerSteps"]

    public static func rows(_ run: ComparedEscape) -> [[String]] {
        let seed = run.result.options.seed, eta = run.predicted.learningRate, dt = run.result.timePerStep
        return run.result.outcomes.enumerated().map { i, outcome in
            let time = outcome.duration * dt
            return [run.predicted.from, String(i), String(StreamSeeding.streamSeed(run: seed, stream: UInt64(i))),
                    "\(outcome.kind)", String(outcome.steps), "\(time)", "\(time / eta)"]
        }
    }

    public static func csv(_ rows: [[String]]) -> String { TableWriter.csv(header: header, rows: rows) }
}
