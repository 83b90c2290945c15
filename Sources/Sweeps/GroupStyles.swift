import Foundation

/// Colour by optimizer, marker by what else tells the groups apart — so that the exponent
/// sweep's 18 series need 3 colours and 6 markers, not 18 colours — and the legend that says
/// so: one entry per optimizer and one per marker when the other axes take the same values
/// under every optimizer, otherwise one entry per group.
struct GroupStyles {
    let optimizers: [String]
    /// Each group's key without its `optimizer=…` part ("" when the optimizer is all of it)
    /// and without the `landscape.` of landscape parameters.
    let remainders: [String]
    let markers: [Int]
    /// The other axes take the same values under every optimizer: markers name those values.
    let shared: [String]?

    /// `keys` as ``SweepFits/groups(_:excluding:)`` makes them, `optimizers` each group's.
    init(keys: [String], optimizers: [String]) {
        self.optimizers = optimizers
        remainders = zip(keys, optimizers).map { key, o in
            key.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0 != "optimizer=\(o)" }
                .map { $0.hasPrefix("landscape.") ? String($0.dropFirst("landscape.".count)) : $0 }.joined(separator: ", ")
        }
        var distinct: [String] = []
        for r in remainders where !distinct.contains(r) { distinct.append(r) }
        let perOptimizer = Dictionary(grouping: zip(optimizers, remainders), by: \.0).mapValues { $0.map(\.1) }
        shared = distinct.count > 1 && perOptimizer.values.allSatisfy { Set($0) == Set(distinct) && $0.count == distinct.count } ? distinct : nil
        var markers: [Int] = []
        for k in keys.indices {
            if let shared { markers.append(shared.firstIndex(of: remainders[k])!) }
            else { markers.append(optimizers[..<k].filter { $0 == optimizers[k] }.count) }
        }
        self.markers = markers
    }

    func style(_ k: Int) -> SVGPlot.Style {
        .init(color: FigureStyle.color(optimizer: optimizers[k]), marker: FigureStyle.marker(markers[k]))
    }

    func legend() -> [SVGPlot.LegendEntry] {
        if let shared {
            var seen: [String] = []
            for o in optimizers where !seen.contains(o) { seen.append(o) }
            return seen.map { SVGPlot.LegendEntry($0, .init(color: FigureStyle.color(optimizer: $0), marker: .none, stroke: .solid)) }
                + shared.enumerated().map { SVGPlot.LegendEntry($1, .init(color: FigureStyle.neutral, marker: FigureStyle.marker($0))) }
        }
        return optimizers.indices.map { k in
            SVGPlot.LegendEntry(remainders[k].isEmpty ? optimizers[k] : "\(optimizers[k]): \(remainders[k])",
                                .init(color: style(k).color, marker: style(k).marker, stroke: .solid))
        }
    }
}
