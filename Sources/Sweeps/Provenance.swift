import Foundation

/// Where a table came from: `provenance.json` beside every sweep's tables.
public struct Provenance: Sendable, Codable {
    public struct Machine: Sendable, Codable {
        public let hostname: String
        public let cores: Int
        public let operatingSystem: String
    }

    public let tool: String
    /// `git rev-parse HEAD` of the working directory, when it is a checkout.
    public let gitCommit: String?
    public let command: [String]
    public let spec: SweepSpec
    public let seed: UInt64
    /// "i/n" when the run was one shard; nil for the whole grid or a merge.
    public let shard: String?
    /// The directories merged (``SweepMerge``), when this table is a merge.
    public let mergedFrom: [String]?
    public let machine: Machine
    public let started: String
    public let finished: String
    public let wallSeconds: Double
    /// Points simulated by this invocation, and points taken from the log (resumed or merged).
    public let pointsRun: Int
    public let pointsFromLog: Int

    public init(tool: String, spec: SweepSpec, shard: String?, mergedFrom: [String]? = nil, started: Date, finished: Date,
                pointsRun: Int, pointsFromLog: Int) {
        self.tool = tool
        gitCommit = Self.gitCommit()
        command = CommandLine.arguments
        self.spec = spec
        seed = spec.seed
        self.shard = shard
        self.mergedFrom = mergedFrom
        let info = ProcessInfo.processInfo
        machine = Machine(hostname: info.hostName, cores: info.activeProcessorCount, operatingSystem: info.operatingSystemVersionString)
        let format = ISO8601DateFormatter()
        self.started = format.string(from: started)
        self.finished = format.string(from: finished)
        wallSeconds = finished.timeIntervalSince(started)
        self.pointsRun = pointsRun
        self.pointsFromLog = pointsFromLog
    }

    /// The commit of the current directory's git checkout, if any.
    static func gitCommit() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "rev-parse", "HEAD"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
