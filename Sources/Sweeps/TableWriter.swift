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
            throw InvalidParameter("output", given: directory.path, allowed: "a directory that can be created (\(describe(error)))")
        }
        guard FileManager.default.isWritableFile(atPath: directory.path) else {
            throw InvalidParameter("output", given: directory.path, allowed: "a writable directory")
        }
    }

    /// Writes `contents` to `url` atomically, creating the directory if needed: into a
    /// temporary file beside it, flushed to disk, then renamed over `url`. On any failure the
    /// temporary file is removed and `url` is untouched.
    public static func write(_ contents: String, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        try prepare(directory: directory)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).partial")
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw CocoaError(.fileWriteNoPermission)
            }
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try handle.write(contentsOf: Data(contents.utf8))
            try handle.synchronize()
            guard rename(temporary.path, url.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw InvalidParameter("output", given: url.path, allowed: "a writable location with free space (\(describe(error)))")
        }
    }

    /// A file-system error in words: the POSIX reason ("File too large", "No space left on
    /// device") when Foundation wraps one, else its own description.
    public static func describe(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        return ns.localizedDescription
    }

    /// Pretty, key-sorted JSON.
    public static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
