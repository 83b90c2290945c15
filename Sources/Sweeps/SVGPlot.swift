import Foundation

/// A small, dependency-free scatter/line plot in SVG: series of points with vertical error
/// bars, drawn as markers and/or a line, on linear or logarithmic axes, with an optional
/// y = x line and a legend. Enough for every figure the tool writes.
///
/// What a reader can rely on in every figure:
/// - the legend lies inside the canvas: the right margin is as wide as the longest label
///   (at a conservative ``characterWidth``) and the canvas grows to hold every entry;
/// - a logarithmic axis runs between 1-2-5 values (1, 2, 5 × 10ᵏ) enclosing the data, so it
///   has at least two labelled ticks; spans over three decades label the decades and draw
///   2 and 5 as unlabelled grid lines;
/// - the markup is regular, for tests and scripts: the axes are `<rect class="plot-area">`,
///   each series is a `<g class="series" data-name="…">` holding its line (`<polyline>`),
///   error bars (`<line>`) and markers (`<use href="#marker-…" x y>`), tick labels are
///   `<text class="tick-x">`/`<text class="tick-y">`, the legend is `<g class="legend">`
///   with one `<text>` per entry.
public struct SVGPlot: Sendable {
    public struct Point: Sendable {
        public let x: Double
        public let y: Double
        public let low: Double?
        public let high: Double?
        public init(x: Double, y: Double, low: Double? = nil, high: Double? = nil) {
            self.x = x; self.y = y; self.low = low; self.high = high
        }
    }

    /// A marker shape, defined once in the figure's `<defs>`.
    public enum Marker: String, Sendable, CaseIterable {
        case none, circle, square, triangle, diamond, triangleDown = "triangle-down", plus
        /// The shapes a grouping cycles through.
        public static let cycle: [Marker] = [.circle, .square, .triangle, .diamond, .triangleDown, .plus]
    }

    /// How a series' points are joined (in x order).
    public enum Stroke: String, Sendable {
        case none, solid, dashed, dotted
        var dashArray: String? {
            switch self {
            case .none, .solid: nil
            case .dashed: "6 4"
            case .dotted: "1.5 3"
            }
        }
    }

    /// Colour, marker and line of a series (or of a legend entry).
    public struct Style: Sendable, Equatable {
        public var color: String
        public var marker: Marker
        public var stroke: Stroke
        public init(color: String, marker: Marker = .circle, stroke: Stroke = .none) {
            self.color = color; self.marker = marker; self.stroke = stroke
        }
    }

    public struct Series: Sendable {
        public let name: String
        public let points: [Point]
        public let style: Style
        public init(name: String, points: [Point], style: Style) {
            self.name = name; self.points = points; self.style = style
        }
    }

    /// One line of the legend: a swatch in `style` (with an error bar when `errorBar`) and a label.
    public struct LegendEntry: Sendable {
        public let label: String
        public let style: Style
        public let errorBar: Bool
        public init(_ label: String, _ style: Style, errorBar: Bool = false) {
            self.label = label; self.style = style; self.errorBar = errorBar
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var logX = false
    public var logY = false
    /// Draw y = x across the plot (dashed grey; give it a legend entry in `legend`).
    public var diagonal = false
    public var series: [Series]
    /// nil: one entry per series, in its style.
    public var legend: [LegendEntry]?

    public init(title: String, xLabel: String, yLabel: String, logX: Bool = false, logY: Bool = false, diagonal: Bool = false,
                series: [Series], legend: [LegendEntry]? = nil) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel
        self.logX = logX; self.logY = logY; self.diagonal = diagonal; self.series = series; self.legend = legend
    }

    static let (plotWidth, minimumPlotHeight) = (420.0, 348.0)
    static let (left, top, bottom) = (78.0, 36.0, 56.0)
    static let legendLine = 18.0
    /// An upper bound of the mean advance of a character of the 12 px sans-serif labels (most
    /// fonts average 6–6.5 px; wide symbols and capitals are covered by the bound).
    public static let characterWidth = 7.2
    /// Where a legend label starts, from the legend's left edge (after the swatch).
    static let legendTextOffset = 34.0

