import ArgumentParser
import Foundation
import NumericKit

/// `escape`: the DiffusionEscape command line. It parses and prints; the science lives in
/// the libraries (docs/architecture.md).
@main
struct EscapeTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escape",
        abstract: "Escape times of optimizer dynamics from loss-landscape minima: simulated, predicted, compared.",
        discussion: """
            Times are SDE time t = steps·η; steps are optimizer steps. Every simulation prints the \
            exact mean first-passage time and the Kramers prediction beside the measurement.
            """,
        version: ToolVersion.current,
        subcommands: [LandscapeCommand.self, PredictCommand.self, SimulateCommand.self, SweepCommand.self, MergeCommand.self, ReproduceCommand.self, SpectrumCommand.self])

    /// Bad input exits with status 2 and one line on stderr; other failures with 1.
    static func main() {
        // A write past the file-size limit (or a full quota) fails with an error we report,
        // instead of the default SIGXFSZ kill.
        signal(SIGXFSZ, SIG_IGN)
        if let refusal = unknownCommand(Array(CommandLine.arguments.dropFirst())) {
            FileHandle.standardError.write(Data("escape: \(refusal)\n".utf8))
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            let badInput = error is InvalidParameter || code == .validationFailure
            let line = message(for: error).split(whereSeparator: \.isNewline).joined(separator: " ")
            FileHandle.standardError.write(Data("escape: \(line)\n".utf8))
            Foundation.exit(badInput ? 2 : 1)
        }
    }
}

extension EscapeTool {
    /// A first argument that is no subcommand but within two edits of one (`simulte`): the
    /// one-line refusal with the suggestion. Anything else is left to the parser.
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        guard !names.contains(first) else { return nil }
        let scored = names.map { ($0, editDistance(first.lowercased(), $0)) }.min { $0.1 < $1.1 }
        guard let (name, distance) = scored, distance <= 2 else { return nil }
        return "unknown command '\(first)'; did you mean '\(name)'? (commands: \(names.dropLast().joined(separator: ", ")))"
    }

    /// Levenshtein distance.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var diagonal = row[0]
            row[0] = i
            for j in 1...b.count {
                let above = row[j]
                row[j] = min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
                diagonal = above
            }
        }
        return row[b.count]
    }
}

enum ToolVersion {
    static let current = "0.1.0"
}
