import Foundation
import NumericKit

/// The files a finished sweep (or shard, or merge) leaves in its directory, each written
/// atomically: `table.csv`, `table.json`, `fits.json`, `summary.md`, `provenance.json`,
/// `sweep.json` (the spec, to rerun), `run.json` (spec and shard, for resume and merge), and
/// the SVG figures.
public enum SweepOutputs {
    /// The axis parameter names, in axis order: the first CSV columns (those that are also a
    /// fixed column, such as `optimizer` or `batch`, appear once, as the fixed column).
    public static func axisColumns(_ spec: SweepSpec) -> [String] {
        spec.axes.flatMap(\.parameters).filter { !SweepRow.fixedColumns.contains($0) }
    }

    public static func csv(_ spec: SweepSpec, _ rows: [SweepRow]) -> String {
        let axes = axisColumns(spec)
        return TableWriter.csv(header: axes + SweepRow.fixedColumns,
                               rows: rows.map { row in axes.map { row.parameters[$0]?.description ?? "" } + row.fixedCells })
    }

    /// Writes every output from `rows` (sorted by point index first).
    @discardableResult
    public static func write(_ spec: SweepSpec, rows unsorted: [SweepRow], to directory: URL, provenance: Provenance) throws -> [SweepFitResult] {
        let rows = unsorted.sorted { $0.index < $1.index }
        let fits = SweepFits.run(spec.fits, rows: rows)
        var files = [("table.csv", csv(spec, rows)), ("table.json", try TableWriter.json(rows)),
                     ("fits.json", try TableWriter.json(fits)), ("summary.md", markdown(spec, rows, fits)),
                     ("provenance.json", try TableWriter.json(provenance))]
        files += SweepFigures.all(spec, rows, fits)
        // All or nothing: every file is written into a staging directory first (where a full
        // disk shows), then renamed into place (renames need no space).
        let staging = directory.appendingPathComponent(".staging-\(getpid())")
        defer { try? FileManager.default.removeItem(at: staging) }
        do {
            for (name, text) in files { try TableWriter.write(text, to: staging.appendingPathComponent(name)) }
        } catch let error as InvalidParameter {
            throw InvalidParameter(error.parameter, given: error.given,
                                   allowed: error.allowed + "; no table was written, the points are kept in \(SweepLog.fileName): rerun with --resume")
        }
        for (name, _) in files {
            guard rename(staging.appendingPathComponent(name).path, directory.appendingPathComponent(name).path) == 0 else {
                throw InvalidParameter("output", given: directory.appendingPathComponent(name).path,
                                       allowed: "a writable directory (\(String(cString: strerror(errno))))")
            }
        }
        return fits
    }

    /// The spec, in the sweep-file format (`escape sweep DIR/sweep.json` reruns it).
    public static let specFileName = "sweep.json"
    /// The spec and shard of the run (written when it starts; resume and merge check it).
    public static let recordFileName = "run.json"

    /// Writes `run.json` and `sweep.json` for a run of `record`.
    public static func writeRecord(_ record: SweepRecord, to directory: URL) throws {
        try TableWriter.write(try TableWriter.json(record), to: directory.appendingPathComponent(recordFileName))
        try TableWriter.write(try TableWriter.json(record.spec), to: directory.appendingPathComponent(specFileName))
    }

    static func markdown(_ spec: SweepSpec, _ rows: [SweepRow], _ fits: [SweepFitResult]) -> String {
        func n(_ x: Double?, _ digits: Int = 4) -> String { x.map { String(format: "%.\(digits)g", $0) } ?? "—" }
        var text = "# Sweep `\(spec.name)`\n\n"
        if let d = spec.description { text += d + "\n\n" }
        let perPoint = spec.trajectories.map { "\($0) trajectories per brute-force point" } ?? "every point by splitting"
        text += "\(rows.count) of \(spec.pointCount) points, \(perPoint), seed \(spec.seed); "
        text += "times are SDE time t = steps·η. Agreement: |measured − reference| ≤ 4 SE + \(Validate.format(spec.allowance * 100))% of the reference.\n\n"
        if !fits.isEmpty {
            text += "## Fits\n\n| fit | rows | result | expected | verdict |\n|---|---|---|---|---|\n"
            for f in fits {
                let verdict = f.consistent.map { $0 ? "consistent" : "**not consistent**" } ?? "—"
                text += "| \(f.kind) | \(f.group) | \(f.detail) | \(f.expectedLabel) \(n(f.expected))\(f.exact.map { " (exact: \(n($0)))" } ?? "") | \(verdict) |\n"
            }
            text += "\n"
        }
        let agreeing = rows.filter(\.agrees).count
        text += "## Points\n\n\(agreeing) of \(rows.count) points agree with their reference prediction.\n\n"
        text += "| point | ΔΦ | measured τ | ± SE | reference | exact | Kramers | measured/reference | z | agrees |\n|---|---|---|---|---|---|---|---|---|---|\n"
        for r in rows {
            text += "| \(r.index): \(r.label) | \(n(r.effectiveBarrier)) | \(n(r.meanTime, 5)) | \(n(r.standardError, 2)) | \(n(r.referenceTime, 5)) | "
            text += "\(n(r.exactTime, 5)) | \(n(r.kramersTime, 5)) | \(n(r.measuredOverReference)) | \(n(r.zScore, 2)) | \(r.agrees ? "yes" : "**no**") |\n"
        }
        return text
    }
}