    public func render() -> String {
        let valid = series.map { s in
            (s, s.style, s.points.filter { p in
                p.x.isFinite && p.y.isFinite && (!logX || p.x > 0) && (!logY || p.y > 0)
            })
        }
        let entries = legend ?? valid.map { LegendEntry($0.0.name, $0.1, errorBar: $0.2.contains { $0.low != nil }) }
        let longest = entries.map { Double($0.label.count) }.max() ?? 0
        let right = max(24, Self.legendTextOffset + 16 + longest * Self.characterWidth)
        let plotW = Self.plotWidth
        let plotH = max(Self.minimumPlotHeight, Self.legendLine * Double(entries.count) + 16)
        let width = (Self.left + plotW + right).rounded(.up), height = Self.top + plotH + Self.bottom

        var xs = valid.flatMap { $0.2.map(\.x) }
        var ys = valid.flatMap { $0.2.flatMap { [$0.y, $0.low ?? $0.y, $0.high ?? $0.y] } }.filter { $0.isFinite && (!logY || $0 > 0) }
        if diagonal { let all = xs + ys; xs = all; ys = all }
        let xr = Self.range(xs, log: logX), yr = Self.range(ys, log: logY)
        func px(_ x: Double) -> Double { Self.left + plotW * (Self.t(x, logX) - xr.0) / (xr.1 - xr.0) }
        func py(_ y: Double) -> Double { Self.top + plotH * (1 - (Self.t(y, logY) - yr.0) / (yr.1 - yr.0)) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
            \(Self.markerDefinitions)
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(f(Self.left + plotW / 2))" y="20" text-anchor="middle" font-size="14">\(Self.escape(title))</text>
            <rect class="plot-area" x="\(f(Self.left))" y="\(f(Self.top))" width="\(f(plotW))" height="\(f(plotH))" fill="none" stroke="#333"/>

            """
        for tick in Self.ticks(xr, log: logX) {
            let x = px(tick.value)
            svg += "<line x1=\"\(f(x))\" y1=\"\(f(Self.top))\" x2=\"\(f(x))\" y2=\"\(f(Self.top + plotH))\" stroke=\"\(tick.label == nil ? "#eee" : "#ddd")\"/>"
            if let label = tick.label {
                svg += "<text class=\"tick-x\" x=\"\(f(x))\" y=\"\(f(Self.top + plotH + 16))\" text-anchor=\"middle\">\(label)</text>"
            }
            svg += "\n"
        }
        for tick in Self.ticks(yr, log: logY) {
            let y = py(tick.value)
            svg += "<line x1=\"\(f(Self.left))\" y1=\"\(f(y))\" x2=\"\(f(Self.left + plotW))\" y2=\"\(f(y))\" stroke=\"\(tick.label == nil ? "#eee" : "#ddd")\"/>"
            if let label = tick.label {
                svg += "<text class=\"tick-y\" x=\"\(f(Self.left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(label)</text>"
            }
            svg += "\n"
        }
        svg += "<text x=\"\(f(Self.left + plotW / 2))\" y=\"\(f(height - 14))\" text-anchor=\"middle\">\(Self.escape(xLabel))</text>\n"
        svg += "<text transform=\"translate(18 \(f(Self.top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">\(Self.escape(yLabel))</text>\n"
        if diagonal {
            let lo = max(xr.0, yr.0), hi = min(xr.1, yr.1)
            if lo < hi {
                let a = Self.inverse(lo, logX), b = Self.inverse(hi, logX)
                svg += "<line class=\"diagonal\" x1=\"\(f(px(a)))\" y1=\"\(f(py(a)))\" x2=\"\(f(px(b)))\" y2=\"\(f(py(b)))\" stroke=\"#888\" stroke-dasharray=\"5 4\"/>\n"
            }
        }
        for (s, style, points) in valid {
            svg += "<g class=\"series\" data-name=\"\(Self.escape(s.name))\">\n"
            if style.stroke != .none, points.count > 1 {
                let path = points.sorted { $0.x < $1.x }.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
                svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(style.color)\" stroke-width=\"1.4\"\(Self.dash(style.stroke))/>\n"
            }
            if style.marker != .none {
                for p in points {
                    if let low = p.low, let high = p.high, low.isFinite, high.isFinite, !logY || low > 0 {
                        svg += "<line x1=\"\(f(px(p.x)))\" y1=\"\(f(py(low)))\" x2=\"\(f(px(p.x)))\" y2=\"\(f(py(high)))\" stroke=\"\(style.color)\"/>"
                    }
                    svg += "<use href=\"#marker-\(style.marker.rawValue)\" x=\"\(f(px(p.x)))\" y=\"\(f(py(p.y)))\" fill=\"\(style.color)\" stroke=\"\(style.color)\"/>\n"
                }
            }
            svg += "</g>\n"
        }
        let legendX = Self.left + plotW + 12
        svg += "<g class=\"legend\">\n"
        for (k, entry) in entries.enumerated() {
            let y = Self.top + 14 + Self.legendLine * Double(k)
            let style = entry.style
            if style.stroke != .none {
                svg += "<line x1=\"\(f(legendX))\" y1=\"\(f(y - 4))\" x2=\"\(f(legendX + 26))\" y2=\"\(f(y - 4))\" stroke=\"\(style.color)\" stroke-width=\"1.4\"\(Self.dash(style.stroke))/>"
            }
            if entry.errorBar {
                svg += "<line x1=\"\(f(legendX + 13))\" y1=\"\(f(y - 10))\" x2=\"\(f(legendX + 13))\" y2=\"\(f(y + 2))\" stroke=\"\(style.color)\"/>"
            }
            if style.marker != .none {
                svg += "<use href=\"#marker-\(style.marker.rawValue)\" x=\"\(f(legendX + 13))\" y=\"\(f(y - 4))\" fill=\"\(style.color)\" stroke=\"\(style.color)\"/>"
            }
            svg += "<text x=\"\(f(legendX + Self.legendTextOffset))\" y=\"\(f(y))\">\(Self.escape(entry.label))</text>\n"
        }
        svg += "</g>\n"
        return svg + "</svg>\n"
    }

    static func dash(_ stroke: Stroke) -> String {
        stroke.dashArray.map { " stroke-dasharray=\"\($0)\"" } ?? ""
    }

    /// The marker shapes, centred on (0, 0), coloured by the `<use>` that places them.
    static let markerDefinitions = """
        <defs>
        <circle id="marker-circle" r="3.4"/>
        <rect id="marker-square" x="-3.1" y="-3.1" width="6.2" height="6.2"/>
        <polygon id="marker-triangle" points="0,-4.2 3.8,2.6 -3.8,2.6"/>
        <polygon id="marker-diamond" points="0,-4.4 4.4,0 0,4.4 -4.4,0"/>
        <polygon id="marker-triangle-down" points="0,4.2 3.8,-2.6 -3.8,-2.6"/>
        <path id="marker-plus" d="M-4.2 0H4.2M0 -4.2V4.2" fill="none" stroke-width="1.8"/>
        </defs>
        """

    static func t(_ v: Double, _ log: Bool) -> Double { log ? log10(v) : v }
    static func inverse(_ v: Double, _ log: Bool) -> Double { log ? pow(10, v) : v }

    /// The axis range in transformed units. Linear: the data padded 5%. Logarithmic: from the
    /// 1-2-5 value at or below the smallest datum to the one at or above the largest (a single
    /// value: the 1-2-5 values on either side), padded 2% so markers at the ends stay inside.
    static func range(_ values: [Double], log: Bool) -> (Double, Double) {
        let v = values.filter { $0.isFinite && (!log || $0 > 0) }
        guard var lo = v.min(), var hi = v.max() else { return (0, 1) }
        if log {
            var a = oneTwoFive(atOrBelow: lo), b = oneTwoFive(atOrAbove: hi)
            if b <= a { a = oneTwoFive(atOrBelow: lo * 0.999); b = oneTwoFive(atOrAbove: hi * 1.001) }
            let (l, h) = (log10(a), log10(b))
            let pad = 0.02 * (h - l)
            return (l - pad, h + pad)
        }
        if hi - lo < 1e-12 * max(1, abs(hi)) { lo -= 0.5 * max(1, abs(lo)); hi += 0.5 * max(1, abs(hi)) }
        let pad = 0.05 * (hi - lo)
        return (lo - pad, hi + pad)
    }

    /// The largest m·10ᵏ (m = 1, 2, 5) not above `v` (> 0).
    static func oneTwoFive(atOrBelow v: Double) -> Double {
        let e = floor(log10(v)), scale = pow(10, e)
        let m = v / scale * (1 + 1e-12)
        return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * scale
    }

    /// The smallest m·10ᵏ (m = 1, 2, 5) not below `v` (> 0).
    static func oneTwoFive(atOrAbove v: Double) -> Double {
        let e = floor(log10(v)), scale = pow(10, e)
        let m = v / scale * (1 - 1e-12)
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * scale
    }

    /// Ticks (label nil: an unlabelled grid line). Linear: every 1, 2 or 5 × 10ᵏ step giving at
    /// most 7 ticks. Logarithmic: 1, 2, 5 × 10ᵏ, labelled when the axis spans at most three
    /// decades, else the decades labelled and 2, 5 as grid lines.
    static func ticks(_ r: (Double, Double), log: Bool) -> [(value: Double, label: String?)] {
        if log {
            let first = Int(floor(r.0)) - 1, last = Int(ceil(r.1))
            let labelAll = r.1 - r.0 <= 3.2
            var out: [(Double, String?)] = []
            for e in first...last {
                for m in [1.0, 2, 5] {
                    let v = m * pow(10, Double(e))
                    let lv = log10(v)
                    if lv >= r.0 - 1e-9 && lv <= r.1 + 1e-9 { out.append((v, labelAll || m == 1 ? String(format: "%g", v) : nil)) }
                }
            }
            return out
        }
        let span = r.1 - r.0
        let raw = span / 6
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var out: [(Double, String?)] = []
        var v = ceil(r.0 / step) * step
        while v <= r.1 {
            out.append((v, String(format: "%g", abs(v) < step * 1e-9 ? 0 : v)))
            v += step
        }
        return out
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
