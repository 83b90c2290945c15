import Dynamics
import Foundation
import NumericKit

/// One verdict drawn from a sweep's rows: a measured quantity with its error bar, the value
/// theory (or the exact prediction) gives for it, and whether they agree.
public struct SweepFitResult: Sendable, Equatable, Codable {
    public let kind: String
    /// Which rows: "optimizer=adam", "optimizer=sgd, batch=2", ….
    public let group: String
    public let measured: Double?
    public let standardError: Double?
    public let ci95: [Double]?
    /// What the measurement is held against, and its value.
    public let expectedLabel: String
    public let expected: Double?
    /// The same fit made on the exact predictions (no Monte Carlo), where that differs from `expected`.
    public let exact: Double?
    public let consistent: Bool?
    public let detail: String
    /// Exponent fits: the Arrhenius slope at each sharpness level.
    public let levels: [ArrheniusLevel]?

    public struct ArrheniusLevel: Sendable, Equatable, Codable {
        /// B/H_a.
        public let sharpness: Double
        public let slope: WeightedSlope
        /// The slope of ln(reference time) over the same x.
        public let exactSlope: Double
    }
}

/// The analyses a sweep file can ask for (``FitRequest``), computed from finished rows.
///
/// - **exponent** (docs/theory.md §0): for each optimizer and each sharpness B/H_a, the Arrhenius
///   slope b of ln τ against ΔL/η (``ArrheniusFit``); then p = slope of ln b against
///   ln(B/H_a) (``ExponentFit``), with a 95% interval and a verdict against the theory's p.
///   H_a and H_b must move together (fixed ratio) so that s stays fixed. With ΔΦ held to the
///   same values at every sharpness (`effective-barrier` axis) the Arrhenius slope is b·κ with
///   κ the same at every level (the problem is self-similar: τ = (w²/D_a)·F(ΔΦ)), so the
///   prefactor's curvature drops out of p even at the low ΔΦ simulation can afford.
/// - **arrhenius**: for each group of rows differing only in `x`, the slope of ln τ against x
///   (1/η, B, ΔL/η, ΔΦ or ln(L_saddle/L_min)), held against the same slope of the exact
///   prediction; against ln(L_saddle/L_min) (loss noise, §13) the power law's exponent is said beside it.
/// - **selectivity** (§4): ln(τ_flat/τ_sharp) from the rows starting in either well.
/// - **escape-fraction** (§7): scheduled DualAdam's fraction escaped by the switch step.
/// - **kramers-asymptotics** (§4): for each group of rows differing only in the barrier (and
///   the method, so brute force at low ΔΦ and splitting above fit together), c of
///   Kramers/τ = 1 + c/ΔΦ + d/ΔΦ² from the measured τ (``KramersCorrectionFit``), held against the
///   same fit of the exact MFPT: consistent when |c − c_exact| ≤ 4 SE + the allowance's share.
/// - **time-step-order** (docs/integrators.md §3): for each group of rows differing only in
///   `dt`, the order p of the weak error e(dt) = 1 − τ/τ_exact ∝ dt^p — the weighted slope of
///   ln|e| against ln dt over the rows whose bias is resolved (|e| > 2 SE), with
///   SE(ln|e|) = SE_τ/(τ_exact·|e|). Fewer than 3 resolved rows: no order, and the largest
///   |e| with its SE is reported instead (a scheme whose bias the sweep cannot see). The verdict
///   assumes what the study is for, a problem where D jumps: a scheme that crosses jumps
///   exactly in law (`crossesJumpsExactly`) is consistent when every row of its group agrees,
///   any other when its order's 95% CI holds ½ (the O(√dt) jump bias).
public enum SweepFits {
    public static func run(_ requests: [FitRequest], rows: [SweepRow]) -> [SweepFitResult] {
        requests.flatMap { request -> [SweepFitResult] in
            switch request.kind {
            case .exponent: exponent(rows)
            case .arrhenius: arrhenius(rows, x: request.x ?? .inverseLearningRate)
            case .selectivity: selectivity(rows)
            case .escapeFraction: escapeFraction(rows)
            case .timeStepOrder: timeStepOrder(rows)
            case .kramersAsymptotics: kramersAsymptotics(rows)
            }
        }
    }

