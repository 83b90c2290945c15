import Dispatch
import Foundation

/// Ctrl-C during long work: every finished point is already on disk (the sweep's
/// points.jsonl is flushed point by point), so the run stops at once and says how to resume.
enum InterruptHandler {
    nonisolated(unsafe) private static var source: DispatchSourceSignal?

    /// On SIGINT, writes `message()` to stderr and exits with status 130 (128 + SIGINT).
    static func install(_ message: @escaping @Sendable () -> String) {
        signal(SIGINT, SIG_IGN)
        let s = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        s.setEventHandler {
            FileHandle.standardError.write(Data(("\n" + message() + "\n").utf8))
            exit(130)
        }
        s.resume()
        source = s
    }

    /// Lines in a points log: the finished points.
    static func finishedPoints(in directory: URL) -> Int {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent("points.jsonl").path) else { return 0 }
        return data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }
}
