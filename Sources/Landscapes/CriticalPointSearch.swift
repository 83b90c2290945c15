import NumericKit

/// Minima and the index-1 saddles between them, for any d-dimensional landscape.
///
/// - Minima: BFGS (GSL `vector_bfgs2`) from each of the family's starting points, to
///   |∇L| < 1e-10, deduplicated, kept if the Hessian is positive definite.
/// - The saddle between minima a and c: (1) the simplified string method (E, Ren &
///   Vanden-Eijnden, J. Chem. Phys. 126, 164103, 2007): 31 images from a to c, each moved by
///   steepest descent and the string re-parametrised to equal arc length, until it rests on
///   the minimum-energy path; (2) from the highest image, minimum-mode following (gentle
///   ascent; the dimer idea of Henkelman & Jónsson 1999 with the exact Hessian): step along
///   −∇L with its component along the lowest eigenvector reversed, until |∇L| < 1e-6;
///   (3) Newton polish on ∇L = 0 with J = ∇²L (GSL `hybridsj`) to |∇L|₁ < 1e-13; (4) the
///   Hessian spectrum must have index 1, and steepest descent from either side of the saddle
///   along its unstable direction must end in a and in c (otherwise the two minima are not
///   neighbours).
public enum CriticalPointSearch {
    /// The local minimum reached from `start`: BFGS, then Newton polish of ∇L = 0.
    public static func minimum<L: LandscapeND>(_ l: L, from start: [Double]) throws -> CriticalPointND {
        let x = try MultiMinimizer.bfgs(from: start, value: { l.value($0) }, gradient: { l.gradient($0, into: &$1) })
        return try CriticalPointND(at: try polish(l, x), of: l)
    }

    /// Newton on ∇L = 0 with J = ∇²L (GSL hybridsj) from a point already close to a critical point.
    static func polish<L: LandscapeND>(_ l: L, _ x: [Double]) throws -> [Double] {
        try MultiRootFinder.hybrid(from: x, function: { l.gradient($0, into: &$1) }, jacobian: { $1 = l.hessian($0) })
    }

    /// Every minimum reached from the family's starting points, in the order first found.
    public static func minima<L: LandscapeND>(_ l: L) throws -> [CriticalPointND] {
        var found: [CriticalPointND] = []
        for start in l.startingPoints {
            let m = try minimum(l, from: start)
            guard m.index == 0, m.eigenvalues[0] > 0 else { continue }
            if !found.contains(where: { distance($0.x, m.x) < 1e-6 * max(1, norm(m.x)) }) { found.append(m) }
        }
        return found
    }

    /// The saddle joining minima a and c and the minimum-energy path found on the way.
    public struct Connection: Sendable {
        public let saddle: CriticalPointND
        /// The relaxed string from a to c (31 images).
        public let path: [[Double]]
        /// Whether descents from the saddle end in a and c.
        public let connects: Bool
    }

    public static func saddle<L: LandscapeND>(_ l: L, between a: CriticalPointND, and c: CriticalPointND,
                                               images: Int = 31) throws -> Connection {
        let d = l.dimension
        let stiffness = max(a.eigenvalues.last!, c.eigenvalues.last!)
        let step = 0.2 / stiffness
        // (1) The string.
        var path = (0..<images).map { k in
            let t = Double(k) / Double(images - 1)
            return (0..<d).map { a.x[$0] + t * (c.x[$0] - a.x[$0]) }
        }
        var g = Array(repeating: 0.0, count: d)
        for _ in 0..<4000 {
            var moved = 0.0
            for k in 1..<(images - 1) {
                l.gradient(path[k], into: &g)
                for i in 0..<d { path[k][i] -= step * g[i] }
                moved = max(moved, step * norm(g))
            }
            path = reparametrise(path)
            if moved < 1e-9 * max(1, norm(a.x) + norm(c.x)) { break }
        }
        // (2) Minimum-mode following from the highest image.
        var x = path.max(by: { l.value($0) < l.value($1) })!
        for _ in 0..<20_000 {
            l.gradient(x, into: &g)
            if norm(g) < 1e-6 { break }
            let spectrum = try SymmetricEigen(symmetric: l.hessian(x), dimension: d)
            let v = spectrum.vectors[0]
            let along = zip(g, v).reduce(0) { $0 + $1.0 * $1.1 }
            let reversal = spectrum.values[0] < 0 ? 2.0 : 1.0
            for i in 0..<d { x[i] -= step * (g[i] - reversal * along * v[i]) }
        }
        // (3) Newton polish.
        x = try polish(l, x)
        let saddle = try CriticalPointND(at: x, of: l)
        // (4) Which minima the saddle joins.
        var connects = false
        if saddle.index == 1 {
            let v = saddle.eigenvectors[0]
            let nudge = 1e-3 * max(distance(a.x, c.x), 1e-3)
            let ends = try [1.0, -1.0].map { sign in
                try minimum(l, from: (0..<d).map { x[$0] + sign * nudge * v[$0] }).x
            }
            let tolerance = 1e-4 * max(1, distance(a.x, c.x))
            func near(_ p: [Double], _ q: [Double]) -> Bool { distance(p, q) < tolerance }
            connects = (near(ends[0], a.x) && near(ends[1], c.x)) || (near(ends[0], c.x) && near(ends[1], a.x))
        }
        return Connection(saddle: saddle, path: path, connects: connects)
    }

    /// Equal arc-length spacing by linear interpolation along the polyline.
    static func reparametrise(_ path: [[Double]]) -> [[Double]] {
        let n = path.count
        var lengths = [0.0]
        for k in 1..<n { lengths.append(lengths[k - 1] + distance(path[k - 1], path[k])) }
        let total = lengths[n - 1]
        guard total > 0 else { return path }
        var out = [path[0]]
        var segment = 1
        for k in 1..<(n - 1) {
            let s = total * Double(k) / Double(n - 1)
            while lengths[segment] < s { segment += 1 }
            let w = (s - lengths[segment - 1]) / (lengths[segment] - lengths[segment - 1])
            out.append(zip(path[segment - 1], path[segment]).map { $0 + w * ($1 - $0) })
        }
        out.append(path[n - 1])
        return out
    }

    public static func distance(_ p: [Double], _ q: [Double]) -> Double {
        zip(p, q).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }

    static func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
}
