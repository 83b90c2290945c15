import Foundation

/// The figures of a sweep, each measurement drawn beside the theory it is held against:
/// - `measured-vs-predicted.svg`: measured τ (95% CI) against the reference prediction,
///   log-log, with y = x;
/// - against the last numeric axis: measured ln τ (95% CI) with the reference prediction's
///   ln τ as a line (and Kramers' formula, dotted, when the sweep is one series) —
///   `log-time-vs-PARAM.svg`; or, for DualAdam's and scheduled rows, the fraction escaped by
///   the hazard's horizon step K (±1.96 SE) with its prediction — `escape-fraction-vs-PARAM.svg`;
/// - `roughness.svg`: simulated τ, the exact MFPT and Zwanzig's estimate against ε/T;
/// - `loss-noise.svg`: simulated τ, the exact MFPT, the power law and the Arrhenius form against
///   L_saddle/L_min, log-log;
/// - `exponent.svg`: the measured Arrhenius slopes b against B/H_a with the exact
///   prediction's slopes, log-log (slope = p);
/// - `kramers-ratio.svg` (kramers-asymptotics fits): Kramers/τ measured and exact against ΔΦ.
/// Colours name optimizers (``FigureStyle/color(optimizer:)``); markers name the other axes.
enum SweepFigures {
    static func all(_ spec: SweepSpec, _ rows: [SweepRow], _ fits: [SweepFitResult]) -> [(String, String)] {
        var out = [("measured-vs-predicted.svg", measuredAgainstPredicted(spec, rows))]
        if let axis = spec.axes.last(where: { a in a.values.allSatisfy { if case .number = $0[0] { true } else { false } } }) {
            out.append(againstParameter(spec, rows, axis: axis))
        }
        if rows.contains(where: { $0.zwanzigTime != nil }) { out.append(("roughness.svg", roughness(spec, rows))) }
        if rows.contains(where: { $0.lossRatio != nil }) { out.append(("loss-noise.svg", lossNoise(spec, rows))) }
        let exponentFits = fits.filter { $0.levels != nil }
        if !exponentFits.isEmpty { out.append(("exponent.svg", exponent(spec, exponentFits))) }
        if fits.contains(where: { $0.kind == "kramers-asymptotics" }) { out.append(("kramers-ratio.svg", kramersRatio(spec, rows))) }
        return out
    }

    static let measuredEntry = "measured (95% CI)"

    static func measuredAgainstPredicted(_ spec: SweepSpec, _ rows: [SweepRow]) -> String {
        let optimizers = Self.optimizers(rows)
        let series = optimizers.map { o in
            SVGPlot.Series(name: "\(o): measured", points: rows.filter { $0.optimizer == o }.compactMap { r in
                guard let m = r.meanTime, let p = r.referenceTime else { return nil }
                return SVGPlot.Point(x: p, y: m, low: r.ciLow, high: r.ciHigh)
            }, style: .init(color: FigureStyle.color(optimizer: o)))
        }
        let legend = optimizers.map { SVGPlot.LegendEntry("\($0): \(measuredEntry)", .init(color: FigureStyle.color(optimizer: $0)), errorBar: true) }
            + [SVGPlot.LegendEntry("measured = predicted", .init(color: "#888", marker: .none, stroke: .dashed))]
        return SVGPlot(title: "\(spec.name): measured against predicted escape time", xLabel: "predicted τ (reference prediction, SDE time)",
                       yLabel: "measured mean τ (SDE time)", logX: true, logY: true, diagonal: true, series: series, legend: legend).render()
    }

