import ArgumentParser
import Dynamics
import Foundation
import NumericKit
import Sweeps

/// `escape reproduce`: the built-in sweeps that re-derive the escape-time theorems, with a
/// verdict table; every sweep's outputs under OUT/NAME (OUT/quick/NAME for --quick).
struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Run the built-in sweeps that reproduce the escape-time theorems (p = 1 SGD, 1/2 Adam, 3/2 InvAdam) and print the verdicts.",
        discussion: """
            Sweeps: exponent (p per optimizer), kramers (exact and Kramers as the barrier grows), batch and \
            learning-rate, selectivity (sharp against flat), dualadam (escape fraction against the hazard), \
            time-step (Euler–Maruyama's jump bias), roughness (rough landscapes against Zwanzig), loss-noise (the power \
            law of loss-proportional noise), lr-schedule (cosine annealing against the quasi-static hazard), heavy-tails and heavy-tails-width (α-stable noise: τ flat in the barrier, ∝ width^α). Each writes tables, fits, summary.md, provenance.json, SVG \
            figures and its sweep.json to OUT/NAME (OUT/quick/NAME with --quick), then the in-basin spectra of \
            SGD, Adam and InvAdam to OUT/spectra. About 19 minutes on 2 cores; --quick about a minute. docs/reproduce.md walks through the results.
            """)

    @Flag(help: "Fewer trajectories and barriers (about a minute; for CI).")
    var quick = false

    @Option(help: "Output directory.")
    var out: String = "notebooks-data"

    @Option(help: "Run seed; point k of a sweep uses the derived seed (seed, k).")
    var seed: UInt64 = 2026

    @Option(help: "Run only these sweeps (comma-separated names).")
    var only: String?

    @Flag(help: "Continue an interrupted run from the sweeps' points.jsonl logs.")
    var resume = false

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?

    @OptionGroup var output: OutputArguments

    /// The `--json` object: every sweep's fits and agreement count.
    struct Report: Encodable {
        struct Sweep: Encodable {
            let name: String
            let directory: String
            let points: Int
            let agreeing: Int
            let verdict: SweepVerdict
            let fits: [SweepFitResult]
        }
        struct Spectrum: Encodable {
            let optimizer: String
            let directory: String
            let report: SpectrumReport
        }
        let quick: Bool
        let sweeps: [Sweep]
        let spectra: [Spectrum]
        let spectraVerdict: SweepVerdict?
    }

    func run() throws {
        var specs = ReproduceSuite.specs(quick: quick, seed: seed)
        if let only {
            let names = only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            for name in names where !specs.contains(where: { $0.name == name }) && name != "spectra" {
                throw InvalidParameter("only", given: "'\(name)'", allowed: (specs.map(\.name) + ["spectra"]).joined(separator: ", "))
            }
            specs = specs.filter { names.contains($0.name) }
        }
        let root = URL(fileURLWithPath: out).appendingPathComponent(quick ? "quick" : "")
        try TableWriter.prepare(directory: root)
        // Every problem valid, and affordable, before any work.
        let prepared = try specs.map { try SweepRunner.prepare($0) }
        var report: [Report.Sweep] = []
        let rerun = CommandLine.arguments.dropFirst().filter { $0 != "--resume" }.joined(separator: " ")
        InterruptHandler.install {
            "escape: interrupted; finished points are kept in \(root.path)/NAME/points.jsonl. Continue with: escape \(rerun) --resume"
        }
        for (spec, points) in zip(specs, prepared) {
            let directory = root.appendingPathComponent(spec.name)
            let reporter = ProgressReporter(title: spec.name)
            var ran = 0
            let outcome = try SweepRunner.run(spec, directory: directory, mode: resume ? .resume : .overwrite, threads: threads,
                                              prepared: points, tool: "escape \(ToolVersion.current)") { p in
                ran += 1
                reporter.report(p, ranSoFar: ran)
            }
            report.append(.init(name: spec.name, directory: directory.path, points: outcome.rows.count,
                                agreeing: outcome.rows.filter(\.agrees).count,
                                verdict: SweepVerdict(sweep: spec.name, rows: outcome.rows, fits: outcome.fits), fits: outcome.fits))
        }
        // The in-basin spectra (docs/theory.md §8) of SGD, Adam and InvAdam: Welch PSD and variance per direction.
        var spectra: [Report.Spectrum] = []
        if only == nil || only!.split(separator: ",").contains("spectra") {
            for optimizer in ReproduceSuite.spectrumOptimizers {
                var d = ProblemDescription(landscape: ReproduceSuite.spectrumSpec)
                try d.set("optimizer", to: .text(optimizer)); try d.set("noise", to: .text("hessian")); try d.set("lr", to: .number(0.02))
                guard case .multiDimensional(let problem) = try d.build() else { continue }
                let directory = root.appendingPathComponent("spectra").appendingPathComponent(optimizer)
                let spectrum = try SpectrumReport(problem, steps: quick ? 1 << 17 : 1 << 20, burnIn: nil, segment: quick ? 1024 : 4096,
                                                  seed: seed)
                try SpectrumCommand.write(spectrum, to: directory)
                FileHandle.standardError.write(Data("spectra [\(optimizer)] written to \(directory.path)\n".utf8))
                spectra.append(.init(optimizer: optimizer, directory: directory.path, report: spectrum))
            }
        }
        let spectraReports = spectra.map { (optimizer: $0.optimizer, report: $0.report) }
        let spectraVerdict = ReproduceSummary.spectraVerdict(spectraReports)
        let summary = ReproduceSummary.markdown(report.map { .init(verdict: $0.verdict, fits: $0.fits) }, spectra: spectraReports)
        try TableWriter.write(summary, to: root.appendingPathComponent("summary.md"))
        if output.json { return try JSONOutput.print(Report(quick: quick, sweeps: report, spectra: spectra, spectraVerdict: spectraVerdict)) }
        var table = [["sweep", "verdict", "basis"]]
        for v in report.map(\.verdict) + (spectraVerdict.map { [$0] } ?? []) { table.append([v.sweep, v.word, v.basis]) }
        print(Text.table(table))
        print("\nA sweep is judged by its fits where it has any, else by its points; a point agrees when |measured −")
        print("reference| ≤ 4 SE + the sweep's stated allowance. Details: \(root.path)/summary.md and NAME/summary.md.")
        print("Outputs per sweep (tables, fits, summary.md, figures, sweep.json for `escape sweep`): \(root.path)/NAME")
    }
}
