import Foundation
import NumericKit

/// A Hessian spectrum from a file — eigenvalues, one per line (`#` comments and blank lines
/// skipped) — as the spectator curvatures of `separable:…,spectators=@PATH`: a measured
/// network's spectrum at a minimum without the shell's `;` trap. Every value must be a finite
/// curvature > 0 (a minimum); errors name the file and line.
enum SpectrumFile {
    static func read(_ path: String) throws(InvalidParameter) -> [Double] {
        let unreadable = InvalidParameter("spectators", given: "'@\(path)'", allowed: "@PATH of a readable text file of eigenvalues, one per line")
        var values: [Double] = []
        for (number, line) in try DataFileLines.read(path, unreadable: unreadable, notText: unreadable) {
            guard let h = Double(line), h.isFinite, h > 0 else {
                throw InvalidParameter("spectators file \(path) line \(number)", given: "'\(line)'",
                                       allowed: "one eigenvalue > 0 per line (the minimum's spectator curvatures; drop or floor negative ones)")
            }
            values.append(h)
        }
        guard !values.isEmpty else {
            throw InvalidParameter("spectators", given: "'@\(path)' (no eigenvalues)", allowed: "at least one eigenvalue > 0")
        }
        return values
    }
}
