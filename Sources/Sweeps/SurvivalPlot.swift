import Escape
import Foundation

/// The figure of `escape simulate --survival FILE.csv` (written as FILE.svg): per well, the
/// Kaplan–Meier fraction not yet escaped with its pointwise 95% band, and the predicted survival
/// beside it — DualAdam's quasi-static hazard, otherwise exp(−t/τ) with τ the reference time
/// (``ComparedEscape/predictedSurvival``) — against SDE time t.
public enum SurvivalPlot {
    /// At most this many points per curve (every k-th Kaplan–Meier step).
    static let maximumPoints = 300

    public static func svg(_ runs: [ComparedEscape]) -> String {
        var series: [SVGPlot.Series] = []
        for run in runs {
            let rows = run.survival.rows
            let stride = max(1, rows.count / maximumPoints)
            let kept = rows.indices.filter { $0 % stride == 0 || $0 == rows.count - 1 }
            let predicted = run.predictedSurvival
            let well = runs.count > 1 ? "\(run.predicted.from): " : ""
            func curve(_ name: String, _ y: (Int) -> Double?) -> SVGPlot.Series {
                SVGPlot.Series(name: well + name, points: kept.compactMap { i in y(i).map { SVGPlot.Point(x: rows[i].time, y: $0) } },
                               connect: true, markers: false)
            }
            series.append(curve("Kaplan–Meier", { rows[$0].survival }))
            series.append(curve("95% band, lower", { rows[$0].lower95 }))
            series.append(curve("95% band, upper", { rows[$0].upper95 }))
            series.append(curve("predicted (\(predicted.label))", { predicted.values[$0] }))
        }
        return SVGPlot(title: "Fraction not yet escaped", xLabel: "time t (SDE time, steps × η)",
                       yLabel: "fraction not yet escaped", series: series).render()
    }
}
