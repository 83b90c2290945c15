import NumericKit
import Testing
@testable import Landscapes

@Suite("Landscape spec strings")
struct LandscapeSpecTests {
    @Test func parsesFamiliesWithDefaults() throws {
        let q = try #require(try LandscapeSpec.parse("quartic:barrier=1").landscape as? QuarticLandscape)
        #expect(q.a == 1 && q.tilt == 0 && q.barrier == 1)
        let p = try #require(try LandscapeSpec.parse("pq:ha=4,hb=2,barrier=0.5").landscape as? PiecewiseQuadraticLandscape)
        #expect(p.hc == 4)
        let p2 = try #require(try LandscapeSpec.parse("pq:ha=4,hb=2,barrier=0.5,hc=1").landscape as? PiecewiseQuadraticLandscape)
        #expect(p2.hc == 1)
    }

    @Test(arguments: [
        ("quartic:barrier=-1", "barrier"), ("quartic:barrier=0", "barrier"), ("quartic:barrier=nan", "barrier"),
        ("quartic", "barrier"), ("quartic:barrier=1,a=0", "a"), ("quartic:barrier=1,tilt=5", "tilt"),
        ("pq:ha=4,hb=2", "barrier"), ("pq:ha=-4,hb=2,barrier=1", "ha"), ("pq:ha=4,hb=0,barrier=1", "hb"),
        ("pq:ha=4,hb=2,barrier=1,hc=-1", "hc"), ("banana:x=1", "landscape"), ("quartic:barrier=1,hc=2", "quartic parameter"),
        ("quartic:barrier=1,barrier=2", "barrier"), ("quartic:barrier", "quartic parameter"), ("quartic:barrier=abc", "barrier"),
        ("quartic:barrier=1,floor=-0.5", "floor"), ("pq:ha=4,hb=2,barrier=1,floor=-1", "floor"), ("pq:ha=4,hb=2,barrier=1,floor=inf", "floor"),
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
        for text in ["quartic:barrier=1.5,a=2,tilt=0.1", "pq:ha=4,hb=2,barrier=0.5,hc=1", "quartic:barrier=1.5,a=2,tilt=0.1,floor=0.3",
                     "pq:ha=4,hb=2,barrier=0.5,hc=1,floor=2"] {
            #expect(try LandscapeSpec.parse(text).landscape.spec == text)
        }
        // floor = 0 is not written: specs from before it existed name the same landscape in the same words.
        #expect(try LandscapeSpec.parse("pq:ha=4,hb=2,barrier=0.5,floor=0").landscape.spec == "pq:ha=4,hb=2,barrier=0.5,hc=4")
    }

    /// `floor=` adds a constant to L and moves nothing else: the derivatives, the critical
    /// points' positions and curvatures, and ΔL are the floorless landscape's bit for bit.
    @Test func floorShiftsTheLossAndNothingElse() throws {
        for (plain, floored) in [("quartic:barrier=1,tilt=0.2", "quartic:barrier=1,tilt=0.2,floor=0.7"),
                                 ("pq:ha=4,hb=2,barrier=0.5,hc=1", "pq:ha=4,hb=2,barrier=0.5,hc=1,floor=0.7")] {
            let a = try LandscapeSpec.parse(plain), b = try LandscapeSpec.parse(floored)
            for x in stride(from: -1.5, through: 2.5, by: 0.1) {
                #expect(abs(b.value(x) - a.value(x) - 0.7) < 1e-12)
                #expect(b.derivative(x) == a.derivative(x) && b.secondDerivative(x) == a.secondDerivative(x)
                        && b.thirdDerivative(x) == a.thirdDerivative(x))
            }
            #expect(a.criticalPoints.map(\.x) == b.criticalPoints.map(\.x))
            #expect(zip(a.criticalPoints, b.criticalPoints).allSatisfy { abs($1.value - $0.value - 0.7) < 1e-12 && $0.curvature == $1.curvature })
        }
    }
}

@Suite("Landscape registry")
struct LandscapeRegistryTests {
    /// The concrete type a d-dimensional model hands its visitors.
    struct ConcreteType: LandscapeNDVisitor {
        func visit<L: LandscapeND>(_ landscape: L) -> String { "\(L.self)" }
    }

    @Test func everyRegisteredFamilyParsesRoundTripsAndEmbedsInDDimensions() throws {
        #expect(LandscapeRegistry.families.count >= 3)
        for f in LandscapeRegistry.families {
            let model = try LandscapeSpec.parse(f.example)
            #expect(model.family == f.family)
            #expect(try LandscapeSpec.parse(model.spec) == model, "\(f.family) does not round-trip its spec")
            #expect(LandscapeRegistry.help.contains(f.example))
            for p in f.parameters { #expect(LandscapeRegistry.help.contains(p.name)) }
            // `separable` takes the family without code of its own, and its hot loop gets the
            // concrete family type (on its own side: the one type 1-D problems get too).
            let body = f.example.split(separator: ":", maxSplits: 1)[1]
            let nd = try LandscapeSpec.parseND("separable:base=\(f.family),\(body),spectators=2")
            #expect(nd.separableParts?.base == model)
            #expect(try nd.accept(ConcreteType()) == "SeparableLandscape<OrientedLandscape<\(type(of: model.landscape))>>")
        }
    }

    @Test func requiredParametersAreRefusedByNameWhenMissing() {
        for f in LandscapeRegistry.families {
            for p in f.parameters where p.isRequired {
                let body = f.example.split(separator: ":", maxSplits: 1)[1].split(separator: ",")
                    .filter { !$0.hasPrefix("\(p.name)=") }.joined(separator: ",")
                // `of=` takes the rest of a spec: removing a later key also removes a nested one.
                guard p.name != "of" else { continue }
                do {
                    _ = try LandscapeSpec.parse("\(f.family):\(body)")
                    Issue.record("\(f.family) accepted a spec without \(p.name)")
                } catch {
                    #expect(error.parameter == p.name, "\(f.family) without \(p.name): \(error)")
                }
            }
        }
    }

    @Test func equalityComparesFamilyAndParameters() throws {
        let a = try LandscapeSpec.parse("quartic:barrier=1"), b = try LandscapeSpec.parse("quartic:barrier=1,a=1")
        #expect(a == b)
        #expect(a != (try LandscapeSpec.parse("quartic:barrier=2")))
        #expect(a != (try LandscapeSpec.parse("pq:ha=4,hb=2,barrier=1")))
    }
}