    /// ln τ (or DualAdam's escape fraction) against the numeric `axis`, one group per
    /// combination of the other axes.
    static func againstParameter(_ spec: SweepSpec, _ rows: [SweepRow], axis: SweepAxis) -> (String, String) {
        let name = axis.parameters[0]
        let groups = SweepFits.groups(rows, excluding: Set(axis.parameters))
        let styles = GroupStyles(keys: groups.map(\.0), optimizers: groups.map { $0.1[0].optimizer })
        func x(_ r: SweepRow) -> Double? { if case .number(let x)? = r.parameters[name] { x } else { nil } }
        let xs = rows.compactMap(x)
        let logX = (xs.min() ?? 0) > 0 && (xs.max() ?? 0) / (xs.min() ?? 1) >= 8
        let fraction = rows.contains { $0.escapedByHorizon != nil }
        var series: [SVGPlot.Series] = []
        for (k, (key, members)) in groups.enumerated() {
            let style = styles.style(k)
            let measured: [SVGPlot.Point] = members.compactMap { r in
                guard let x = x(r) else { return nil }
                if fraction {
                    guard let f = r.escapedByHorizon, let se = r.escapedByHorizonStandardError else { return nil }
                    return SVGPlot.Point(x: x, y: f, low: f - 1.96 * se, high: f + 1.96 * se)
                }
                guard let m = r.meanTime else { return nil }
                return SVGPlot.Point(x: x, y: log(m), low: r.ciLow.map { log(max($0, .leastNormalMagnitude)) }, high: r.ciHigh.map { log($0) })
            }
            let predicted: [SVGPlot.Point] = members.compactMap { r in
                guard let x = x(r), let p = fraction ? r.predictedEscapedByHorizon : r.referenceTime.map(log) else { return nil }
                return SVGPlot.Point(x: x, y: p)
            }
            series.append(.init(name: "\(key): measured", points: measured, style: style))
            series.append(.init(name: "\(key): predicted", points: predicted, style: .init(color: style.color, marker: .none, stroke: .solid)))
            if !fraction, groups.count == 1 {
                let kramers = members.compactMap { r in x(r).flatMap { x in r.kramersTime.map { SVGPlot.Point(x: x, y: log($0)) } } }
                if !kramers.isEmpty { series.append(.init(name: "Kramers", points: kramers, style: .init(color: FigureStyle.neutral, marker: .none, stroke: .dotted))) }
            }
        }
        // Rows may be held against different references (α-stable: the jump law below α = 2, the exact MFPT at 2).
        var references: [String] = []
        for r in rows where !references.contains(r.reference) { references.append(r.reference) }
        let reference = fraction ? "hazard prediction" : references.map(FigureStyle.referenceLabel).joined(separator: " or ")
        var legend = styles.legend()
        legend.append(.init(measuredEntry, .init(color: FigureStyle.neutral), errorBar: true))
        legend.append(.init("predicted: \(reference)", .init(color: FigureStyle.neutral, marker: .none, stroke: .solid)))
        if series.contains(where: { $0.name == "Kramers" }) {
            legend.append(.init("Kramers' formula", .init(color: FigureStyle.neutral, marker: .none, stroke: .dotted)))
        }
        let file = name.replacingOccurrences(of: ".", with: "-")
        // The horizon: DualAdam's switch (one per row), a schedule's end.
        let horizons = Set(rows.compactMap(\.horizonStep))
        let horizon = horizons.count == 1 ? "\(horizons.first!)" : "K"
        let label = FigureStyle.axisLabel(name)
        if fraction {
            return ("escape-fraction-vs-\(file).svg", SVGPlot(
                title: "\(spec.name): escapes by step \(horizon) against \(label)", xLabel: label,
                yLabel: "fraction escaped by step \(horizon) (±1.96 SE)", logX: logX, series: series, legend: legend).render())
        }
        return ("log-time-vs-\(file).svg", SVGPlot(
            title: "\(spec.name): ln τ against \(label)", xLabel: label, yLabel: "ln τ (mean escape time, SDE time)",
            logX: logX, series: series, legend: legend).render())
    }

    /// Kramers/τ against ΔΦ: measured (95% CI) and exact, one group per combination of the
    /// axes other than the barrier and the method; both → 1 as 1 + c/ΔΦ (``KramersCorrectionFit``).
    static func kramersRatio(_ spec: SweepSpec, _ rows: [SweepRow]) -> String {
        let groups = SweepFits.groups(rows, excluding: Set([SweepSpec.effectiveBarrier, "landscape.barrier"] + EscapeMethod.parameterNames))
        let styles = GroupStyles(keys: groups.map(\.0), optimizers: groups.map { $0.1[0].optimizer })
        var series: [SVGPlot.Series] = []
        for (k, (key, members)) in groups.enumerated() {
            let style = styles.style(k)
            let sorted = members.filter { $0.effectiveBarrier != nil }.sorted { $0.effectiveBarrier! < $1.effectiveBarrier! }
            let measured: [SVGPlot.Point] = sorted.compactMap { r in
                guard let k = r.kramersTime, let m = r.meanTime else { return nil }
                return SVGPlot.Point(x: r.effectiveBarrier!, y: k / m, low: r.ciHigh.map { k / $0 }, high: r.ciLow.map { k / max($0, .leastNormalMagnitude) })
            }
            let exact = sorted.compactMap { r in r.kramersOverExact.map { SVGPlot.Point(x: r.effectiveBarrier!, y: $0) } }
            series.append(.init(name: "\(key): measured", points: measured, style: style))
            series.append(.init(name: "\(key): predicted", points: exact, style: .init(color: style.color, marker: .none, stroke: .solid)))
        }
        var legend = styles.legend()
        legend.append(.init("Kramers/τ measured (95% CI)", .init(color: FigureStyle.neutral), errorBar: true))
        legend.append(.init("Kramers/exact MFPT", .init(color: FigureStyle.neutral, marker: .none, stroke: .solid)))
        return SVGPlot(title: "\(spec.name): Kramers' formula over the escape time", xLabel: FigureStyle.axisLabel(SweepSpec.effectiveBarrier),
                       yLabel: "Kramers τ_K / τ (→ 1 as 1 + c/ΔΦ)", logX: true, series: series, legend: legend).render()
    }

