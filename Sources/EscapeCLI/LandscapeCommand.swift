import ArgumentParser
import Landscapes
import NumericKit

/// `escape landscape SPEC`: critical points, Hessian eigenvalues, barrier heights.
struct LandscapeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "landscape",
        abstract: "Critical points, barrier heights and Hessian eigenvalues of a landscape.")

    @Argument(help: ArgumentHelp("Landscape spec FAMILY:key=value,… — the families, their parameters and an example of each below.",
                                 discussion: LandscapeSpec.help))
    var spec: String

    @OptionGroup var output: OutputArguments

    struct Report: Encodable {
        struct Point: Encodable {
            let x: Double
            let value: Double
            let kind: String
            /// Morse index: the number of negative Hessian eigenvalues.
            let index: Int
            let hessianEigenvalues: [Double]
        }
        struct Barrier: Encodable {
            let minimum: Double
            let saddle: Double
            let barrier: Double
        }
        let landscape: String
        let dimension: Int
        let criticalPoints: [Point]
        let barriers: [Barrier]
        let breakpoints: [Double]
        let curvatureSignChanges: [Double]
    }

    /// The d-dimensional report: every minimum and linking saddle with its Hessian spectrum.
    struct ReportND: Encodable {
        struct Point: Encodable {
            let x: [Double]
            let value: Double
            let kind: String
            let index: Int
            let hessianEigenvalues: [Double]
            let hessianEigenvectors: [[Double]]
            let determinant: Double
            let gradientNorm: Double
            /// The unstable eigenvector (saddles).
            let escapeDirection: [Double]?
        }
        struct Barrier: Encodable {
            let minimum: Int
            let saddle: Int
            let barrier: Double
        }
        let landscape: String
        let dimension: Int
        let criticalPoints: [Point]
        let barriers: [Barrier]
        let saddlesSearched: Bool
    }

    func run() throws {
        if case .multiDimensional(let l) = try LandscapeSpec.parseAny(spec) { return try runND(l) }
        let landscape = try LandscapeSpec.parse(spec).landscape
        let points = try landscape.criticalPoints.map { p in
            let spectrum = try SymmetricEigen(symmetric: landscape.hessian([p.x]), dimension: landscape.dimension)
            return Report.Point(x: p.x, value: p.value, kind: p.kind.rawValue, index: spectrum.negativeCount,
                                hessianEigenvalues: spectrum.values)
        }
        var barriers: [Report.Barrier] = []
        for minimum in landscape.minima {
            for saddle in landscape.saddles where isAdjacent(minimum.x, saddle.x, landscape) {
                barriers.append(Report.Barrier(minimum: minimum.x, saddle: saddle.x, barrier: saddle.value - minimum.value))
            }
        }
        let report = Report(landscape: landscape.spec, dimension: landscape.dimension, criticalPoints: points,
                            barriers: barriers, breakpoints: landscape.breakpoints,
                            curvatureSignChanges: landscape.curvatureSignChanges)
        if output.json { return try JSONOutput.print(report) }
        print(report.landscape)
        print(Text.table([["kind", "x", "L(x)", "L″(x)", "index"]] + points.map {
            [$0.kind, Text.number($0.x, 8), Text.number($0.value, 8), Text.number($0.hessianEigenvalues[0], 8), "\($0.index)"]
        }))
        print("")
        print(Text.table([["barrier", "from minimum", "over saddle"]] + barriers.map {
            [Text.number($0.barrier, 8), Text.number($0.minimum, 6), Text.number($0.saddle, 6)]
        }))
        if !landscape.curvatureSignChanges.isEmpty {
            print("\nL″ changes sign at " + landscape.curvatureSignChanges.map { Text.number($0, 6) }.joined(separator: ", "))
        }
    }

    private func runND(_ l: LandscapeNDModel) throws {
        let analysis = try LandscapeAnalysis(l)
        func point(_ p: CriticalPointND) -> ReportND.Point {
            ReportND.Point(x: p.x, value: p.value, kind: p.kind, index: p.index, hessianEigenvalues: p.eigenvalues,
                           hessianEigenvectors: p.eigenvectors, determinant: p.determinant, gradientNorm: p.gradientNorm,
                           escapeDirection: p.escapeDirection)
        }
        let points = analysis.minima.map(point) + analysis.links.map { point($0.saddle) }
        var barriers: [ReportND.Barrier] = []
        for (k, link) in analysis.links.enumerated() {
            let s = analysis.minima.count + k
            for m in [link.first, link.second] {
                barriers.append(ReportND.Barrier(minimum: m, saddle: s, barrier: link.saddle.value - analysis.minima[m].value))
            }
        }
        let report = ReportND(landscape: l.spec, dimension: l.dimension, criticalPoints: points, barriers: barriers,
                              saddlesSearched: analysis.saddlesSearched)
        if output.json { return try JSONOutput.print(report) }
        print("\(report.landscape)  (d = \(report.dimension))")
        let shown = 6
        print(Text.table([["#", "kind", "x", "L(x)", "Hessian eigenvalues", "index"]] + points.enumerated().map { k, p in
            let xs = p.x.prefix(shown).map { Text.number($0, 6) }.joined(separator: ", ") + (p.x.count > shown ? ", …" : "")
            let es = p.hessianEigenvalues.prefix(shown).map { Text.number($0, 5) }.joined(separator: ", ") + (p.x.count > shown ? ", …" : "")
            return ["\(k)", p.kind, "(\(xs))", Text.number(p.value, 8), es, "\(p.index)"]
        }))
        print("")
        if !analysis.saddlesSearched {
            print("\(analysis.minima.count) minima (> \(LandscapeAnalysis.maximumMinimaForSaddles)): saddles not searched")
            return
        }
        print(Text.table([["barrier", "from minimum #", "over saddle #"]] + barriers.map {
            [Text.number($0.barrier, 8), "\($0.minimum)", "\($0.saddle)"]
        }))
    }

    /// No other critical point lies between the minimum and the saddle.
    private func isAdjacent(_ a: Double, _ b: Double, _ l: any Landscape1D) -> Bool {
        !l.criticalPoints.contains { $0.x > min(a, b) && $0.x < max(a, b) }
    }
}
