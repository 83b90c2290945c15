import ArgumentParser
import Foundation
import NumericKit
import Sweeps

/// `escape sweep FILE.json --out DIR`: a grid of comparisons into tables, fits and figures;
/// resumable and shardable.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a sweep file: a grid of escape problems, simulated and predicted, into tables, fits and SVG figures.",
        discussion: """
            Writes table.csv, table.json, fits.json, summary.md, provenance.json and SVG figures to --out. \
            Each finished point is appended to points.jsonl and flushed to disk first, so a killed run loses \
            nothing: rerun with --resume. --shard i/n runs the points with index ≡ i (mod n); combine the shard \
            directories with `escape merge`. The file format is in docs/sweeps.md.
            """)

    @Argument(help: "The sweep file (JSON; docs/sweeps.md).")
    var file: String

    @Option(help: "Output directory.")
    var out: String

    @Flag(help: "Continue the run recorded in --out (its points.jsonl), running only the missing points.")
    var resume = false

    @Option(help: "Run only shard i of n (points with index ≡ i mod n), e.g. 0/4.")
    var shard: String?

    @Option(help: "Worker threads per point (default: all cores); results do not depend on it.")
    var threads: Int?

    @Flag(help: "Run points even when the cost estimate says they would take hours or censor nearly every trajectory.")
    var force = false

    @OptionGroup var output: OutputArguments

    func run() throws {
        let spec = try SweepSpec.load(path: file)
        let part = try shard.map { text throws(InvalidParameter) in try Shard(parsing: text) }
        let directory = URL(fileURLWithPath: out)
        let reporter = ProgressReporter(title: spec.name)
        let (file, out, shard) = (self.file, self.out, self.shard)
        InterruptHandler.install {
            "escape: interrupted; \(InterruptHandler.finishedPoints(in: directory)) finished points are in \(out)/points.jsonl. Continue with: escape sweep \(file) --out \(out)\(shard.map { " --shard \($0)" } ?? "") --resume"
        }
        var ran = 0
        let outcome = try SweepRunner.run(spec, directory: directory, mode: resume ? .resume : .fresh, shard: part,
                                          threads: threads, force: force, tool: "escape \(ToolVersion.current)") { p in
            ran += 1
            reporter.report(p, ranSoFar: ran)
        }
        if output.json { return try JSONOutput.print(SweepReport(outcome, directory: directory)) }
        SweepReport.printSummary(spec.name, outcome, directory: directory)
        if let part {
            print("This is shard \(part) of \(spec.name): its fits use only its own points. Run every shard i/\(part.count) into its own directory, then combine them with `escape merge DIR_0 … DIR_\(part.count - 1) --out DIR` for the whole table and fits.")
        }
    }
}

/// `escape merge DIR... --out DIR`: the shards of one sweep into its whole table.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the output directories of a sweep's shards into the table of the whole grid.",
        discussion: "Refuses shards of different sweeps, overlapping shards and missing points; the merged table equals the unsharded one (bar wallSeconds).")

    @Argument(help: "Shard output directories.")
    var directories: [String]

    @Option(help: "Output directory for the merged tables.")
    var out: String

    @OptionGroup var output: OutputArguments

    func run() throws {
        let directory = URL(fileURLWithPath: out)
        let outcome = try SweepMerge.merge(directories.map { URL(fileURLWithPath: $0) }, into: directory,
                                           tool: "escape \(ToolVersion.current)")
        if output.json { return try JSONOutput.print(SweepReport(outcome, directory: directory)) }
        SweepReport.printSummary("merge", outcome, directory: directory)
    }
}

/// The `--json` object of `sweep` and `merge`.
struct SweepReport: Encodable {
    let directory: String
    let points: Int
    let pointsRun: Int
    let pointsFromLog: Int
    let agreeing: Int
    let fits: [SweepFitResult]

    init(_ outcome: SweepRunner.Outcome, directory: URL) {
        self.directory = directory.path
        points = outcome.rows.count
        pointsRun = outcome.pointsRun
        pointsFromLog = outcome.pointsFromLog
        agreeing = outcome.rows.filter(\.agrees).count
        fits = outcome.fits
    }

    static func printSummary(_ name: String, _ outcome: SweepRunner.Outcome, directory: URL) {
        let rows = outcome.rows
        print(Text.table([["point", "ΔΦ", "measured τ", "± SE", "reference", "meas/ref", "z", "agrees"]] + rows.map { r in
            [r.label.isEmpty ? "\(r.index)" : "\(r.index): \(r.label)", Text.number(r.effectiveBarrier, 4), Text.number(r.meanTime, 5),
             Text.number(r.standardError, 3), Text.number(r.referenceTime, 5), Text.number(r.measuredOverReference, 4),
             Text.number(r.zScore, 2), r.agrees ? "yes" : "NO"]
        }))
        print("\n\(rows.filter(\.agrees).count) of \(rows.count) points agree with their reference within 4 SE + the allowance (\(outcome.pointsRun) run now, \(outcome.pointsFromLog) from the log).")
        for fit in outcome.fits { print("\(fit.kind) [\(fit.group)]: \(fit.detail)") }
        print("\(name): tables, fits, summary.md and figures in \(directory.path)")
    }
}
