import Landscapes
import NumericKit
import Testing
@testable import Dynamics

@Suite("Noise registry")
struct NoiseRegistryTests {
    struct ConcreteType1D: GradientNoise1DVisitor {
        func visit<N: GradientNoise1D>(_ noise: N) -> String { "\(N.self)" }
    }
    struct ConcreteTypeND: GradientNoiseNDVisitor {
        func visit<N: GradientNoiseND>(_ noise: N) -> String { "\(N.self)" }
    }

    @Test func everyRegisteredModelBuildsByNameAndDispatchesToAConcreteType() throws {
        // L > 0 at the minima, as loss noise needs (the other models do not read L).
        let quartic = try QuarticLandscape(barrier: 1, floor: 0.5)
        #expect(NoiseRegistry.models.count >= 3)
        for model in NoiseRegistry.models {
            let kind = try #require(NoiseKind(rawValue: model.name))
            #expect(NoiseKind.allCases.contains(kind))
            let spec = try NoiseSpec(name: model.name, values: [:])
            #expect(spec.name == model.name && spec.kind == kind)
            if model.needsMeasuredVariance {
                // Refused on an analytic landscape by name; built on a table with a C column.
                #expect(throws: InvalidParameter.self) { try spec.withNoise1D(on: quartic, ConcreteType1D()) }
                let table = try LandscapeSpec.parse(TableLandscape.example)
                #expect(try spec.withNoise1D(on: table, ConcreteType1D()) != "")
            } else {
                #expect(try spec.withNoise1D(on: quartic, ConcreteType1D()) != "")
            }
            if model.hasMultiDimensionalForm {
                #expect(try spec.withNoiseND(ConcreteTypeND()) != "")
            } else {
                #expect(throws: InvalidParameter.self) { try spec.withNoiseND(ConcreteTypeND()) }
            }
            // Defaults fill every parameter the model takes, and nothing else.
            #expect(Set(spec.model.values.keys) == Set(model.parameters))
        }
    }

    @Test func aParameterIsRefusedByNameByTheModelsThatDoNotTakeIt() {
        for model in NoiseRegistry.models {
            for parameter in NoiseParameter.allCases where !model.parameters.contains(parameter) {
                do {
                    _ = try NoiseSpec(name: model.name, values: [parameter: 1])
                    Issue.record("\(model.name) accepted \(parameter.rawValue)")
                } catch {
                    #expect(error.parameter == parameter.rawValue)
                    #expect(error.description.contains(NoiseRegistry.names { $0.parameters.contains(parameter) }))
                }
            }
        }
        #expect(throws: InvalidParameter.self) { try NoiseSpec(name: "pink", values: [:]) }
    }

    /// Loss noise, C = 2L/B, reads L itself: it is refused by name where L ≤ 0 at a minimum (a
    /// quartic without `floor=`), and its C and C′ are 2L/B and 2L′/B.
    @Test func lossNoiseIsTwiceTheLossOverTheBatch() throws {
        struct Values: GradientNoise1DVisitor {
            func visit<N: GradientNoise1D>(_ noise: N) -> (Double, Double) { (noise.variance(at: 0.3), noise.varianceSlope(at: 0.3)) }
        }
        let spec = NoiseSpec(LossNoiseModel(batch: 4))
        do {
            _ = try spec.withNoise1D(on: try QuarticLandscape(barrier: 1), Values())
            Issue.record("loss noise accepted L = 0 at the minima")
        } catch let error as InvalidParameter {
            #expect(error.parameter == "noise" && error.description.contains("floor="))
        }
        let landscape = try QuarticLandscape(barrier: 1, floor: 0.25)
        let (c, slope) = try spec.withNoise1D(on: landscape, Values())
        #expect(c == 2 * landscape.value(0.3) / 4 && slope == 2 * landscape.derivative(0.3) / 4)
        #expect(landscape.value(1) == 0.25 && landscape.value(0) == 1.25)
    }

    @Test func theHessianModelIsTheOneWhoseNoiseVanishesWithTheCurvature() throws {
        #expect(NoiseSpec.hessian(batch: 1, floor: 0).model.vanishesWithCurvature)
        #expect(!NoiseSpec.hessian(batch: 1, floor: 0.1).model.vanishesWithCurvature)
        #expect(!NoiseSpec.isotropic(sigma2: 1).model.vanishesWithCurvature)
        #expect(NoiseSpec.hessian(batch: 2, floor: 0) == (try NoiseSpec(name: "hessian", values: [.batch: 2])))
        #expect(NoiseSpec.hessian(batch: 2, floor: 0) != NoiseSpec.frozen(batch: 2))
    }
}
