import Foundation

/// `OUT/summary.md` of `escape reproduce`: the verdict of every sweep (``SweepVerdict``) with
/// the details behind it — each fit's result and expectation, and the spectra per direction —
/// which the terminal's verdict table leaves out to stay narrow.
public enum ReproduceSummary {
    public struct Sweep: Sendable {
        public let verdict: SweepVerdict
        public let fits: [SweepFitResult]
        public init(verdict: SweepVerdict, fits: [SweepFitResult]) { self.verdict = verdict; self.fits = fits }
    }

    /// The spectra's verdict: every direction's median PSD/AR(1) within 3% of 1 and variance
    /// within 4 SE of the AR(1) value (docs/theory.md §8).
    public static func spectraVerdict(_ reports: [(optimizer: String, report: SpectrumReport)]) -> SweepVerdict? {
        let directions = reports.flatMap { r in r.report.directions.map { (r.optimizer, $0) } }
        guard !directions.isEmpty else { return nil }
        let ok = directions.filter { isConsistent($0.1) }.count
        return SweepVerdict(sweep: "spectra", consistent: ok == directions.count,
                            basis: "\(ok)/\(directions.count) directions: PSD and variance as AR(1)")
    }

    static func isConsistent(_ d: SpectrumReport.Direction) -> Bool {
        abs(d.medianDensityRatio - 1) < 0.03 && abs(d.measuredVariance - d.predictedVariance) <= 4 * d.varianceStandardError
    }

    public static func markdown(_ sweeps: [Sweep], spectra: [(optimizer: String, report: SpectrumReport)]) -> String {
        var text = "# escape reproduce: verdicts\n\n"
        text += "Points agree when |measured − reference| ≤ 4 SE + the sweep's stated allowance; each sweep's own summary.md gives the reason for its allowance and every point.\n\n"
        text += "| sweep | verdict | basis |\n|---|---|---|\n"
        let spectraVerdict = spectraVerdict(spectra)
        for v in sweeps.map(\.verdict) + (spectraVerdict.map { [$0] } ?? []) { text += "| \(v.sweep) | \(v.word) | \(v.basis) |\n" }
        for sweep in sweeps where !sweep.fits.isEmpty {
            text += "\n## \(sweep.verdict.sweep)\n\n| fit | rows | result | expected | verdict |\n|---|---|---|---|---|\n"
            for f in sweep.fits {
                let expected = f.expected.map { "\(f.expectedLabel) \(String(format: "%.4g", $0))" } ?? f.expectedLabel
                text += "| \(f.kind) | \(f.group) | \(f.detail) | \(expected) | \(f.consistent.map { $0 ? "consistent" : "**NOT consistent**" } ?? "—") |\n"
            }
        }
        if !spectra.isEmpty {
            text += "\n## spectra\n\n| optimizer | direction | median PSD/AR(1) | variance | AR(1) variance | verdict |\n|---|---|---|---|---|---|\n"
            for s in spectra {
                for d in s.report.directions {
                    text += String(format: "| %@ | u%d (h = %.4g) | %.4f | %.5g ± %.2g | %.5g | %@ |\n", s.optimizer, d.index, d.curvature,
                                   d.medianDensityRatio, d.measuredVariance, d.varianceStandardError, d.predictedVariance,
                                   isConsistent(d) ? "consistent" : "**NOT consistent**")
                }
            }
        }
        return text
    }
}
