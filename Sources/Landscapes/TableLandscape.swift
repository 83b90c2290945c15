import Foundation
import NumericKit

/// `table:file=PATH.csv` — a measured 1-D loss profile (e.g. the loss along the line between
/// two checkpoints), optionally with the gradient-noise variance C(x) measured along it
/// (`--noise measured` reads it; docs/theory.md §2).
///
/// The file has rows `x,loss` or `x,loss,C` (an optional header `x,loss[,C]`, `#` comments and
/// blank lines are skipped), x strictly increasing, 5 to 1500 rows, every number finite
/// and C > 0. L is a C² cubic spline through the rows (``CubicSpline``: GSL's natural spline
/// with the end rows padded so that L″ is not pinned to 0 there), so L″ — what hessian noise and
/// every prefactor read — is continuous, where Akima's or Steffen's splines would make it jump
/// at each row; L‴ is piecewise constant. Beyond the first and last rows L continues as the
/// quadratic with the spline's value, slope and curvature there. C is splined as ln C, so it
/// stays positive between the rows and passes through each, and holds its end values beyond
/// them. The prediction says how much of its weight lies near or beyond the ends
/// (``knownRange``): the profile should extend behind the start minimum and past the next one.
///
/// The minima and saddles are the roots of L′ (Brent's method, GSL) in brackets between the
/// rows and the zeros of L″, so that none is missed: on each interval L′ is a quadratic whose
/// only extremum is where L″ = 0.
public struct TableLandscape: LandscapeFamily1D {
    /// The path as the spec gave it.
    public let file: String
    public let loss: CubicSpline
    /// ln C(x), when the file has a third column.
    public let logVariance: CubicSpline?
    public private(set) var criticalPoints: [CriticalPoint1D] = []
    public let curvatureSignChanges: [Double]

    /// The landscape through the rows of `x`, `loss` (and ln of `variance`), as read from `file`.
    public init(file: String, x: [Double], loss: [Double], variance: [Double]?) throws {
        self.file = file
        self.loss = try CubicSpline(x: x, y: loss)
        logVariance = try variance.map { try CubicSpline(x: x, y: $0.map { Foundation.log($0) }) }
        let m = self.loss.curvatures
        var zeros: [Double] = []
        for i in 0..<(x.count - 1) {
            if i > 0, m[i] == 0, m[i - 1] * m[i + 1] < 0 { zeros.append(x[i]) }
            if m[i] * m[i + 1] < 0 { zeros.append(x[i] + (x[i + 1] - x[i]) * m[i] / (m[i] - m[i + 1])) }
        }
        curvatureSignChanges = zeros
        // L′ at the rows and at the zeros of L″: consecutive samples bracket every root.
        let samples = Array(Set(x + zeros)).sorted()
        let spline = self.loss
        var points: [CriticalPoint1D] = []
        var previous = (x: samples[0], slope: spline.derivative(samples[0]))
        for t in samples.dropFirst() {
            let slope = spline.derivative(t)
            if slope == 0 {
                points.append(CriticalPoint1D(x: t, value: spline.value(t), curvature: spline.secondDerivative(t),
                                              kind: spline.secondDerivative(t) > 0 ? .minimum : .saddle))
            } else if previous.slope != 0, (previous.slope < 0) != (slope < 0) {
                let root = try RootFinder.brent(lower: previous.x, upper: t) { spline.derivative($0) }
                let h = spline.secondDerivative(root)
                points.append(CriticalPoint1D(x: root, value: spline.value(root), curvature: h, kind: h > 0 ? .minimum : .saddle))
            }
            previous = (t, slope)
        }
        criticalPoints = points
    }

    @inlinable public func value(_ x: Double) -> Double { loss.value(x) }
    @inlinable public func derivative(_ x: Double) -> Double { loss.derivative(x) }
    @inlinable public func secondDerivative(_ x: Double) -> Double { loss.secondDerivative(x) }
    @inlinable public func thirdDerivative(_ x: Double) -> Double { loss.thirdDerivative(x) }

    /// The rows: L, L′ and L″ are continuous, L‴ jumps at every row — and with it the slope of
    /// hessian noise C(L″), whose kinks the quadratures must not straddle (QAGS reported
    /// roundoff on a sampled quartic with them inside its intervals).
    public var breakpoints: [Double] { loss.x }
    public var spec: String { "table:file=\(file)" }
    public var measuredLogVariance: (spline: CubicSpline, mirrored: Bool)? { logVariance.map { ($0, false) } }
    /// The rows: beyond them L and C are extrapolated.
    public var knownRange: ClosedRange<Double>? { loss.x[0]...loss.x[loss.x.count - 1] }
}

