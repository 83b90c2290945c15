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

enum ToolVersion {
    static let current = "0.1.0"
}