    /// Rows grouped by their axis values other than `excluding` (and the optimizer first).
    static func groups(_ rows: [SweepRow], excluding: Set<String>) -> [(String, [SweepRow])] {
        var order: [String] = []
        var byKey: [String: [SweepRow]] = [:]
        for row in rows.sorted(by: { $0.index < $1.index }) {
            var parts = ["optimizer=\(row.optimizer)"]
            parts += row.parameters.keys.sorted().filter { !excluding.contains($0) && $0 != "optimizer" }
                .map { "\($0)=\(row.parameters[$0]!)" }
            let key = parts.joined(separator: ", ")
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(row)
        }
        return order.map { ($0, byKey[$0]!) }
    }

    /// The axis parameters that set sharpness and barrier (excluded from exponent groups).
    static let sharpnessAndBarrier: Set<String> = Set([
        "landscape.ha", "landscape.hb", "landscape.hc", "landscape.barrier", "landscape.a", "batch", "lr", SweepSpec.effectiveBarrier,
    ] + EscapeMethod.parameterNames)

    static func exponent(_ rows: [SweepRow]) -> [SweepFitResult] {
        groups(rows, excluding: sharpnessAndBarrier).map { group, members in
            func fail(_ why: String) -> SweepFitResult {
                SweepFitResult(kind: "exponent", group: group, measured: nil, standardError: nil, ci95: nil, expectedLabel: "theory p",
                               expected: members.first?.theoryExponent, exact: nil, consistent: nil, detail: why, levels: nil)
            }
            var bySharpness: [Double: [SweepRow]] = [:]
            for row in members {
                guard let s = row.batchOverCurvature else { return fail("needs hessian or frozen noise (B/H defined)") }
                bySharpness[(s * 1e9).rounded() / 1e9, default: []].append(row)
            }
            var levels: [SweepFitResult.ArrheniusLevel] = []
            for s in bySharpness.keys.sorted() {
                let level = bySharpness[s]!.filter { $0.meanTime != nil && ($0.standardError ?? 0) > 0 && $0.referenceTime != nil }
                guard level.count >= 3 else { return fail("B/H = \(Validate.format(s)): \(level.count) rows with a measured time; 3 needed") }
                do {
                    let x = level.map(\.barrierOverLearningRate)
                    let fit = try ArrheniusFit(barrierOverLearningRate: x, times: level.map { $0.meanTime! },
                                               standardErrors: level.map { $0.standardError! })
                    let exact = try WeightedSlope(x: x, y: level.map { log($0.referenceTime!) }, standardErrors: x.map { _ in 1 })
                    levels.append(.init(sharpness: s, slope: fit.fit, exactSlope: exact.slope))
                } catch {
                    return fail("B/H = \(Validate.format(s)): \(error)")
                }
            }
            guard levels.count >= 3 else { return fail("\(levels.count) sharpness levels; 3 needed") }
            let theory = members.first?.theoryExponent
            do {
                let fit = try ExponentFit(sharpness: levels.map(\.sharpness), slopes: levels.map(\.slope.slope),
                                          slopeStandardErrors: levels.map(\.slope.standardError), theory: theory)
                let exact = try WeightedSlope(x: levels.map { log($0.sharpness) }, y: levels.map { log($0.exactSlope) },
                                              standardErrors: levels.map { _ in 1 })
                return SweepFitResult(kind: "exponent", group: group, measured: fit.p, standardError: fit.fit.standardError,
                                      ci95: fit.fit.ci95, expectedLabel: "theory p", expected: theory, exact: exact.slope,
                                      consistent: fit.consistent, detail: fit.verdict, levels: levels)
            } catch {
                return fail("\(error)")
            }
        }
    }

