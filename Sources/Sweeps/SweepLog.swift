import Foundation
import NumericKit

/// The durable record of a sweep in progress: `points.jsonl` in the output directory, one
/// finished row per line, each line written whole and flushed to disk (fsync) before the
/// next point starts. A run killed at any moment leaves every finished point on disk and at
/// most one partial last line, which ``read(_:)`` drops; `--resume` then runs only the
/// points not yet in the log. The final tables are always made from the log's rows, so an
/// interrupted-and-resumed sweep and an uninterrupted one write the same tables.
public enum SweepLog {
    public static let fileName = "points.jsonl"

    /// The rows recorded in `directory` (none if there is no log). A torn last line — the
    /// point being written when the run was killed — is dropped and cut from the file.
    public static func read(_ directory: URL) throws -> [SweepRow] {
        let url = directory.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        var rows: [SweepRow] = []
        var kept = 0
        let decoder = JSONDecoder()
        var start = data.startIndex
        while start < data.endIndex {
            guard let newline = data[start...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let line = data[start..<newline]
            guard let row = try? decoder.decode(SweepRow.self, from: line) else {
                throw InvalidParameter("resume", given: "\(url.path) line \(rows.count + 1)",
                                       allowed: "a points log written by escape sweep (this line does not decode)")
            }
            rows.append(row)
            start = data.index(after: newline)
            kept = start - data.startIndex
        }
        if kept < data.count {
            let handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: UInt64(kept))
            try handle.synchronize()
            try handle.close()
        }
        return rows
    }

    /// Appends one row as a line and flushes it to disk.
    public static func append(_ row: SweepRow, to directory: URL) throws {
        let url = directory.appendingPathComponent(fileName)
        if !FileManager.default.fileExists(atPath: url.path) {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw InvalidParameter("out", given: directory.path, allowed: "a writable directory (cannot create \(fileName))")
            }
        }
        var line = try encoder.encode(row)
        line.append(UInt8(ascii: "\n"))
        do {
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: line)
            try handle.synchronize()
        } catch {
            throw InvalidParameter("out", given: "\(url.path) (\(TableWriter.describe(error)))",
                                   allowed: "a writable directory with free space; the points finished so far are kept, rerun with --resume")
        }
    }

    /// Removes the log (a fresh run).
    public static func clear(_ directory: URL) throws {
        let url = directory.appendingPathComponent(fileName)
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
    }

    private static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}
