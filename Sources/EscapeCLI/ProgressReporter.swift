import Ensembles
import Foundation
import Sweeps

/// Progress of long work on stderr: a redrawn bar (points done, rate, ETA) when stderr is a
/// terminal, one plain line per point otherwise (logs, CI).
struct ProgressReporter {
    let title: String
    let interactive = isatty(FileHandle.standardError.fileDescriptor) != 0
    private let started = Date()

    init(title: String) { self.title = title }

    func report(_ p: SweepRunner.Progress, ranSoFar: Int) {
        let elapsed = Date().timeIntervalSince(started)
        let remaining = p.total - p.done
        let eta = ranSoFar > 0 ? elapsed / Double(ranSoFar) * Double(remaining) : 0
        if interactive {
            let width = 28
            let filled = p.total > 0 ? width * p.done / p.total : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            let rate = elapsed > 0 ? Double(ranSoFar) / elapsed * 60 : 0
            write("\r\(title) [\(bar)] \(p.done)/\(p.total)  \(String(format: "%.1f", rate)) points/min  ETA \(Self.duration(eta))   ")
            if p.done == p.total { write("\n") }
        } else {
            write("\(title) [\(p.done)/\(p.total)] \(p.row.label.isEmpty ? "point \(p.row.index)" : p.row.label): \(String(format: "%.1f", p.elapsed)) s; ETA \(Self.duration(eta))\n")
        }
    }

    func line(_ text: String) { write(text + "\n") }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(String(format: "%02d", (s % 3600) / 60))m" : s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }
}

/// The progress line of one long run — an ensemble (`escape simulate`: trajectories handed out)
/// or one walk (`escape spectrum`: steps taken): after 2 s, redrawn every quarter second on
/// stderr — units done of the total, elapsed and ETA — and erased when the run ends. Only on a
/// terminal, and not with --quiet.
final class EnsembleProgressLine: @unchecked Sendable {
    let progress = EnsembleProgress()
    private let title: String
    private let unit: String
    private let started = Date()
    private let queue = DispatchQueue(label: "escape.progress")
    private let timer: DispatchSourceTimer
    private var drawn = false

    /// nil when stderr is not a terminal or `quiet`.
    init?(title: String, unit: String, quiet: Bool) {
        guard !quiet, isatty(FileHandle.standardError.fileDescriptor) != 0 else { return nil }
        self.title = title
        self.unit = unit
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + .seconds(2), repeating: .milliseconds(250))
        timer.setEventHandler { [unowned self] in self.draw() }
        timer.resume()
    }

    private func draw() {
        let (done, total) = progress.counts
        guard total > 0 else { return }
        let elapsed = Date().timeIntervalSince(started)
        let eta = done > 0 ? elapsed / Double(done) * Double(max(0, total - done)) : 0
        let text = "\r\(title): \(done)/\(total) \(unit), \(ProgressReporter.duration(elapsed)) elapsed, ETA \(ProgressReporter.duration(eta))   "
        FileHandle.standardError.write(Data(text.utf8))
        drawn = true
    }

    /// Stops the line (waiting out a redraw in flight) and erases it.
    func finish() {
        timer.cancel()
        queue.sync {
            if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            drawn = false
        }
    }
}
