import Dynamics
import Ensembles
import Foundation
import NumericKit
import Theory

/// A deterministic part of a grid: shard i of n runs the points with index ≡ i (mod n), so
/// the shards of one spec partition its points whatever machine runs them.
public struct Shard: Sendable, Equatable, Codable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// Parses "i/n" with 0 ≤ i < n.
    public init(parsing text: String) throws(InvalidParameter) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else {
            throw InvalidParameter("shard", given: "'\(text)'", allowed: "i/n with whole numbers 0 ≤ i < n (e.g. 0/4)")
        }
        index = i; count = n
    }

    public func contains(_ point: Int) -> Bool { point % count == index }
    public var description: String { "\(index)/\(count)" }
}

/// Runs a sweep point by point into a directory (``SweepLog`` for durability, then
/// ``SweepOutputs``). Points run one after another, each ensemble across `threads`; a
/// point's numbers depend only on (spec, point index), never on threads, order or shard.
public enum SweepRunner {
    /// What to do with a directory that already holds a points log.
    public enum Mode: Sendable {
        /// Refuse to touch it.
        case fresh
        /// Discard it and start again.
        case overwrite
        /// Keep its rows and run only the missing points.
        case resume
    }

    /// Reported after each point.
    public struct Progress: Sendable {
        public let done: Int
        public let total: Int
        public let row: SweepRow
        public let elapsed: Double
    }

    public struct Outcome: Sendable {
        public let rows: [SweepRow]
        public let fits: [SweepFitResult]
        public let pointsRun: Int
        public let pointsFromLog: Int
    }

    /// The points of `shard` (all of them if nil), every problem built, validated and its cost
    /// checked: what ``run(_:directory:mode:shard:threads:force:prepared:tool:progress:)`` does
    /// first, for callers that must refuse bad input in several sweeps before running any.
    public static func prepare(_ spec: SweepSpec, shard: Shard? = nil, force: Bool = false) throws -> [SweepPoint] {
        let points = try spec.points().filter { shard?.contains($0.index) ?? true }
        for point in points { try checkCost(point, trajectories: spec.trajectories ?? 0, force: force) }
        return points
    }

    /// Runs `prepared` (the result of ``prepare(_:shard:force:)`` for the same spec and shard),
    /// or prepares the points itself.
    public static func run(_ spec: SweepSpec, directory: URL, mode: Mode, shard: Shard? = nil, threads: Int? = nil,
                           force: Bool = false, prepared: [SweepPoint]? = nil, tool: String,
                           progress: (Progress) -> Void = { _ in }) throws -> Outcome {
        let started = Date()
        let points = try prepared ?? prepare(spec, shard: shard, force: force)
        // The thread count (and the trajectory count's memory) refused before anything is written;
        // a sweep whose points all split has no trajectory count, so the smallest is checked.
        _ = try EnsembleOptions(trajectories: spec.trajectories ?? 2, seed: spec.seed, threads: threads, generator: spec.generator)
        try TableWriter.prepare(directory: directory)
        let record = SweepRecord(spec: spec, shard: shard)
        let specURL = directory.appendingPathComponent(SweepOutputs.recordFileName)
        let logURL = directory.appendingPathComponent(SweepLog.fileName)
        var rows: [SweepRow] = []
        switch mode {
        case .fresh:
            if FileManager.default.fileExists(atPath: logURL.path) {
                throw InvalidParameter("out", given: "\(directory.path) (holds \(SweepLog.fileName) of an earlier run)",
                                       allowed: "--resume to continue that run, or an output directory without one")
            }
        case .overwrite:
            try SweepLog.clear(directory)
        case .resume:
            if FileManager.default.fileExists(atPath: specURL.path) {
                let existing = try SweepRecord.load(specURL)
                guard existing == record else {
                    throw InvalidParameter("resume", given: "\(directory.path) holds a different sweep or shard",
                                           allowed: "the same sweep file and --shard as the interrupted run")
                }
            }
            rows = try SweepLog.read(directory)
            let wanted = Set(points.map(\.index))
            var seen = Set<Int>()
            for row in rows where !wanted.contains(row.index) || !seen.insert(row.index).inserted {
                throw InvalidParameter("resume", given: "\(logURL.path) has point \(row.index) twice or outside this run",
                                       allowed: "a points log of this sweep and shard")
            }
        }
        try SweepOutputs.writeRecord(record, to: directory)
        let done = Set(rows.map(\.index))
        let fromLog = rows.count
        var ran = 0
        for point in points where !done.contains(point.index) {
            let clock = ContinuousClock.now
            let row = try simulate(point, spec: spec, threads: threads) {
                let d = ContinuousClock.now - clock
                return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
            }
            try SweepLog.append(row, to: directory)
            rows.append(row)
            ran += 1
            progress(Progress(done: rows.count, total: points.count, row: row, elapsed: row.wallSeconds))
        }
        // The tables are made from the log itself, so a resumed run writes what an uninterrupted one does.
        let logged = try SweepLog.read(directory)
        let provenance = Provenance(tool: tool, spec: spec, shard: shard?.description, started: started, finished: Date(),
                                    pointsRun: ran, pointsFromLog: fromLog)
        let fits = try SweepOutputs.write(spec, rows: logged, to: directory, provenance: provenance)
        return Outcome(rows: logged.sorted { $0.index < $1.index }, fits: fits, pointsRun: ran, pointsFromLog: fromLog)
    }

