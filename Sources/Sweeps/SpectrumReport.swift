import Dynamics
import Ensembles
import EscapeND
import Foundation
import NumericKit
import Theory

/// An in-basin trajectory's fluctuations held against docs/theory.md §8, direction by direction:
/// Welch PSD against the AR(1) and Lorentzian densities, the stationary variance (with an
/// autocorrelation-aware error bar) against the discrete and continuous formulas, the
/// autocorrelation and its integrated time, and the full covariance against the discrete
/// Lyapunov solution.
public struct SpectrumReport: Sendable, Codable {
    public struct Direction: Sendable, Codable {
        public let index: Int
        public let curvature: Double
        public let preconditioner: Double
        public let phi: Double
        public let measuredVariance: Double
        /// SE from the effective sample size of the squared series (``CorrelatedMoments``).
        public let varianceStandardError: Double
        public let predictedVariance: Double
        public let continuousVariance: Double
        public let measuredIntegratedTime: Double
        public let predictedIntegratedTime: Double
        public let effectiveSampleSize: Double
        /// Median of Welch/AR(1) over the resolved band f = 2/m … 1/2 − 1/m.
        public let medianDensityRatio: Double
        /// How many Welch segments were averaged.
        public let segments: Int
    }

    /// One row of the spectrum table.
    public struct SpectrumPoint: Sendable, Codable {
        public let direction: Int
        public let frequency: Double
        public let measured: Double
        public let ar1: Double
        public let lorentzian: Double
    }

    /// One row of the autocorrelation table.
    public struct CorrelationPoint: Sendable, Codable {
        public let direction: Int
        public let lag: Int
        public let measured: Double
        public let predicted: Double
    }

    public let steps: Int
    public let burnIn: Int
    public let segment: Int
    public let learningRate: Double
    public let minimum: [Double]
    public let directions: [Direction]
    public let commuting: Bool
    public let measuredCovariance: [Double]
    public let lyapunovCovariance: [Double]
    /// The mean excess loss ⟨L − L*⟩ with its autocorrelation-aware SE, against ½Σ h_i·variance_i
    /// (exact for a quadratic basin).
    public let meanExcessLoss: Double
    public let meanExcessLossStandardError: Double
    public let predictedExcessLoss: Double
    public let spectrum: [SpectrumPoint]
    public let autocorrelation: [CorrelationPoint]
    /// Recorded steps the walker spent beyond the saddle's plane (out of its basin) and the
    /// first step it got there (burn-in counted; nil: it never did).
    public let stepsBeyondSaddle: Int
    public let firstStepBeyondSaddle: Int?

    /// What the reader must know before trusting the comparison: when the walker left its
    /// basin, the series is not the in-basin process the AR(1) and Lyapunov formulas describe.
    public let warnings: [String]