    static func arrhenius(_ rows: [SweepRow], x: FitRequest.Abscissa) -> [SweepFitResult] {
        let (excluded, value): (Set<String>, (SweepRow) -> Double?) = switch x {
        case .inverseLearningRate: (["lr"], { 1 / $0.learningRate })
        case .batch: (["batch"], { $0.batch })
        case .barrierOverLearningRate: (Set(["lr", "landscape.barrier", SweepSpec.effectiveBarrier] + EscapeMethod.parameterNames),
                                        { $0.barrierOverLearningRate })
        case .effectiveBarrier: (Set([SweepSpec.effectiveBarrier, "landscape.barrier"] + EscapeMethod.parameterNames), { $0.effectiveBarrier })
        case .logLossRatio: (Set(["landscape.floor", "landscape.barrier"] + EscapeMethod.parameterNames), { $0.lossRatio.map(log) })
        case .barrier: (sharpnessAndBarrier, { $0.barrier })
        case .logWidth: (sharpnessAndBarrier, { $0.jumpWidth.map(log) })
        }
        let kind = "arrhenius (ln τ against \(x.rawValue))"
        return groups(rows, excluding: excluded).map { group, members in
            let usable = members.filter { value($0) != nil && $0.meanTime != nil && ($0.standardError ?? 0) > 0 && $0.referenceTime != nil }
            do {
                let xs = usable.map { value($0)! }
                let fit = try WeightedSlope(x: xs, y: usable.map { log($0.meanTime!) },
                                            standardErrors: usable.map { $0.standardError! / $0.meanTime! })
                let exact = try WeightedSlope(x: xs, y: usable.map { log($0.referenceTime!) }, standardErrors: xs.map { _ in 1 })
                let consistent = fit.contains(exact.slope)
                var detail = String(format: "slope %.4g ± %.2g, 95%% CI [%.4g, %.4g]; exact prediction %.4g: %@", fit.slope,
                                    fit.standardError, fit.ci95[0], fit.ci95[1], exact.slope, consistent ? "consistent" : "NOT consistent")
                if x == .logLossRatio, let p = usable.first?.powerLawExponent, usable.allSatisfy({ $0.powerLawExponent == p }) {
                    detail += String(format: "; the power law's exponent B/(ηP) + 1/2 = %.4g (Laplace's limit ηP/B → 0)", p)
                }
                return SweepFitResult(kind: kind, group: group, measured: fit.slope, standardError: fit.standardError, ci95: fit.ci95,
                                      expectedLabel: "exact slope", expected: exact.slope, exact: nil, consistent: consistent,
                                      detail: detail, levels: nil)
            } catch {
                return SweepFitResult(kind: kind, group: group, measured: nil, standardError: nil, ci95: nil, expectedLabel: "exact slope",
                                      expected: nil, exact: nil, consistent: nil, detail: "\(error)", levels: nil)
            }
        }
    }

    /// |measured − predicted| ≤ 4·SE + 2·allowance: each time may carry the stated relative
    /// discretisation allowance, so their log ratio may carry twice it.
    static func selectivity(_ rows: [SweepRow]) -> [SweepFitResult] {
        groups(rows, excluding: ["from"]).map { group, members in
            let wells = members.filter { $0.meanTime != nil && $0.standardError != nil && $0.referenceTime != nil }
            guard wells.count == 2, wells[0].from != wells[1].from else {
                return SweepFitResult(kind: "selectivity", group: group, measured: nil, standardError: nil, ci95: nil,
                                      expectedLabel: "exact ln(τ_flat/τ_sharp)", expected: nil, exact: nil, consistent: nil,
                                      detail: "needs one measured row from each well (axis `from`)", levels: nil)
            }
            let (flat, sharp) = wells[0].curvatureAtMinimum <= wells[1].curvatureAtMinimum ? (wells[0], wells[1]) : (wells[1], wells[0])
            let ratio = MeasuredSelectivity.logRatio(flat: (flat.meanTime, flat.standardError), sharp: (sharp.meanTime, sharp.standardError))!
            let (m, se) = (ratio.value, ratio.standardError!)
            let predicted = log(flat.referenceTime! / sharp.referenceTime!)
            let consistent = abs(m - predicted) <= 4 * se + 2 * flat.allowance
            return SweepFitResult(
                kind: "selectivity", group: group, measured: m, standardError: se, ci95: [m - 1.96 * se, m + 1.96 * se],
                expectedLabel: "exact ln(τ_flat/τ_sharp)", expected: predicted, exact: nil, consistent: consistent,
                detail: String(format: "ln(τ_flat/τ_sharp) = %.4f ± %.3f (flat well: %@), exact %.4f: %@", m, se, flat.from, predicted,
                               consistent ? "within 4 SE + 2·allowance" : "OUTSIDE 4 SE + 2·allowance"),
                levels: nil)
        }
    }