extension TableLandscape {
    public static var family: String { "table" }
    public static var help: String {
        "a measured profile: the natural cubic spline through the rows x,loss[,C] of a CSV file (C, the gradient-noise variance, for --noise measured)"
    }
    public static var example: String { "table:file=examples/tables/quartic.csv" }
    public static var parameters: [LandscapeParameter] {
        [.required("file", "a CSV path without commas: rows x,loss or x,loss,C, x increasing")]
    }

    public static func make(_ values: [String: Double]) throws -> TableLandscape {
        throw InvalidParameter("file", given: "missing", allowed: "table:file=PATH.csv")
    }

    public static func parse(body: Substring) throws(InvalidParameter) -> TableLandscape {
        var path: String?
        for item in body.isEmpty ? [] : body.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == "file" else {
                throw InvalidParameter("table parameter", given: "'\(item)'", allowed: "file=PATH (the only key; a path without commas)")
            }
            guard path == nil else { throw InvalidParameter("file", given: "given twice", allowed: "each parameter once") }
            path = parts[1].trimmingCharacters(in: .whitespaces)
        }
        guard let path, !path.isEmpty else {
            throw InvalidParameter("file", given: "missing", allowed: "table:file=PATH.csv with rows x,loss[,C]")
        }
        let rows = try TableFile.read(path)
        do {
            return try TableLandscape(file: path, x: rows.x, loss: rows.loss, variance: rows.variance)
        } catch let error as InvalidParameter {
            throw error
        } catch {
            throw InvalidParameter("file", given: path, allowed: "a profile whose spline and critical points can be computed (\(error))")
        }
    }
}

/// The rows of a `table:` CSV file, checked line by line: every error names the file and line.
enum TableFile {
    struct Rows {
        var x: [Double] = []
        var loss: [Double] = []
        var variance: [Double]?
    }

    static let minimumRows = 5
    /// Every row is a breakpoint of the quadratures, whose budget is 2000 subintervals.
    static let maximumRows = 1500

    static func read(_ path: String) throws(InvalidParameter) -> Rows {
        let lines = try DataFileLines.read(
            path, unreadable: InvalidParameter("file", given: "'\(path)'", allowed: "a readable CSV file with rows x,loss[,C]"),
            notText: InvalidParameter("file", given: "'\(path)' (not UTF-8 text)", allowed: "a CSV file with rows x,loss[,C]"))
        var rows = Rows()
        var columns: Int?
        for (number, line) in lines {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            func refuse(_ allowed: String) -> InvalidParameter {
                InvalidParameter("file \(path) line \(number)", given: "'\(line)'", allowed: allowed)
            }
            if columns == nil, rows.x.isEmpty, Double(cells[0]) == nil {
                let names = cells.map { $0.lowercased() }
                guard names == ["x", "loss"] || names == ["x", "loss", "c"] else {
                    throw refuse("a header x,loss or x,loss,C, or a first row of numbers")
                }
                columns = names.count
                continue
            }
            guard cells.count == 2 || cells.count == 3, columns == nil || columns == cells.count else {
                throw refuse(columns.map { "\($0) numbers, as the rows before it" } ?? "2 numbers (x,loss) or 3 (x,loss,C)")
            }
            columns = cells.count
            let numbers = cells.map { Double($0) }
            guard numbers.allSatisfy({ $0?.isFinite == true }) else { throw refuse("finite numbers") }
            let (x, loss) = (numbers[0]!, numbers[1]!)
            if let last = rows.x.last, x <= last {
                throw refuse("x greater than the previous row's \(Validate.format(last)) (rows in increasing x, no repeats)")
            }
            guard rows.x.count < maximumRows else {
                throw refuse("at most \(maximumRows) rows (each is a breakpoint of the exact-MFPT quadrature); resample the profile")
            }
            rows.x.append(x)
            rows.loss.append(loss)
            if cells.count == 3 {
                guard numbers[2]! > 0 else { throw refuse("a gradient-noise variance C > 0") }
                rows.variance = rows.variance ?? []
                rows.variance!.append(numbers[2]!)
            }
        }
        guard rows.x.count >= minimumRows else {
            throw InvalidParameter("file", given: "'\(path)' with \(rows.x.count) rows", allowed: "at least \(minimumRows) rows x,loss[,C]")
        }
        return rows
    }
}
