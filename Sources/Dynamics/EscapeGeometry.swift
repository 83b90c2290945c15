import Landscapes
import NumericKit

/// The start minimum, the saddle, the next minimum and the escape target of a 1-D escape
/// problem, in *oriented* coordinates: escape is always to the right. For a walker
/// starting in the right-hand minimum the landscape is mirrored (x ↦ −x) and
/// ``toLandscape(_:)`` maps back.
public struct EscapeGeometry: Sendable, Equatable {
    public let mirrored: Bool
    public let start: CriticalPoint1D
    public let saddle: CriticalPoint1D
    public let nextMinimum: CriticalPoint1D
    /// The escape point y > start.x.
    public let target: Double
    /// How the target was chosen.
    public let targetRule: EscapeTarget

    /// The stretch the escape path covers in practice: from as far behind the start as the
    /// target lies ahead of it, to the target. ``StepSizeProfile`` is tabulated on it and the
    /// dips of D are sought on it.
    public var pathSpan: (from: Double, to: Double) { (start.x - (target - start.x), target) }

    public init(landscape: any Landscape1D, side: StartSide, target rule: EscapeTarget) throws(InvalidParameter) {
        mirrored = side == .right
        let points = mirrored
            ? landscape.criticalPoints.reversed().map {
                CriticalPoint1D(x: -$0.x, value: $0.value, curvature: $0.curvature, kind: $0.kind)
            }
            : landscape.criticalPoints
        guard let start = points.first(where: { $0.kind == .minimum }),
              let saddle = points.first(where: { $0.kind == .saddle && $0.x > start.x }),
              let next = points.first(where: { $0.kind == .minimum && $0.x > saddle.x }) else {
            throw InvalidParameter("landscape", given: landscape.spec, allowed: "a landscape with two minima and a saddle between them")
        }
        self.start = start
        self.saddle = saddle
        self.nextMinimum = next
        self.targetRule = rule
        switch rule {
        case .midpoint: target = 0.5 * (saddle.x + next.x)
        case .saddle: target = saddle.x
        case .minimum: target = next.x
        case .point(let x):
            let oriented = mirrored ? -x : x
            guard oriented > start.x, oriented <= next.x else {
                let (a, b) = mirrored ? (-next.x, -start.x) : (start.x, next.x)
                throw InvalidParameter("escape-at", given: "x=\(Validate.format(x))",
                                       allowed: "a point between the start minimum and the next minimum, \(mirrored ? "[" : "(")\(Validate.format(a)), \(Validate.format(b))\(mirrored ? ")" : "]")")
            }
            target = oriented
        }
    }

    /// Oriented coordinate → the landscape's own coordinate.
    public func toLandscape(_ x: Double) -> Double { mirrored ? -x : x }

    /// ΔL = L(saddle) − L(start).
    public var barrier: Double { saddle.value - start.value }
}
