import Foundation
import Testing
@testable import Sweeps

/// The figure conventions every SVG keeps (SVGPlot's doc comment), read back through
/// FigureMarkup — whose `defects` the reproduce test applies to every figure it writes.
@Suite("SVG figures")
struct SVGPlotTests {
    static func figure(_ series: [SVGPlot.Series], logX: Bool = false, logY: Bool = false, legend: [SVGPlot.LegendEntry]? = nil) throws -> FigureMarkup {
        try FigureMarkup(svg: SVGPlot(title: "t", xLabel: "x", yLabel: "y", logX: logX, logY: logY, series: series, legend: legend).render())
    }

    static func line(_ name: String, _ xs: [Double], _ y: (Double) -> Double) -> SVGPlot.Series {
        SVGPlot.Series(name: name, points: xs.map { SVGPlot.Point(x: $0, y: y($0)) }, style: .init(color: "#000", stroke: .solid))
    }

    /// A log axis inside one decade (25 … 45: the roughness figure once had a single tick)
    /// runs between the enclosing 1-2-5 values and labels both; a wide one labels decades.
    @Test func logAxesRunBetweenOneTwoFiveValues() throws {
        let narrow = try Self.figure([Self.line("a", [25, 35, 45]) { $0 }], logX: true, logY: true)
        #expect(narrow.xTicks == ["20", "50"] && narrow.yTicks == ["20", "50"], "\(narrow.xTicks) \(narrow.yTicks)")
        #expect(narrow.defects.isEmpty, "\(narrow.defects)")
        let threeDecades = try Self.figure([Self.line("a", [0.003, 0.3]) { $0 }], logX: true)
        #expect(threeDecades.xTicks == ["0.002", "0.005", "0.01", "0.02", "0.05", "0.1", "0.2", "0.5"], "\(threeDecades.xTicks)")
        let wide = try Self.figure([Self.line("a", [1e-3, 1e4]) { $0 }], logX: true)
        #expect(wide.xTicks == ["0.001", "0.01", "0.1", "1", "10", "100", "1000", "10000"], "\(wide.xTicks)")
        let single = try Self.figure([Self.line("a", [3]) { $0 }], logX: true, logY: true)
        #expect(single.xTicks == ["2", "5"] && single.defects.isEmpty, "\(single.xTicks) \(single.defects)")
    }

    @Test func oneTwoFiveNeighbours() {
        for (v, below, above) in [(1.0, 1.0, 1.0), (3.0, 2.0, 5.0), (0.07, 0.05, 0.1), (2e-5, 2e-5, 2e-5), (9.9e3, 5e3, 1e4)] {
            #expect(abs(SVGPlot.oneTwoFive(atOrBelow: v) / below - 1) < 1e-12 && abs(SVGPlot.oneTwoFive(atOrAbove: v) / above - 1) < 1e-12, "\(v)")
        }
    }

    /// Long labels widen the canvas, many entries heighten it: the legend stays inside.
    @Test func legendStaysInsideTheCanvas() throws {
        let long = String(repeating: "optimizer=invadam, landscape.ha=16, ", count: 2)
        let many = (0..<30).map { k in Self.line("\(long)\(k)", [1, 2, 3]) { $0 * Double(k + 1) } }
        let figure = try Self.figure(many)
        #expect(figure.legend.count == 30)
        #expect(figure.defects.isEmpty, "\(figure.defects)")
        #expect(figure.height >= 30 * SVGPlot.legendLine)
    }

    /// The defects the reproduce test looks for are found: a series with nothing to draw (all
    /// points non-positive on a log axis, as the empty spectra once were) and a label past the canvas.
    @Test func defectsAreFound() throws {
        let empty = try Self.figure([Self.line("drawn", [1, 2]) { $0 }, Self.line("lost", [1, 2]) { _ in -1 }], logY: true)
        #expect(empty.defects.contains { $0.contains("'lost' draws nothing") }, "\(empty.defects)")
        let svg = SVGPlot(title: "t", xLabel: "x", yLabel: "y", series: [Self.line("a", [1, 2]) { $0 }]).render()
        let cramped = svg.replacingOccurrences(of: ">a</text>", with: ">\(String(repeating: "a", count: 400))</text>")
        #expect(try FigureMarkup(svg: cramped).defects.contains { $0.contains("leaves the") })
        #expect(throws: FigureMarkup.InvalidFigure.self) { try FigureMarkup(svg: "<svg width=\"1\" height=\"1\"></svg>") }
    }

    /// Every registered optimizer has its own colour, the same in every figure.
    @Test func optimizersHaveFixedDistinctColours() {
        let colours = ["sgd", "momentum", "adam", "invadam", "dualadam", "rmsprop"].map { FigureStyle.color(optimizer: $0) }
        #expect(Set(colours).count == colours.count)
        #expect(Set(colours).isDisjoint(with: FigureStyle.others.prefix(3)))
        #expect(FigureStyle.color(optimizer: "adam") == "#d62728")
    }

    /// Axis labels are words: every parameter the built-in sweeps plot against has one.
    @Test func builtInAxesHaveHumanLabels() {
        for spec in ReproduceSuite.specs(quick: false, seed: 1) {
            for axis in spec.axes {
                for p in axis.parameters where p != "optimizer" && p != "from" && p != "integrator" {
                    #expect(FigureStyle.axisLabel(p) != p && !FigureStyle.axisLabel(p).hasPrefix("landscape parameter"), "\(spec.name): \(p)")
                }
            }
        }
    }
}
