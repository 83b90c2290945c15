import Foundation

/// A small, dependency-free scatter plot in SVG: series of points with vertical error bars,
/// linear or logarithmic axes, an optional y = x line, and a legend. Enough for the sweep
/// figures (measured against predicted; ln τ against a swept parameter).
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

    public struct Series: Sendable {
        public let name: String
        public let points: [Point]
        /// Join the points with a line (in x order).
        public let connect: Bool
        /// Draw a marker at each point (a connected curve of many points reads better without).
        public let markers: Bool
        public init(name: String, points: [Point], connect: Bool = false, markers: Bool = true) {
            self.name = name; self.points = points; self.connect = connect; self.markers = markers
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var logX = false
    public var logY = false
    /// Draw y = x across the plot.
    public var diagonal = false
    public var series: [Series]

    public init(title: String, xLabel: String, yLabel: String, logX: Bool = false, logY: Bool = false, diagonal: Bool = false,
                series: [Series]) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel
        self.logX = logX; self.logY = logY; self.diagonal = diagonal; self.series = series
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
    static let (width, height) = (640.0, 440.0)
    static let (left, right, top, bottom) = (78.0, 170.0, 36.0, 56.0)

    public func render() -> String {
        let valid = series.map { s in
            Series(name: s.name, points: s.points.filter { p in
                p.x.isFinite && p.y.isFinite && (!logX || p.x > 0) && (!logY || p.y > 0)
            }, connect: s.connect, markers: s.markers)
        }
        var xs = valid.flatMap { $0.points.map(\.x) }
        var ys = valid.flatMap { $0.points.flatMap { [$0.y, $0.low ?? $0.y, $0.high ?? $0.y] } }.filter { !logY || $0 > 0 }
        if diagonal { let all = xs + ys; xs = all; ys = all }
        let xr = Self.range(xs, log: logX), yr = Self.range(ys, log: logY)
        let plotW = Self.width - Self.left - Self.right, plotH = Self.height - Self.top - Self.bottom
        func px(_ x: Double) -> Double { Self.left + plotW * (Self.t(x, logX) - xr.0) / (xr.1 - xr.0) }
        func py(_ y: Double) -> Double { Self.top + plotH * (1 - (Self.t(y, logY) - yr.0) / (yr.1 - yr.0)) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(Self.width))" height="\(Int(Self.height))" viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(f(Self.left + plotW / 2))" y="20" text-anchor="middle" font-size="14">\(Self.escape(title))</text>
            <rect x="\(f(Self.left))" y="\(f(Self.top))" width="\(f(plotW))" height="\(f(plotH))" fill="none" stroke="#333"/>

            """
        for tick in Self.ticks(xr, log: logX) {
            let x = px(tick.value)
            svg += "<line x1=\"\(f(x))\" y1=\"\(f(Self.top))\" x2=\"\(f(x))\" y2=\"\(f(Self.top + plotH))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(f(x))\" y=\"\(f(Self.top + plotH + 16))\" text-anchor=\"middle\">\(tick.label)</text>\n"
        }
        for tick in Self.ticks(yr, log: logY) {
            let y = py(tick.value)
            svg += "<line x1=\"\(f(Self.left))\" y1=\"\(f(y))\" x2=\"\(f(Self.left + plotW))\" y2=\"\(f(y))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(f(Self.left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(tick.label)</text>\n"
        }
        svg += "<text x=\"\(f(Self.left + plotW / 2))\" y=\"\(f(Self.height - 14))\" text-anchor=\"middle\">\(Self.escape(xLabel))</text>\n"
        svg += "<text transform=\"translate(18 \(f(Self.top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">\(Self.escape(yLabel))</text>\n"
        if diagonal {
            let lo = max(xr.0, yr.0), hi = min(xr.1, yr.1)
            if lo < hi {
                let a = Self.inverse(lo, logX), b = Self.inverse(hi, logX)
                svg += "<line x1=\"\(f(px(a)))\" y1=\"\(f(py(a)))\" x2=\"\(f(px(b)))\" y2=\"\(f(py(b)))\" stroke=\"#888\" stroke-dasharray=\"5 4\"/>\n"
            }
        }
        for (k, s) in valid.enumerated() {
            let color = Self.palette[k % Self.palette.count]
            if s.connect, s.points.count > 1 {
                let path = s.points.sorted { $0.x < $1.x }.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
                svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.2\"/>\n"
            }
            for p in s.points where s.markers {
                if let low = p.low, let high = p.high, !logY || low > 0 {
                    svg += "<line x1=\"\(f(px(p.x)))\" y1=\"\(f(py(low)))\" x2=\"\(f(px(p.x)))\" y2=\"\(f(py(high)))\" stroke=\"\(color)\"/>"
                }
                svg += "<circle cx=\"\(f(px(p.x)))\" cy=\"\(f(py(p.y)))\" r=\"3.2\" fill=\"\(color)\"/>\n"
            }
            let ly = Self.top + 14 + 18 * Double(k)
            svg += "<circle cx=\"\(f(Self.width - Self.right + 16))\" cy=\"\(f(ly - 4))\" r=\"4\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(f(Self.width - Self.right + 26))\" y=\"\(f(ly))\">\(Self.escape(s.name))</text>\n"
        }
        return svg + "</svg>\n"
    }

    static func t(_ v: Double, _ log: Bool) -> Double { log ? log10(v) : v }
    static func inverse(_ v: Double, _ log: Bool) -> Double { log ? pow(10, v) : v }

    /// The axis range in transformed units, padded 5%.
    static func range(_ values: [Double], log: Bool) -> (Double, Double) {
        let v = values.filter { $0.isFinite && (!log || $0 > 0) }.map { t($0, log) }
        guard var lo = v.min(), var hi = v.max() else { return (0, 1) }
        if hi - lo < 1e-12 { lo -= 0.5; hi += 0.5 }
        let pad = 0.05 * (hi - lo)
        return (lo - pad, hi + pad)
    }

    /// Ticks at 1, 2, 5 × 10^k (linear) or at decades, with 1, 2, 5 between when few decades.
    static func ticks(_ r: (Double, Double), log: Bool) -> [(value: Double, label: String)] {
        if log {
            let first = Int(floor(r.0)), last = Int(ceil(r.1))
            let mantissas: [Double] = r.1 - r.0 <= 2.5 ? [1, 2, 5] : [1]
            var out: [(Double, String)] = []
            for e in first...last {
                for m in mantissas {
                    let v = m * pow(10, Double(e))
                    if log10(v) >= r.0 && log10(v) <= r.1 { out.append((v, String(format: "%g", v))) }
                }
            }
            return out
        }
        let span = r.1 - r.0
        let raw = span / 6
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var out: [(Double, String)] = []
        var v = ceil(r.0 / step) * step
        while v <= r.1 {
            out.append((v, String(format: "%g", abs(v) < step * 1e-9 ? 0 : v)))
            v += step
        }
        return out
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
