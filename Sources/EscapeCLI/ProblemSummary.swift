import Dynamics
import NumericKit

/// The problem as printed in every output: enough to rebuild it.
struct ProblemSummary: Encodable {
    let landscape: String
    let from: String
    let optimizer: String
    let noise: String
    let sigma2: Double?
    let batch: Double?
    let noiseFloor: Double?
    let learningRate: Double
    let model: String
    let maxSteps: Int
    let divergenceRadius: Double

    init(_ problem: EscapeProblem) {
        landscape = problem.landscape.landscape.spec
        from = problem.side.rawValue
        optimizer = problem.optimizer.rawValue
        noise = problem.noise.name
        switch problem.noise {
        case .isotropic(let s): sigma2 = s; batch = nil; noiseFloor = nil
        case .hessian(let b, let f): sigma2 = nil; batch = b; noiseFloor = f
        case .frozen(let b): sigma2 = nil; batch = b; noiseFloor = nil
        }
        learningRate = problem.learningRate
        model = problem.model.name
        maxSteps = problem.maxSteps
        divergenceRadius = problem.divergenceRadius
    }

    var oneLine: String {
        var noiseText = noise
        if let sigma2 { noiseText += " σ²=\(Validate.format(sigma2))" }
        if let batch { noiseText += " B=\(Validate.format(batch))" }
        if let noiseFloor, noiseFloor > 0 { noiseText += " δ=\(Validate.format(noiseFloor))" }
        return "\(landscape)  \(optimizer)  η=\(Validate.format(learningRate))  noise \(noiseText)  from \(from)"
    }
}
