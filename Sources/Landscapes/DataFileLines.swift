import Foundation
import NumericKit

/// The lines of a small data file that a spec names (`table:file=…`, `spectators=@…`): a regular,
/// readable UTF-8 file, split at newlines, each line trimmed, blank lines and `#` comments
/// skipped, each kept with its 1-based line number for error messages.
enum DataFileLines {
    /// `unreadable` is thrown for a missing, unreadable or non-regular file, `notText` for bytes
    /// that are not UTF-8.
    static func read(_ path: String, unreadable: InvalidParameter,
                     notText: InvalidParameter) throws(InvalidParameter) -> [(number: Int, text: String)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: path) else { throw unreadable }
        guard let text = String(data: data, encoding: .utf8) else { throw notText }
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, raw in
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            return line.isEmpty || line.hasPrefix("#") ? nil : (index + 1, line)
        }
    }
}
