import Foundation
import Sweeps

/// One JSON object on stdout, as the files are written (``TableWriter/json(_:)``: keys sorted,
/// so output is stable and diffable).
enum JSONOutput {
    static func print<T: Encodable>(_ value: T) throws {
        FileHandle.standardOutput.write(Data(try TableWriter.json(value).utf8))
    }
}

/// Plain-text number formatting for tables.
enum Text {
    static func number(_ x: Double?, _ digits: Int = 4) -> String {
        guard let x else { return "—" }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if magnitude >= 1e6 || magnitude < 1e-3 { return String(format: "%.\(digits - 1)e", x) }
        return String(format: "%.\(digits)g", x)
    }

    /// Left-aligned columns separated by two spaces.
    static func table(_ rows: [[String]]) -> String {
        guard let width = rows.map(\.count).max() else { return "" }
        var widths = Array(repeating: 0, count: width)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
