import Foundation
import NumericKit

/// Combines the directories of a sweep's shards into the table of the whole grid. Refuses
/// directories of different sweeps, a point present twice, and a point missing, so a merged
/// table is exactly the unsharded one (bar `wallSeconds`).
public enum SweepMerge {
    public static func merge(_ directories: [URL], into output: URL, tool: String) throws -> SweepRunner.Outcome {
        let started = Date()
        guard !directories.isEmpty else {
            throw InvalidParameter("directories", given: "none", allowed: "one or more shard output directories")
        }
        let target = output.standardizedFileURL.path
        if let clash = directories.first(where: { $0.standardizedFileURL.path == target }) {
            throw InvalidParameter("out", given: clash.path, allowed: "a directory other than the shards being merged")
        }
        var spec: SweepSpec?
        var rows: [SweepRow] = []
        var owner: [Int: String] = [:]
        for directory in directories {
            let record = try SweepRecord.load(directory.appendingPathComponent(SweepOutputs.recordFileName))
            if let spec, spec != record.spec {
                throw InvalidParameter("directories", given: "\(directory.path) holds sweep '\(record.spec.name)' with a different spec",
                                       allowed: "shards of one sweep file")
            }
            spec = record.spec
            for row in try SweepLog.read(directory) {
                if let other = owner[row.index] {
                    throw InvalidParameter("directories", given: "point \(row.index) in both \(other) and \(directory.path)",
                                           allowed: "shards that do not overlap")
                }
                owner[row.index] = directory.path
                rows.append(row)
            }
        }
        let whole = spec!
        let missing = (0..<whole.pointCount).filter { owner[$0] == nil }
        guard missing.isEmpty else {
            throw InvalidParameter("directories", given: "points \(missing.prefix(10).map(String.init).joined(separator: ", "))\(missing.count > 10 ? ", …" : "") missing (\(missing.count) of \(whole.pointCount))",
                                   allowed: "every shard of the sweep, each finished (resume unfinished shards first)")
        }
        try TableWriter.prepare(directory: output)
        rows.sort { $0.index < $1.index }
        // The merged directory is a complete sweep: its log and record allow later merges or checks.
        try SweepLog.clear(output)
        for row in rows { try SweepLog.append(row, to: output) }
        try SweepOutputs.writeRecord(SweepRecord(spec: whole, shard: nil), to: output)
        let provenance = Provenance(tool: tool, spec: whole, shard: nil, mergedFrom: directories.map(\.path), started: started,
                                    finished: Date(), pointsRun: 0, pointsFromLog: rows.count)
        let fits = try SweepOutputs.write(whole, rows: rows, to: output, provenance: provenance)
        return SweepRunner.Outcome(rows: rows, fits: fits, pointsRun: 0, pointsFromLog: rows.count)
    }
}
