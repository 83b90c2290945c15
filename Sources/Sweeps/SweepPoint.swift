import Dynamics
import Foundation
import NumericKit
import Theory

/// One point of a sweep's grid: its index, seed, the axis values that make it, the
/// validated problem and how it is measured.
public struct SweepPoint: Sendable {
    public let index: Int
    public let seed: UInt64
    /// The axis values of this point, in axis order (`landscape.ha` → 4, …).
    public let parameters: [(name: String, value: ParameterValue)]
    public let description: ProblemDescription
    public let problem: ProblemDescription.Built
    /// Brute force or splitting (``EscapeMethod``), checked against the problem.
    public let method: EscapeMethod

    /// "optimizer=adam, landscape.ha=4, landscape.hb=2, effective-barrier=3".
    public var label: String { parameters.map { "\($0.name)=\($0.value)" }.joined(separator: ", ") }
}

extension SweepSpec {
    /// A parameter assignment and the field of the spec it came from (for error messages).
    struct Assignment {
        let name: String
        let value: ParameterValue
        let field: String
    }

    /// Every point of the grid, each problem built and validated, so that a bad value is
    /// refused before any work is done. Errors name the field (`axes[1].values[2]`).
    public func points() throws(InvalidParameter) -> [SweepPoint] {
        try validate()
        let points = try (0..<pointCount).map { (k) throws(InvalidParameter) in try point(k) }
        if !points.contains(where: { $0.method != .bruteForce }) {
            let options = Set(EscapeMethod.parameterNames.filter { $0 != "method" })
            let set = base.keys.sorted().filter(options.contains).map { "base.\($0)" }
                + axes.indices.flatMap { i in axes[i].parameters.filter(options.contains).map { _ in "axes[\(i)].parameter" } }
            if let field = set.first {
                throw InvalidParameter(field, given: "a splitting option in a sweep where no point runs \"method\": \"ams\"",
                                       allowed: "splitting options (replicas, killed, splitting-runs, loops, home-width, entrance-width) beside method ams")
            }
        }
        return points
    }

    /// Point `index` of the grid (first axis outermost).
    public func point(_ index: Int) throws(InvalidParameter) -> SweepPoint {
        var remainder = index
        var chosen: [(axis: Int, row: Int)] = []
        for (i, axis) in axes.enumerated().reversed() {
            chosen.append((i, remainder % axis.values.count))
            remainder /= axis.values.count
        }
        chosen.reverse()
        var fromAxes: [Assignment] = []
        for (i, j) in chosen {
            for (name, value) in zip(axes[i].parameters, axes[i].values[j]) {
                fromAxes.append(Assignment(name: name, value: value, field: "axes[\(i)].values[\(j)]"))
            }
        }
        let fromBase = base.keys.sorted().map { Assignment(name: $0, value: base[$0]!, field: "base.\($0)") }
        // Whole landscapes first (a landscape.KEY refines them), the barrier target last.
        let all = fromBase + fromAxes
        let methodNames = Set(EscapeMethod.parameterNames)
        let forMethod = all.filter { methodNames.contains($0.name) }
        let ordered = all.filter { $0.name == "landscape" }
            + all.filter { $0.name != "landscape" && $0.name != Self.effectiveBarrier && !methodNames.contains($0.name) }
        let target = all.last { $0.name == Self.effectiveBarrier }
        var description = ProblemDescription(landscape: "")
        do {
            for a in ordered {
                do { try description.set(a.name, to: a.value) } catch { throw Self.located(error, a, [a]) }
            }
            let problem: ProblemDescription.Built
            do {
                if let target {
                    description = try EffectiveBarrierSolver.solve(description, target: target.value, field: target.field)
                }
                problem = try description.build()
            } catch let error as InvalidParameter {
                throw Self.located(error, nil, ordered + (target.map { [$0] } ?? []))
            }
            let method = try EscapeMethod.parse(forMethod.map { ($0.name, $0.value, $0.field) })
            switch method {
            case .bruteForce:
                guard trajectories != nil else {
                    throw InvalidParameter("trajectories", given: "missing", allowed: "a whole number ≥ 2 (this point runs by brute force)")
                }
            case .splitting:
                try SplitEscape.check(problem)
            }
            return SweepPoint(index: index, seed: seed(ofPoint: index), parameters: fromAxes.map { ($0.name, $0.value) },
                              description: description, problem: problem, method: method)
        } catch let error as InvalidParameter {
            let label = fromAxes.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
            throw InvalidParameter(label.isEmpty ? error.parameter : "\(error.parameter) at point \(index) [\(label)]",
                                   given: error.given, allowed: error.allowed)
        } catch {
            throw InvalidParameter("point \(index)", given: "\(error)", allowed: "a problem that can be built")
        }
    }

    /// Names the spec field an error comes from: the assignment whose option (or landscape
    /// key) the error names, else the error as it is.
    static func located(_ error: InvalidParameter, _ direct: Assignment?, _ candidates: [Assignment]) -> InvalidParameter {
        let match = direct ?? candidates.last { a in
            a.name == error.parameter || a.name == "landscape.\(error.parameter)"
                || (a.name == "landscape" && error.parameter == "landscape")
        }
        guard let match, !error.parameter.contains(match.field) else { return error }
        return InvalidParameter("\(match.field) (\(error.parameter))", given: error.given, allowed: error.allowed)
    }
}

/// Solves for the landscape's `barrier` so that the predicted effective barrier ΔΦ (the
/// exponent of the exact MFPT, docs/theory.md §3–4) equals a target. ΔΦ is a power of the
/// barrier for the families here (ΔΦ ∝ ΔL for `pq` with any noise and for isotropic noise;
/// constant for `quartic` with hessian noise, which is refused), so Newton's method on
/// ln ΔΦ against ln ΔL converges in a few steps.
public enum EffectiveBarrierSolver {
    public static func solve(_ description: ProblemDescription, target: ParameterValue, field: String) throws -> ProblemDescription {
        guard case .number(let phi) = target, phi.isFinite, phi > 0 else {
            throw InvalidParameter(field, given: "\(target)", allowed: "an effective barrier ΔΦ > 0")
        }
        var d = description
        func deltaPhi(_ barrier: Double) throws -> Double {
            d.landscape = try ProblemDescription.replacing(key: "barrier", in: description.landscape, with: barrier)
            return try Predictor.predict(try d.oneDimensional()).effectiveBarrier
        }
        var barrier = 1.0
        var value = try deltaPhi(barrier)
        var slope = 1.0
        for _ in 0..<30 {
            if abs(value / phi - 1) < 1e-12 { return d }
            let next = barrier * exp((log(phi) - log(value)) / slope)
            let nextValue = try deltaPhi(next)
            let measured = (log(nextValue) - log(value)) / (log(next) - log(barrier))
            guard measured.isFinite, abs(measured) > 1e-3 else {
                throw InvalidParameter(field, given: Validate.format(phi),
                                       allowed: "a ΔΦ the landscape's barrier can set (here ΔΦ does not change with the barrier: \(Validate.format(value)))")
            }
            (barrier, value, slope) = (next, nextValue, measured)
        }
        throw InvalidParameter(field, given: Validate.format(phi), allowed: "a ΔΦ reachable by changing the landscape's barrier (no convergence)")
    }
}