    /// |measured − predicted| ≤ 4·SE + allowance·predicted for the fraction escaped by the
    /// hazard's horizon step — DualAdam's switch, a learning-rate schedule's end (binomial SE).
    static func escapeFraction(_ rows: [SweepRow]) -> [SweepFitResult] {
        rows.sorted { $0.index < $1.index }.compactMap { row in
            guard let m = row.escapedByHorizon, let se = row.escapedByHorizonStandardError, let p = row.predictedEscapedByHorizon,
                  let k = row.horizonStep else { return nil }
            let consistent = abs(m - p) <= 4 * se + row.allowance * p
            return SweepFitResult(
                kind: "escape-fraction", group: row.label.isEmpty ? "optimizer=\(row.optimizer)" : row.label, measured: m,
                standardError: se, ci95: [m - 1.96 * se, m + 1.96 * se], expectedLabel: "hazard prediction", expected: p, exact: nil,
                consistent: consistent,
                detail: String(format: "escaped by step %d: %.4f ± %.4f, hazard %.4f: %@", k, m, se, p,
                               consistent ? "within 4 SE + allowance" : "OUTSIDE 4 SE + allowance"),
                levels: nil)
        }
    }

    static func timeStepOrder(_ rows: [SweepRow]) -> [SweepFitResult] {
        let kind = "time-step-order"
        return groups(rows, excluding: ["dt"]).map { group, members in
            let measured = members.compactMap { row -> (dt: Double, bias: Double, se: Double)? in
                guard let dt = row.dt, let m = row.meanTime, let se = row.standardError, se > 0,
                      let exact = row.referenceTime, (row.censored ?? 0) == 0 else { return nil }
                return (dt, 1 - m / exact, se / exact)
            }.sorted { $0.dt > $1.dt }
            let listed = measured.map { String(format: "%.3g: %+.3f ± %.3f", $0.dt, $0.bias, $0.se) }.joined(separator: ", ")
            let resolved = measured.filter { abs($0.bias) > 2 * $0.se }
            // What the group's scheme should show where D jumps (the study's design): a scheme
            // that crosses jumps exactly in law has no bias to resolve, so every row agrees;
            // any other is biased by O(√dt) there (docs/integrators.md §2–§3).
            let scheme = members.first?.parameters["integrator"].flatMap { IntegratorKind(rawValue: "\($0)")?.scheme }
            let exactAtJumps = scheme?.crossesJumpsExactly
            let expectedLabel = exactAtJumps == true ? "exact in law at the jump: every row agrees" : "weak order at a jump of D"
            func report(_ p: Double?, _ se: Double?, _ ci: [Double]?, _ consistent: Bool?, _ detail: String) -> SweepFitResult {
                SweepFitResult(kind: kind, group: group, measured: p, standardError: se, ci95: ci, expectedLabel: expectedLabel,
                               expected: exactAtJumps == false ? 0.5 : nil, exact: nil, consistent: consistent, detail: detail, levels: nil)
            }
            let allAgree = exactAtJumps == true ? members.allSatisfy(\.agrees) : nil
            guard resolved.count >= 3 else {
                let largest = measured.max { abs($0.bias) < abs($1.bias) }
                let worst = largest.map { String(format: "largest |1 − τ/τ_exact| = %.3f ± %.3f", abs($0.bias), $0.se) } ?? "no measured rows"
                return report(nil, nil, nil, allAgree, "bias 1 − τ/τ_exact at dt = \(listed); resolved (> 2 SE) at \(resolved.count) of \(measured.count) steps, 3 needed for an order: \(worst)")
            }
            do {
                let fit = try WeightedSlope(x: resolved.map { log($0.dt) }, y: resolved.map { log(abs($0.bias)) },
                                            standardErrors: resolved.map { $0.se / abs($0.bias) })
                let consistent = exactAtJumps == false ? (fit.ci95[0] <= 0.5 && 0.5 <= fit.ci95[1]) : allAgree
                return report(fit.slope, fit.standardError, fit.ci95, consistent,
                              String(format: "bias 1 − τ/τ_exact at dt = %@; order p = %.2f ± %.2f, 95%% CI [%.2f, %.2f] over %d resolved steps",
                                     listed, fit.slope, fit.standardError, fit.ci95[0], fit.ci95[1], resolved.count))
            } catch {
                return report(nil, nil, nil, nil, "bias at dt = \(listed): \(error)")
            }
        }
    }

