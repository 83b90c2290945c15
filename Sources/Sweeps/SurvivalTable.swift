import Foundation
import Theory

/// The fraction-escaped curve of a simulation as a tidy CSV: the Kaplan–Meier survival
/// function with its pointwise 95% band, and the predicted survival beside it
/// (``ComparedEscape/predictedSurvival``: the quasi-static hazard for scheduled DualAdam,
/// docs/theory.md §7, otherwise the exponential law exp(−t/τ) with τ the reference time).
public enum SurvivalTable {
    public static let header = ["from", "steps", "time", "atRisk", "escapes", "removed", "survival", "lower95", "upper95",
                                "predictedSurvival", "prediction"]

    /// CSV rows for one well (`from` = left, right or minimum k).
    public static func rows(_ run: ComparedEscape) -> [[String]] {
        let predicted = run.predictedSurvival
        return zip(run.survival.rows, predicted.values).map { row, p in
            [run.predicted.from, format(row.steps), format(row.time), String(row.atRisk), String(row.escapes), String(row.removed),
             format(row.survival), format(row.lower95), format(row.upper95), p.map(format) ?? "", predicted.label]
        }
    }

    public static func csv(_ rows: [[String]]) -> String { TableWriter.csv(header: header, rows: rows) }

    static func format(_ x: Double) -> String { "\(x)" }
}
