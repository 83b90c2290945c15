import Dynamics
import Foundation
import NumericKit
import Testing
@testable import Sweeps

/// Running, resuming, sharding and merging sweeps: the tables must not depend on how the
/// work was cut up.
@Suite("Sweep runs", .serialized)
struct SweepRunnerTests {
    /// Nine cheap points (ΔΦ ≤ 2.5 on a quartic with isotropic noise).
    static let spec = SweepSpec(
        name: "small", base: ["landscape": .text("quartic:barrier=0.25"), "lr": .number(1), "dt": .number(0.01)],
        axes: [SweepAxis("sigma2", [.number(0.5), .number(0.65), .number(0.8)]), SweepAxis("landscape.barrier", [.number(0.25), .number(0.5), .number(0.6)])],
        trajectories: 200, seed: 11, allowance: 0.05, fits: [FitRequest(.arrhenius, x: .barrierOverLearningRate)])

    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    }

    /// table.csv without the timing column (the last).
    static func tableWithoutTiming(_ directory: URL) throws -> String {
        let text = try String(contentsOf: directory.appendingPathComponent("table.csv"), encoding: .utf8)
        return text.split(separator: "\n").map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ",")
        }.joined(separator: "\n")
    }

    static func run(_ directory: URL, mode: SweepRunner.Mode = .fresh, shard: Shard? = nil, threads: Int? = nil) throws -> SweepRunner.Outcome {
        try SweepRunner.run(spec, directory: directory, mode: mode, shard: shard, threads: threads, tool: "test")
    }

    @Test func writesEveryOutput() throws {
        let dir = Self.temporary("outputs")
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try Self.run(dir)
        #expect(outcome.rows.count == 9 && outcome.pointsRun == 9)
        for name in ["table.csv", "table.json", "fits.json", "summary.md", "provenance.json", "sweep.json", "run.json", "points.jsonl",
                     "measured-vs-predicted.svg", "log-time-vs-landscape-barrier.svg"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path), "\(name)")
        }
        let csv = try String(contentsOf: dir.appendingPathComponent("table.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.count == 10 && lines[0].hasPrefix("sigma2,landscape.barrier,index,seed,"))
        #expect(outcome.rows.allSatisfy { $0.agrees }, "\(outcome.rows.map { ($0.label, $0.zScore ?? .nan) })")
        #expect(outcome.fits.count == 3 && outcome.fits.allSatisfy { $0.consistent == true }, "\(outcome.fits.map(\.detail))")
        // An existing log is not overwritten without --resume.
        #expect(throws: InvalidParameter.self) { try Self.run(dir) }
    }

    /// Same spec and seed, one thread or two: identical tables.
    @Test func threadCountDoesNotMatter() throws {
        let (a, b) = (Self.temporary("t1"), Self.temporary("t2"))
        defer { for d in [a, b] { try? FileManager.default.removeItem(at: d) } }
        _ = try Self.run(a, threads: 1)
        _ = try Self.run(b, threads: 2)
        #expect(try Self.tableWithoutTiming(a) == Self.tableWithoutTiming(b))
    }

    /// A run cut after k points (with a torn line, as a SIGKILL mid-write leaves) and resumed
    /// writes the uninterrupted run's table; nothing is lost or repeated.
    @Test(arguments: [0, 3, 8])
    func resumeEqualsUninterrupted(kept: Int) throws {
        let (whole, cut) = (Self.temporary("whole"), Self.temporary("cut"))
        defer { for d in [whole, cut] { try? FileManager.default.removeItem(at: d) } }
        _ = try Self.run(whole)
        _ = try Self.run(cut)
        let log = cut.appendingPathComponent(SweepLog.fileName)
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        let torn = lines[kept].prefix(lines[kept].count / 2)
        try (lines.prefix(kept).map { $0 + "\n" }.joined() + torn).write(to: log, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: cut.appendingPathComponent("table.csv"))
        let resumed = try Self.run(cut, mode: .resume)
        #expect(resumed.pointsFromLog == kept && resumed.pointsRun == 9 - kept)
        #expect(Set(resumed.rows.map(\.index)) == Set(0..<9) && resumed.rows.count == 9)
        #expect(try Self.tableWithoutTiming(cut) == Self.tableWithoutTiming(whole))
    }

    /// Resuming with a different spec is refused.
    @Test func resumeChecksTheSpec() throws {
        let dir = Self.temporary("other")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Self.run(dir, shard: try Shard(parsing: "0/3"))
        #expect(throws: InvalidParameter.self) { try Self.run(dir, mode: .resume) }
    }

    /// Shards 0/2 and 1/2 merged equal the unsharded table; a missing shard or an overlap is refused.
    @Test func shardsMergeToTheWhole() throws {
        let (whole, s0, s1, merged) = (Self.temporary("whole"), Self.temporary("s0"), Self.temporary("s1"), Self.temporary("merged"))
        defer { for d in [whole, s0, s1, merged] { try? FileManager.default.removeItem(at: d) } }
        _ = try Self.run(whole)
        let first = try Self.run(s0, shard: try Shard(parsing: "0/2"))
        let second = try Self.run(s1, shard: try Shard(parsing: "1/2"))
        #expect(first.rows.map(\.index) == [0, 2, 4, 6, 8] && second.rows.map(\.index) == [1, 3, 5, 7])
        _ = try SweepMerge.merge([s1, s0], into: merged, tool: "test")
        #expect(try Self.tableWithoutTiming(merged) == Self.tableWithoutTiming(whole))
        #expect(throws: InvalidParameter.self) { try SweepMerge.merge([s0], into: Self.temporary("x"), tool: "test") }
        #expect(throws: InvalidParameter.self) { try SweepMerge.merge([s0, s0, s1], into: Self.temporary("y"), tool: "test") }
        #expect(throws: InvalidParameter.self) { try SweepMerge.merge([s0, s1], into: s0, tool: "test") }
    }

    @Test func badShardIsRefused() {
        for text in ["2/2", "-1/2", "1", "a/b", "0/0"] {
            #expect(throws: InvalidParameter.self, "\(text)") { try Shard(parsing: text) }
        }
    }
}