    static func kramersAsymptotics(_ rows: [SweepRow]) -> [SweepFitResult] {
        let kind = "kramers-asymptotics"
        let barrierAndMethod = Set([SweepSpec.effectiveBarrier, "landscape.barrier"] + EscapeMethod.parameterNames)
        return groups(rows, excluding: barrierAndMethod).map { group, members in
            func report(_ m: KramersCorrectionFit?, _ exact: KramersCorrectionFit?, _ detail: String) -> SweepFitResult {
                SweepFitResult(kind: kind, group: group, measured: m?.c, standardError: m?.standardError,
                               ci95: m.flatMap { f in f.standardError.map { [f.c - 1.96 * $0, f.c + 1.96 * $0] } },
                               expectedLabel: "c of the exact MFPT", expected: exact?.c, exact: nil,
                               consistent: exact.flatMap { e in m?.agrees(with: e.c) }, detail: detail, levels: nil)
            }
            let predicted = members.filter { $0.effectiveBarrier != nil && $0.kramersOverExact != nil }.sorted { $0.effectiveBarrier! < $1.effectiveBarrier! }
            let measured = predicted.filter { $0.meanTime != nil && ($0.standardError ?? 0) > 0 && ($0.censored ?? 0) == 0 && $0.kramersTime != nil }
            do {
                let exact = try KramersCorrectionFit(effectiveBarrier: predicted.map { $0.effectiveBarrier! },
                                                     ratio: predicted.map { $0.kramersOverExact! }, standardErrors: nil)
                let ratios = measured.map { $0.kramersTime! / $0.meanTime! }
                let fit = try KramersCorrectionFit(effectiveBarrier: measured.map { $0.effectiveBarrier! }, ratio: ratios,
                                                   standardErrors: zip(measured, ratios).map { row, k in k * row.standardError! / row.meanTime! },
                                                   allowance: members.first?.allowance ?? 0)
                let agrees = fit.agrees(with: exact.c) ?? false
                let perRow = measured.map { String(format: "%.3g: %.3f", $0.effectiveBarrier!, $0.measuredOverExact ?? .nan) }.joined(separator: ", ")
                return report(fit, exact, String(
                    format: "Kramers/τ = 1 + c/ΔΦ + d/ΔΦ²: measured c = %.3f ± %.3f (d = %.3f) over %d barriers, exact c = %.3f (d = %.3f); allowance's share %.3f: %@; measured/exact at ΔΦ = %@",
                    fit.c, fit.standardError ?? .nan, fit.d, fit.points, exact.c, exact.d, fit.allowanceShift,
                    agrees ? "within 4 SE + allowance" : "OUTSIDE 4 SE + allowance", perRow))
            } catch {
                return report(nil, nil, "\(error)")
            }
        }
    }
}
