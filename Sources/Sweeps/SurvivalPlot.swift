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
        var legend: [SVGPlot.LegendEntry] = []
        for (w, run) in runs.enumerated() {
            let rows = run.survival.rows
            let stride = max(1, rows.count / maximumPoints)
            let kept = rows.indices.filter { $0 % stride == 0 || $0 == rows.count - 1 }
            let predicted = run.predictedSurvival
            // One well: the optimizer's colour; both wells: a colour per well.
            let color = runs.count > 1 ? FigureStyle.other(w) : FigureStyle.color(optimizer: run.predicted.optimizer)
            let well = runs.count > 1 ? "\(run.predicted.from): " : ""
            func curve(_ name: String, _ stroke: SVGPlot.Stroke, _ color: String, _ y: (Int) -> Double?) -> SVGPlot.Series {
                SVGPlot.Series(name: well + name, points: kept.compactMap { i in y(i).map { SVGPlot.Point(x: rows[i].time, y: $0) } },
                               style: .init(color: color, marker: .none, stroke: stroke))
            }
            series.append(curve("Kaplan–Meier", .solid, color, { rows[$0].survival }))
            series.append(curve("95% band, lower", .dotted, color, { rows[$0].lower95 }))
            series.append(curve("95% band, upper", .dotted, color, { rows[$0].upper95 }))
            let theory = runs.count > 1 ? color : FigureStyle.neutral
            series.append(curve("predicted (\(predicted.label))", .dashed, theory, { predicted.values[$0] }))
            legend += [.init(well + "Kaplan–Meier (measured)", .init(color: color, marker: .none, stroke: .solid)),
                       .init(well + "pointwise 95% band", .init(color: color, marker: .none, stroke: .dotted)),
                       .init(well + "predicted (\(predicted.label))", .init(color: theory, marker: .none, stroke: .dashed))]
        }
        return SVGPlot(title: "Fraction not yet escaped", xLabel: "time t (SDE time, steps × η)",
                       yLabel: "fraction not yet escaped", series: series, legend: legend).render()
    }
}
