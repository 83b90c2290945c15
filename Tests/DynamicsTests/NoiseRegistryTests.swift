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
        let quartic = try QuarticLandscape(barrier: 1)
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

    @Test func theHessianModelIsTheOneWhoseNoiseVanishesWithTheCurvature() throws {
        #expect(NoiseSpec.hessian(batch: 1, floor: 0).model.vanishesWithCurvature)
        #expect(!NoiseSpec.hessian(batch: 1, floor: 0.1).model.vanishesWithCurvature)
        #expect(!NoiseSpec.isotropic(sigma2: 1).model.vanishesWithCurvature)
        #expect(NoiseSpec.hessian(batch: 2, floor: 0) == (try NoiseSpec(name: "hessian", values: [.batch: 2])))
        #expect(NoiseSpec.hessian(batch: 2, floor: 0) != NoiseSpec.frozen(batch: 2))
    }
}
