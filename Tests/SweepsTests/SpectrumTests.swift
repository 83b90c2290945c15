import Dynamics
import Ensembles
import Foundation
import NumericKit
import Testing
@testable import Sweeps

/// docs/theory.md §8 against simulation: a 2-D quadratic basin (the pq well, exactly quadratic up to
/// its breakpoint, ΔL = 20 so the walker never leaves it, times a spectator of curvature 10).
@Suite("In-basin spectra")
struct SpectrumTests {
    static func problem(_ optimizer: String, spec: String = "separable:base=pq,ha=4,hb=2,barrier=20,spectators=10") throws -> EscapeProblemND {
        var d = ProblemDescription(landscape: spec)
        try d.set("optimizer", to: .text(optimizer))
        try d.set("noise", to: .text("hessian"))
        try d.set("lr", to: .number(0.02))
        guard case .multiDimensional(let p) = try d.build() else { throw InvalidParameter("spec", given: spec, allowed: "d > 1") }
        return p
    }

    /// The acceptance: median Welch/AR(1) within 3% of 1 over the resolved band, and the
    /// variance within 4 of its ESS-based standard errors of ηp/(B(2 − ηph)), per direction;
    /// τ_int within 10% of (1 + φ)/(1 − φ); the discrete Lyapunov Σ (doubling) has the formula on its diagonal.
    @Test(arguments: ["sgd", "adam", "invadam"])
    func welchAndVarianceMatchTheDiscreteFormulas(optimizer: String) throws {
        let report = try SpectrumReport(try Self.problem(optimizer), steps: 1 << 19, burnIn: nil, segment: 2048, seed: 11)
        #expect(report.commuting)
        #expect(report.warnings.isEmpty && report.firstStepBeyondSaddle == nil && report.stepsBeyondSaddle == 0)
        #expect(abs(report.meanExcessLoss - report.predictedExcessLoss) <= 4 * report.meanExcessLossStandardError,
                "excess loss \(report.meanExcessLoss) ± \(report.meanExcessLossStandardError) vs \(report.predictedExcessLoss)")
        for d in report.directions {
            #expect(abs(d.medianDensityRatio - 1) < 0.03, "u\(d.index): median ratio \(d.medianDensityRatio)")
            #expect(abs(d.measuredVariance - d.predictedVariance) <= 4 * d.varianceStandardError,
                    "u\(d.index): \(d.measuredVariance) ± \(d.varianceStandardError) vs \(d.predictedVariance)")
            // ηp/(B(2 − ηph)) with B = 1: the closed form of §8.
            let eta = 0.02, p = d.preconditioner, h = d.curvature
            #expect(abs(d.predictedVariance - eta * p / (2 - eta * p * h)) < 1e-12 * d.predictedVariance)
            #expect(abs(d.measuredIntegratedTime / d.predictedIntegratedTime - 1) < 0.1)
            let k = d.index * report.minimum.count + d.index
            #expect(abs(report.lyapunovCovariance[k] - d.predictedVariance) < 1e-9 * d.predictedVariance)
        }
        // The figure draws every direction: ~150 log-spaced frequencies each — k/2048 for
        // k = 1 … 33 one by one, then steps of 0.03 in ln f up to 1/2 (the thinning once started
        // at ln f = 0 and, all f being ≤ 1/2, drew nothing) — as measured markers and the AR(1)
        // line, inside the axes.
        let figure = try FigureMarkup(svg: report.spectrumPlot)
        #expect(figure.defects.isEmpty, "\(figure.defects)")
        #expect(figure.series.count == 2 * report.directions.count)
        for s in figure.series {
            #expect(s.positions.count >= 100 && s.positions.count <= 250, "\(s.name): \(s.positions.count) positions")
        }
    }

    /// A walker that leaves its basin (ΔL = 0.02 at a temperature of order 0.01) is reported:
    /// the step it first crossed the saddle's plane, the share of steps beyond, and a warning;
    /// the progress counter counts every step, burn-in included.
    @Test func leavingTheBasinIsReported() throws {
        let progress = EnsembleProgress()
        let report = try SpectrumReport(try Self.problem("sgd", spec: "separable:base=pq,ha=4,hb=2,barrier=0.02,spectators=10"),
                                        steps: 1 << 16, burnIn: 1000, segment: 1024, seed: 3, progress: progress)
        let first = try #require(report.firstStepBeyondSaddle)
        #expect(first >= 1 && report.stepsBeyondSaddle > 0 && report.stepsBeyondSaddle <= report.steps)
        #expect(report.warnings.count == 1 && report.warnings[0].contains("left its basin") && report.warnings[0].contains("step \(first)"))
        #expect(progress.counts.started == (1 << 16) + 1000 && progress.counts.total == (1 << 16) + 1000)
    }

    /// An unstable step size (η·p·h ≥ 2) is refused, naming lr.
    @Test func unstableStepIsRefused() throws {
        var d = ProblemDescription(landscape: "separable:base=pq,ha=4,hb=2,barrier=20,spectators=150")
        try d.set("noise", to: .text("hessian"))
        try d.set("lr", to: .number(0.02))
        guard case .multiDimensional(let p) = try d.build() else { return }
        #expect(throws: InvalidParameter.self) { try SpectrumReport(p, steps: 4096, burnIn: nil, segment: 1024, seed: 1) }
    }
}
