import Foundation
import NumericKit

/// Writes tables to disk atomically: each file is written to a temporary name in the
/// same directory and renamed into place, so a reader (or a killed run) never sees a
/// partial file.
public enum TableWriter {
    /// RFC 4180 CSV: cells with a comma, quote or newline are quoted, quotes doubled.
    public static func csv(header: [String], rows: [[String]]) -> String {
        func cell(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        return ([header] + rows).map { $0.map(cell).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// Creates `directory` if needed and checks that it is writable, so that a run can
    /// refuse an unusable output location before doing any work.
    public static func prepare(directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw InvalidParameter("output", given: directory.path, allowed: "a directory that can be created (\(error.localizedDescription))")
        }
        guard FileManager.default.isWritableFile(atPath: directory.path) else {
            throw InvalidParameter("output", given: directory.path, allowed: "a writable directory")
        }
    }

    /// Writes `contents` to `url` atomically, creating the directory if needed.
    public static func write(_ contents: String, to url: URL) throws {
        try prepare(directory: url.deletingLastPathComponent())
        do {
            try Data(contents.utf8).write(to: url, options: .atomic)
        } catch {
            throw InvalidParameter("output", given: url.path, allowed: "a writable location (\(error.localizedDescription))")
        }
    }

    /// Pretty, key-sorted JSON.
    public static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