    /// `progress`, when given, counts the steps of the walk (burn-in included).
    public init(_ problem: EscapeProblemND, steps: Int, burnIn: Int?, segment: Int, seed: UInt64, maxLag: Int = 200,
                progress: EnsembleProgress? = nil) throws {
        guard problem.optimizer.dynamics == .overdamped, !problem.optimizer.isScheduled(problem.settings) else {
            throw InvalidParameter("optimizer", given: problem.optimizer.rawValue,
                                   allowed: OptimizerRegistry.names { $0.dynamics == .overdamped } + ", a scheduled one (dualadam) only with its blend held by --blend (the first-order reduced iteration of docs/theory.md §8)")
        }
        guard segment >= 16, segment % 2 == 0, segment <= steps else {
            throw InvalidParameter("segment", given: "\(segment)", allowed: "an even number in 16…steps (\(steps))")
        }
        // Burn-in: 20 relaxation times of the slowest direction by default.
        let probe = try BasinSeries.run(problem, steps: 16, burnIn: 0, seed: seed)
        let prediction = BasinSpectrumPrediction(curvatures: probe.curvatures, directions: probe.directions,
                                                 preconditioner: probe.preconditioner, noise: probe.noiseCovariance,
                                                 learningRate: problem.learningRate)
        guard prediction.stable, probe.curvatures.allSatisfy({ $0 > 0 }) else {
            throw InvalidParameter("lr", given: "\(problem.learningRate)",
                                   allowed: "a stable iteration at a minimum: 0 < η·p·h < 2 in every direction (docs/theory.md §8)")
        }
        let slowest = prediction.directions.map { 1 / (1 - abs($0.phi)) }.max()!
        let burn = burnIn ?? Int(min(1e7, (20 * slowest).rounded(.up)))
        let series = try BasinSeries.run(problem, steps: steps, burnIn: burn, seed: seed, progress: progress)
        stepsBeyondSaddle = series.stepsBeyondSaddle
        firstStepBeyondSaddle = series.firstStepBeyondSaddle
        warnings = series.firstStepBeyondSaddle.map { first in
            ["the walker left its basin: it crossed the saddle's plane at step \(first) and spent "
             + "\(String(format: "%.3g", 100 * Double(series.stepsBeyondSaddle) / Double(steps)))% of the recorded steps beyond it, "
             + "so the series mixes basins and the in-basin formulas (AR(1), Lyapunov) do not describe it — raise the barrier or lower lr"]
        } ?? []
        var directions: [Direction] = []
        var spectrum: [SpectrumPoint] = []
        var correlation: [CorrelationPoint] = []
        for (i, x) in series.projections.enumerated() {
            let theory = prediction.directions[i]
            let welch = WelchEstimate(x, segment: segment)
            let moments = CorrelatedMoments(x)
            let acf = Autocorrelation(x, maxLag: maxLag)
            var ratios: [Double] = []
            for (k, f) in welch.frequencies.enumerated() {
                let ar1 = theory.ar1Density(f)
                spectrum.append(SpectrumPoint(direction: i, frequency: f, measured: welch.density[k], ar1: ar1,
                                              lorentzian: theory.lorentzianDensity(f)))
                if k >= 2 && k < segment / 2 { ratios.append(welch.density[k] / ar1) }
            }
            ratios.sort()
            for (lag, r) in acf.values.enumerated() {
                correlation.append(CorrelationPoint(direction: i, lag: lag, measured: r, predicted: pow(theory.phi, Double(lag))))
            }
            directions.append(Direction(
                index: i, curvature: theory.curvature, preconditioner: theory.preconditioner, phi: theory.phi,
                measuredVariance: moments.variance, varianceStandardError: moments.varianceStandardError,
                predictedVariance: theory.variance, continuousVariance: theory.continuousVariance,
                measuredIntegratedTime: acf.integratedTime, predictedIntegratedTime: theory.integratedTime,
                effectiveSampleSize: moments.effectiveSampleSize, medianDensityRatio: ratios[ratios.count / 2],
                segments: welch.segments))
        }
        self.steps = steps
        self.burnIn = burn
        self.segment = segment
        learningRate = problem.learningRate
        minimum = series.minimum
        self.directions = directions
        commuting = prediction.commuting
        measuredCovariance = series.covariance
        lyapunovCovariance = prediction.discreteCovariance
        let loss = CorrelatedMoments(series.excessLoss)
        meanExcessLoss = loss.mean
        meanExcessLossStandardError = loss.meanStandardError
        predictedExcessLoss = 0.5 * prediction.directions.reduce(0) { $0 + $1.curvature * $1.variance }
        self.spectrum = spectrum
        autocorrelation = correlation
    }

    /// The PSD figure: measured (points) and AR(1) (lines) per direction, log-log, a colour
    /// per direction.
    public var spectrumPlot: String {
        var series: [SVGPlot.Series] = []
        var legend: [SVGPlot.LegendEntry] = []
        for (k, d) in directions.enumerated() {
            let rows = spectrum.filter { $0.direction == d.index && $0.frequency > 0 }
            // Thin the measured points to ~200 per direction, log-spaced (from the lowest
            // frequency: f ≤ 1/2, so every ln f is negative).
            var kept: [SpectrumPoint] = []
            var next = -Double.infinity
            for r in rows where log(r.frequency) >= next { kept.append(r); next = log(r.frequency) + 0.03 }
            let color = FigureStyle.other(k)
            let name = "u\(d.index) (curvature \(String(format: "%.3g", d.curvature)))"
            series.append(SVGPlot.Series(name: "\(name): measured", points: kept.map { SVGPlot.Point(x: $0.frequency, y: $0.measured) },
                                         style: .init(color: color)))
            series.append(SVGPlot.Series(name: "\(name): predicted", points: kept.map { SVGPlot.Point(x: $0.frequency, y: $0.ar1) },
                                         style: .init(color: color, marker: .none, stroke: .solid)))
            legend.append(.init(name, .init(color: color, stroke: .solid)))
        }
        legend += [.init("measured (Welch)", .init(color: FigureStyle.neutral)),
                   .init("predicted: AR(1) of the linearised rule", .init(color: FigureStyle.neutral, marker: .none, stroke: .solid))]
        return SVGPlot(title: "In-basin spectrum against the AR(1) prediction (docs/theory.md §8)", xLabel: "frequency f (cycles per step)",
                       yLabel: "power spectral density S(f) per step (two-sided)", logX: true, logY: true, series: series, legend: legend).render()
    }
}
