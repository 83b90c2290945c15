import Foundation

/// A figure written by ``SVGPlot``, read back from its markup: the canvas, the plot area,
/// each series' drawn positions, the legend's labels and the tick labels — so that tests and
/// scripts can check a figure (every series drawn, inside the axes; the legend inside the
/// canvas) without rendering it. Positions are SVG user units (pixels), y downwards.
public struct FigureMarkup: Sendable {
    public struct Box: Sendable {
        public let x, y, width, height: Double
        /// Whether (px, py) lies in the box, allowing `slack` pixels (the markup's rounding).
        public func contains(_ px: Double, _ py: Double, slack: Double = 0.2) -> Bool {
            px >= x - slack && px <= x + width + slack && py >= y - slack && py <= y + height + slack
        }
    }

    public struct Series: Sendable {
        public let name: String
        /// Marker centres, line vertices and error-bar ends.
        public let positions: [(x: Double, y: Double)]
    }

    public struct Label: Sendable {
        public let x, y: Double
        public let text: String
    }

    public let width, height: Double
    public let plotArea: Box
    public let series: [Series]
    public let legend: [Label]
    public let xTicks: [String]
    public let yTicks: [String]

    /// Reads `svg`; throws when it is not ``SVGPlot``'s markup (no canvas size or plot area).
    public init(svg: String) throws {
        guard let root = Self.tags(svg[...], "svg").first, let w = Self.number("width", root), let h = Self.number("height", root),
              let area = Self.tags(svg[...], "rect").first(where: { Self.attribute("class", $0) == "plot-area" }),
              let ax = Self.number("x", area), let ay = Self.number("y", area),
              let aw = Self.number("width", area), let ah = Self.number("height", area)
        else { throw InvalidFigure() }
        width = w; height = h
        plotArea = Box(x: ax, y: ay, width: aw, height: ah)
        series = Self.groups(svg[...], "series").map { name, body in
            var positions: [(x: Double, y: Double)] = []
            for tag in Self.tags(body, "use") {
                if let x = Self.number("x", tag), let y = Self.number("y", tag) { positions.append((x, y)) }
            }
            for tag in Self.tags(body, "line") {
                if let x1 = Self.number("x1", tag), let y1 = Self.number("y1", tag), let x2 = Self.number("x2", tag), let y2 = Self.number("y2", tag) {
                    positions += [(x1, y1), (x2, y2)]
                }
            }
            for tag in Self.tags(body, "polyline") {
                for pair in (Self.attribute("points", tag) ?? "").split(separator: " ") {
                    let c = pair.split(separator: ",").compactMap { Double($0) }
                    if c.count == 2 { positions.append((c[0], c[1])) }
                }
            }
            return Series(name: name, positions: positions)
        }
        legend = Self.groups(svg[...], "legend").flatMap { _, body in Self.texts(body).map { Label(x: $0.x, y: $0.y, text: $0.text) } }
        let texts = Self.texts(svg[...])
        xTicks = texts.filter { $0.class == "tick-x" }.map(\.text)
        yTicks = texts.filter { $0.class == "tick-y" }.map(\.text)
    }

    /// What a reader would find wrong: a series with nothing drawn or drawn outside the axes,
    /// a legend label running past the canvas (at ``SVGPlot/characterWidth`` per character),
    /// an axis with fewer than two labelled ticks. Empty for a sound figure.
    public var defects: [String] {
        var out: [String] = []
        if series.isEmpty { out.append("no series") }
        for s in series {
            if s.positions.isEmpty { out.append("series '\(s.name)' draws nothing") }
            let outside = s.positions.filter { !plotArea.contains($0.x, $0.y) }
            if let p = outside.first { out.append("series '\(s.name)': \(outside.count) positions outside the axes, e.g. (\(p.x), \(p.y))") }
        }
        for label in legend {
            let end = label.x + Double(label.text.count) * SVGPlot.characterWidth
            if label.x < 0 || end > width || label.y < 0 || label.y > height {
                out.append("legend '\(label.text)' leaves the \(Int(width))×\(Int(height)) canvas (ends at x ≈ \(Int(end)), y = \(label.y))")
            }
        }
        if xTicks.count < 2 { out.append("x axis: \(xTicks.count) labelled ticks") }
        if yTicks.count < 2 { out.append("y axis: \(yTicks.count) labelled ticks") }
        return out
    }

    public struct InvalidFigure: Error {}

    /// The opening tags `<name …>` in `text`.
    static func tags(_ text: Substring, _ name: String) -> [Substring] {
        var out: [Substring] = []
        var rest = text
        while let start = rest.range(of: "<\(name) ") {
            guard let end = rest[start.upperBound...].firstIndex(of: ">") else { break }
            out.append(rest[start.lowerBound...end])
            rest = rest[rest.index(after: end)...]
        }
        return out
    }

    /// The bodies of `<g class="cls" …>…</g>`, with their `data-name` (groups do not nest).
    static func groups(_ text: Substring, _ cls: String) -> [(String, Substring)] {
        var out: [(String, Substring)] = []
        var rest = text
        while let start = rest.range(of: "<g class=\"\(cls)\"") {
            guard let open = rest[start.upperBound...].firstIndex(of: ">"),
                  let close = rest[open...].range(of: "</g>") else { break }
            out.append((unescape(attribute("data-name", rest[start.lowerBound...open]) ?? ""), rest[rest.index(after: open)..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return out
    }

    static func texts(_ text: Substring) -> [(class: String?, x: Double, y: Double, text: String)] {
        var out: [(String?, Double, Double, String)] = []
        var rest = text
        while let start = rest.range(of: "<text ") {
            guard let open = rest[start.upperBound...].firstIndex(of: ">"),
                  let close = rest[open...].range(of: "</text>") else { break }
            let tag = rest[start.lowerBound...open]
            out.append((attribute("class", tag), number("x", tag) ?? .nan, number("y", tag) ?? .nan,
                        unescape(String(rest[rest.index(after: open)..<close.lowerBound]))))
            rest = rest[close.upperBound...]
        }
        return out
    }

    static func attribute(_ name: String, _ tag: some StringProtocol) -> String? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        guard let end = tag[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(tag[start.upperBound..<end])
    }

    static func number(_ name: String, _ tag: some StringProtocol) -> Double? { attribute(name, tag).flatMap { Double($0) } }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
