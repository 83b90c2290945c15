import NumericKit

/// The minima of a d-dimensional landscape and the index-1 saddles joining neighbouring
/// minima (``CriticalPointSearch``). Candidate pairs are those within 1.5× the distance from
/// either minimum to its nearest other minimum; a pair is kept when its saddle's descents end
/// in the two minima. With more than 64 minima only the minima are listed.
public struct LandscapeAnalysis: Sendable {
    public struct Link: Sendable {
        /// Indices into `minima`.
        public let first: Int
        public let second: Int
        public let saddle: CriticalPointND
        /// The relaxed string (minimum-energy path) from `minima[first]` to `minima[second]`.
        public let path: [[Double]]
    }

    public let minima: [CriticalPointND]
    public let links: [Link]
    /// False when pairs were not searched (too many minima).
    public let saddlesSearched: Bool

    public static let maximumMinimaForSaddles = 64

    public init<L: LandscapeND>(_ l: L) throws {
        let minima = try CriticalPointSearch.minima(l)
        self.minima = minima
        guard minima.count <= Self.maximumMinimaForSaddles else {
            links = []; saddlesSearched = false; return
        }
        saddlesSearched = true
        let n = minima.count
        let nearest = (0..<n).map { i in
            (0..<n).filter { $0 != i }.map { CriticalPointSearch.distance(minima[i].x, minima[$0].x) }.min() ?? 0
        }
        var links: [Link] = []
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                let dist = CriticalPointSearch.distance(minima[i].x, minima[j].x)
                guard dist <= 1.5 * max(nearest[i], nearest[j]) else { continue }
                let connection = try CriticalPointSearch.saddle(l, between: minima[i], and: minima[j])
                if connection.connects { links.append(Link(first: i, second: j, saddle: connection.saddle, path: connection.path)) }
            }
        }
        self.links = links
    }
}
