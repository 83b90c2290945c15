import Escape
import Foundation
import Theory

/// The fraction-escaped curve of a simulation as a tidy CSV: the Kaplan–Meier survival
/// function with its pointwise 95% band, and the predicted survival beside it — the
/// quasi-static hazard for scheduled DualAdam (docs/theory.md §7), otherwise the exponential
/// law exp(−t/τ) with τ the prediction's reference time.
public enum SurvivalTable {
    public static let header = ["from", "steps", "time", "atRisk", "escapes", "removed", "survival", "lower95", "upper95",
                                "predictedSurvival", "prediction"]

    /// CSV rows for one well (`from` = left or right).
    public static func rows(from side: String, curve: SurvivalCurve, prediction: Prediction) -> [[String]] {
        if let hazard = prediction.hazard {
            return rows(from: side, curve: curve, predicted: hazard.survival(atSteps: curve.rows.map(\.steps)),
                        label: "quasi-static hazard")
        }
        return rows(from: side, curve: curve, referenceTime: prediction.referenceTime, reference: prediction.reference)
    }

    /// CSV rows with the exponential law of mean `referenceTime` as the prediction.
    public static func rows(from side: String, curve: SurvivalCurve, referenceTime: Double?, reference: String) -> [[String]] {
        guard let tau = referenceTime else {
            return rows(from: side, curve: curve, predicted: curve.rows.map { _ in nil }, label: "none")
        }
        return rows(from: side, curve: curve, predicted: curve.rows.map { exp(-$0.time / tau) }, label: "exponential, mean \(reference)")
    }

    static func rows(from side: String, curve: SurvivalCurve, predicted: [Double?], label: String) -> [[String]] {
        zip(curve.rows, predicted).map { row, p in
            [side, format(row.steps), format(row.time), String(row.atRisk), String(row.escapes), String(row.removed),
             format(row.survival), format(row.lower95), format(row.upper95), p.map(format) ?? "", label]
        }
    }

    public static func csv(_ rows: [[String]]) -> String { TableWriter.csv(header: header, rows: rows) }

    static func format(_ x: Double) -> String { "\(x)" }
}
