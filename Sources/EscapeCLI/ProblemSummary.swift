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
    let settings: OptimizerSettings

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
        settings = problem.settings
    }

    var oneLine: String {
        var noiseText = noise
        if let sigma2 { noiseText += " σ²=\(Validate.format(sigma2))" }
        if let batch { noiseText += " B=\(Validate.format(batch))" }
        if let noiseFloor, noiseFloor > 0 { noiseText += " δ=\(Validate.format(noiseFloor))" }
        var optimizerText = optimizer
        switch OptimizerKind(rawValue: optimizer) {
        case .momentum: optimizerText += " β=\(Validate.format(settings.momentum))"
        case .adam, .invadam, .dualadam:
            if model == "discrete" { optimizerText += " β1=\(Validate.format(settings.beta1)) β2=\(Validate.format(settings.beta2))" }
            optimizerText += " ε=\(Validate.format(settings.epsilon))"
            if optimizer == "dualadam" {
                optimizerText += settings.blend.map { " r=\(Validate.format($0)) (held)" } ?? " ξ=\(Validate.format(settings.switchRate))"
            }
        default: break
        }
        return "\(landscape)  \(optimizerText)  η=\(Validate.format(learningRate))  noise \(noiseText)  from \(from)"
    }
}