    /// Refuses a point that would run for hours or censor nearly everything (``CostEstimate``;
    /// ``SplittingCost`` for a splitting point).
    public static func checkCost(_ point: SweepPoint, trajectories: Int, force: Bool) throws {
        guard !force else { return }
        do {
            let predicted = try PredictedEscape(point.problem)
            switch point.method {
            case .bruteForce: try predicted.checkCost(trajectories: trajectories, force: false)
            case .splitting(let options): try predicted.checkCost(splitting: options, force: false)
            }
        } catch let error as InvalidParameter {
            throw InvalidParameter("\(error.parameter) of point \(point.index) [\(point.label)]", given: error.given, allowed: error.allowed)
        }
    }

    /// Predicts, simulates (by the point's method) and compares one point (the compare
    /// pipeline, ``PredictedEscape``; ``SplitEscape``), seeded by the point's seed.
    static func simulate(_ point: SweepPoint, spec: SweepSpec, threads: Int?, seconds: () -> Double) throws -> SweepRow {
        let predicted = try PredictedEscape(point.problem)
        switch point.method {
        case .bruteForce:
            let options = try EnsembleOptions(trajectories: spec.trajectories ?? 0, seed: point.seed, threads: threads,
                                              generator: spec.generator)
            return SweepRow(point: point, compared: try predicted.simulate(options), allowance: spec.allowance, wallSeconds: seconds())
        case .splitting(var options):
            (options.seed, options.threads, options.generator) = (point.seed, threads, spec.generator)
            return SweepRow(point: point, split: try SplitEscape(predicted, options), allowance: spec.allowance, wallSeconds: seconds())
        }
    }
}

/// `run.json`: the spec and shard a directory's log belongs to.
public struct SweepRecord: Sendable, Equatable, Codable {
    public let spec: SweepSpec
    public let shard: Shard?

    public static func load(_ url: URL) throws(InvalidParameter) -> SweepRecord {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw InvalidParameter("directory", given: url.deletingLastPathComponent().path,
                                   allowed: "a sweep output directory (no \(url.lastPathComponent))")
        }
        do { return try JSONDecoder().decode(SweepRecord.self, from: data) } catch {
            throw InvalidParameter(url.path, given: "unreadable", allowed: "a sweep record written by escape sweep (\(error))")
        }
    }
}
