import ArgumentParser
import Foundation
import NumericKit
import Sweeps

/// `escape spectrum SPEC`: in-basin fluctuations against the Ornstein–Uhlenbeck facts of
/// docs/theory.md §8.
struct SpectrumCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spectrum",
        abstract: "In-basin fluctuation spectrum (Welch PSD on FFTW), autocorrelation and covariance against docs/theory.md §8.",
        discussion: """
            Runs the optimizer's reduced iteration θ ← θ − ηP(∇L + ξ) from a minimum of a d-dimensional \
            landscape and compares, along each Hessian eigenvector, the Welch PSD with the AR(1) and Lorentzian \
            densities, the variance (error bar from the effective sample size) with the discrete and continuous \
            formulas, and the integrated autocorrelation time; the full covariance with the discrete Lyapunov \
            solution. --out writes spectrum.csv, autocorrelation.csv, spectrum.json and spectrum.svg.
            """)

    @OptionGroup var problem: ProblemArguments

    @Option(help: "Recorded steps (after the burn-in).")
    var steps: Int = 1 << 20

    @Option(name: .customLong("burn-in"), help: "Steps discarded first (default: 20 relaxation times of the slowest direction).")
    var burnIn: Int?

    @Option(help: "Welch segment length (even; more segments, smaller error per frequency).")
    var segment: Int = 4096

    @Option(help: "Seed of the trajectory's random stream.")
    var seed: UInt64 = 1

    @Option(help: "Directory for spectrum.csv, autocorrelation.csv, spectrum.json and spectrum.svg.")
    var out: String?

    @OptionGroup var output: OutputArguments

    @Flag(help: "No progress line on stderr (it is drawn only on a terminal, for walks over 2 s).")
    var quiet = false

    /// spectrum.csv, autocorrelation.csv, spectrum.json and spectrum.svg in `directory`.
    static func write(_ report: SpectrumReport, to directory: URL) throws {
        try TableWriter.write(TableWriter.csv(header: ["direction", "frequency", "measured", "ar1", "lorentzian"],
                                              rows: report.spectrum.map { ["\($0.direction)", "\($0.frequency)", "\($0.measured)", "\($0.ar1)", "\($0.lorentzian)"] }),
                              to: directory.appendingPathComponent("spectrum.csv"))
        try TableWriter.write(TableWriter.csv(header: ["direction", "lag", "measured", "predicted"],
                                              rows: report.autocorrelation.map { ["\($0.direction)", "\($0.lag)", "\($0.measured)", "\($0.predicted)"] }),
                              to: directory.appendingPathComponent("autocorrelation.csv"))
        try TableWriter.write(try TableWriter.json(report), to: directory.appendingPathComponent("spectrum.json"))
        try TableWriter.write(report.spectrumPlot, to: directory.appendingPathComponent("spectrum.svg"))
    }

    func run() throws {
        guard case .multiDimensional(let nd) = try problem.anyProblem() else {
            throw InvalidParameter("spec", given: problem.spec,
                                   allowed: "a d-dimensional landscape (e.g. separable:base=pq,ha=4,hb=2,barrier=20,spectators=10)")
        }
        guard steps >= 16, steps <= 1 << 26 else {
            throw InvalidParameter("steps", given: "\(steps)", allowed: "a whole number in 16…\(1 << 26)")
        }
        let directory = out.map { URL(fileURLWithPath: $0) }
        if let directory { try TableWriter.prepare(directory: directory) }
        let line = EnsembleProgressLine(title: "spectrum", unit: "steps", quiet: quiet)
        let report: SpectrumReport
        do {
            defer { line?.finish() }
            report = try SpectrumReport(nd, steps: steps, burnIn: burnIn, segment: segment, seed: seed, progress: line?.progress)
        }
        if let directory { try Self.write(report, to: directory) }
        if output.json { return try JSONOutput.print(report) }
        print("\(problem.spec)  optimizer \(nd.optimizer.rawValue)  lr \(Text.number(report.learningRate))  \(report.steps) steps after \(report.burnIn) burn-in, Welch segments of \(report.segment)")
        print(Text.table([["u", "h", "p", "φ = 1 − ηph", "variance measured", "± SE (ESS)", "AR(1)", "Lorentzian", "τ_int measured", "AR(1)", "median PSD/AR(1)"]]
            + report.directions.map { d in
                ["\(d.index)", Text.number(d.curvature), Text.number(d.preconditioner), Text.number(d.phi, 5),
                 Text.number(d.measuredVariance, 5), Text.number(d.varianceStandardError, 2), Text.number(d.predictedVariance, 5),
                 Text.number(d.continuousVariance, 5), Text.number(d.measuredIntegratedTime, 4), Text.number(d.predictedIntegratedTime, 4),
                 Text.number(d.medianDensityRatio, 4)]
            }))
        let d = report.minimum.count
        let worst = (0..<(d * d)).map { abs(report.measuredCovariance[$0] - report.lyapunovCovariance[$0]) }.max() ?? 0
        print("\nmean excess loss ⟨L − L*⟩ = \(Text.number(report.meanExcessLoss, 5)) ± \(Text.number(report.meanExcessLossStandardError, 2)) (SE from the effective sample size), ½Σ h·variance = \(Text.number(report.predictedExcessLoss, 5))")
        print("covariance: max |measured − discrete Lyapunov| = \(Text.number(worst, 3))\(report.commuting ? "" : " (P or C does not commute with H: per-direction AR(1) numbers are the diagonal of a coupled process)")")
        for warning in report.warnings { print("warning: \(warning)") }
        if let out { print("tables and figure in \(out)") }
    }
}