    static func roughness(_ spec: SweepSpec, _ rows: [SweepRow]) -> String {
        theoryFigure(title: "\(spec.name): escape time against roughness", xLabel: "roughness ε / T (amplitude over temperature)",
                     logX: false, rows: rows.filter { $0.zwanzigTime != nil }, x: \.roughness,
                     estimates: [("Zwanzig's estimate", \.zwanzigTime, .dashed)])
    }

    static func lossNoise(_ spec: SweepSpec, _ rows: [SweepRow]) -> String {
        theoryFigure(title: "\(spec.name): escape time against the loss ratio", xLabel: "L_saddle / L_min (log scale: the power law is a line)",
                     logX: true, rows: rows.filter { $0.lossRatio != nil }, x: \.lossRatio,
                     estimates: [("power law (Mori et al.)", \.powerLawTime, .dashed), ("Arrhenius form e^{ΔL/T_min}", \.arrheniusTime, .dotted)])
    }

    /// Simulated τ (95% CI) and the exact MFPT against `x`, with closed-form `estimates` in the
    /// neutral colour (one optimizer's rows).
    static func theoryFigure(title: String, xLabel: String, logX: Bool, rows: [SweepRow], x: KeyPath<SweepRow, Double?>,
                             estimates: [(String, KeyPath<SweepRow, Double?>, SVGPlot.Stroke)]) -> String {
        let optimizer = rows[0].optimizer
        let color = FigureStyle.color(optimizer: optimizer)
        func points(_ y: KeyPath<SweepRow, Double?>) -> [SVGPlot.Point] {
            rows.compactMap { r in r[keyPath: x].flatMap { x in r[keyPath: y].map { SVGPlot.Point(x: x, y: $0) } } }
        }
        let simulated = rows.compactMap { r -> SVGPlot.Point? in
            guard let x = r[keyPath: x], let m = r.meanTime else { return nil }
            return SVGPlot.Point(x: x, y: m, low: r.ciLow, high: r.ciHigh)
        }
        return SVGPlot(
            title: title, xLabel: xLabel, yLabel: "mean escape time τ (SDE time)", logX: logX, logY: true,
            series: [.init(name: "\(optimizer): measured", points: simulated, style: .init(color: color)),
                     .init(name: "\(optimizer): predicted", points: points(\.exactTime), style: .init(color: color, marker: .none, stroke: .solid))]
                + estimates.map { .init(name: $0.0, points: points($0.1), style: .init(color: FigureStyle.neutral, marker: .none, stroke: $0.2)) },
            legend: [.init("\(optimizer): \(measuredEntry)", .init(color: color), errorBar: true),
                     .init("predicted: exact MFPT", .init(color: color, marker: .none, stroke: .solid))]
                + estimates.map { .init($0.0, .init(color: FigureStyle.neutral, marker: .none, stroke: $0.2)) }
        ).render()
    }

    static func exponent(_ spec: SweepSpec, _ fits: [SweepFitResult]) -> String {
        var series: [SVGPlot.Series] = []
        var legend: [SVGPlot.LegendEntry] = []
        for f in fits {
            let optimizer = f.group.replacingOccurrences(of: "optimizer=", with: "")
            let color = FigureStyle.color(optimizer: optimizer)
            series.append(.init(name: "\(optimizer): measured", points: f.levels!.map { l in
                SVGPlot.Point(x: l.sharpness, y: l.slope.slope, low: l.slope.ci95[0], high: l.slope.ci95[1])
            }, style: .init(color: color)))
            series.append(.init(name: "\(optimizer): predicted", points: f.levels!.map { SVGPlot.Point(x: $0.sharpness, y: $0.exactSlope) },
                                style: .init(color: color, marker: .none, stroke: .solid)))
            let theory = f.expected.map { String(format: " (theory %g)", $0) } ?? ""
            legend.append(.init("\(optimizer): p = \(String(format: "%.3f", f.measured ?? .nan))\(theory)", .init(color: color, stroke: .solid)))
        }
        legend.append(.init(measuredEntry, .init(color: FigureStyle.neutral), errorBar: true))
        legend.append(.init("predicted: the exact MFPT's slopes", .init(color: FigureStyle.neutral, marker: .none, stroke: .solid)))
        return SVGPlot(
            title: "\(spec.name): Arrhenius slope b against sharpness B/H", xLabel: "sharpness ratio B / H_a",
            yLabel: "Arrhenius slope b = d ln τ / d(ΔL/η)", logX: true, logY: true, series: series, legend: legend).render()
    }

    static func optimizers(_ rows: [SweepRow]) -> [String] {
        var seen: [String] = []
        for r in rows.sorted(by: { $0.index < $1.index }) where !seen.contains(r.optimizer) { seen.append(r.optimizer) }
        return seen
    }
}
