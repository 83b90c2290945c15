import NumericKit
import Testing
@testable import Landscapes

@Suite("Landscape spec strings")
struct LandscapeSpecTests {
    @Test func parsesFamiliesWithDefaults() throws {
        guard case .quartic(let q) = try LandscapeSpec.parse("quartic:barrier=1") else { Issue.record("not quartic"); return }
        #expect(q.a == 1 && q.tilt == 0 && q.barrier == 1)
        guard case .piecewiseQuadratic(let p) = try LandscapeSpec.parse("pq:ha=4,hb=2,barrier=0.5") else { Issue.record("not pq"); return }
        #expect(p.hc == 4)
        guard case .piecewiseQuadratic(let p2) = try LandscapeSpec.parse("pq:ha=4,hb=2,barrier=0.5,hc=1") else { return }
        #expect(p2.hc == 1)
    }

    @Test(arguments: [
        ("quartic:barrier=-1", "barrier"), ("quartic:barrier=0", "barrier"), ("quartic:barrier=nan", "barrier"),
        ("quartic", "barrier"), ("quartic:barrier=1,a=0", "a"), ("quartic:barrier=1,tilt=5", "tilt"),
        ("pq:ha=4,hb=2", "barrier"), ("pq:ha=-4,hb=2,barrier=1", "ha"), ("pq:ha=4,hb=0,barrier=1", "hb"),
        ("pq:ha=4,hb=2,barrier=1,hc=-1", "hc"), ("banana:x=1", "landscape"), ("quartic:barrier=1,hc=2", "quartic parameter"),
        ("quartic:barrier=1,barrier=2", "barrier"), ("quartic:barrier", "quartic parameter"), ("quartic:barrier=abc", "barrier"),
    ])
    func rejectsBadSpecsNamingTheParameter(spec: String, parameter: String) {
        do {
            _ = try LandscapeSpec.parse(spec)
            Issue.record("accepted \(spec)")
        } catch {
            #expect(error.parameter == parameter, "\(spec): \(error)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func specRoundTrips() throws {
        for text in ["quartic:barrier=1.5,a=2,tilt=0.1", "pq:ha=4,hb=2,barrier=0.5,hc=1"] {
            #expect(try LandscapeSpec.parse(text).landscape.spec == text)
        }
    }
}
