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
    /// α-stable noise: the tail index and the scale.
    let alpha: Double?
    let scale: Double?
    let learningRate: Double
    /// The learning-rate schedule; nil for a constant rate.
    let lrSchedule: String?
    let model: String
    let maxSteps: Int
    let divergenceRadius: Double
    let settings: OptimizerSettings
    /// d > 1 only: the dimension and how Adam-type preconditioners are formed.
    let dimension: Int?
    let preconditioner: String?

    init(_ problem: ProblemDescription.Built) {
        switch problem {
        case .oneDimensional(let p): self.init(p)
        case .multiDimensional(let p): self.init(p)
        }
    }

    init(_ problem: EscapeProblem) {
        self.init(landscape: problem.landscape.landscape.spec, from: problem.side.rawValue, optimizer: problem.optimizer,
                  noise: problem.noise, learningRate: problem.learningRate, model: problem.model, maxSteps: problem.maxSteps,
                  divergenceRadius: problem.divergenceRadius, settings: problem.settings, dimension: nil, preconditioner: nil,
                  schedule: problem.schedule)
    }

    init(_ problem: EscapeProblemND) {
        self.init(landscape: problem.landscape.spec, from: "minimum \(problem.startIndex)", optimizer: problem.optimizer,
                  noise: problem.noise, learningRate: problem.learningRate, model: problem.model, maxSteps: problem.maxSteps,
                  divergenceRadius: problem.divergenceRadius, settings: problem.settings, dimension: problem.dimension,
                  preconditioner: problem.form.rawValue, schedule: .constant)
    }

    private init(landscape: String, from: String, optimizer: OptimizerKind, noise: NoiseSpec, learningRate: Double,
                 model: DynamicsModel, maxSteps: Int, divergenceRadius: Double, settings: OptimizerSettings,
                 dimension: Int?, preconditioner: String?, schedule: LearningRateSchedule) {
        self.landscape = landscape
        self.from = from
        self.optimizer = optimizer.rawValue
        self.noise = noise.name
        sigma2 = noise[.sigma2]; batch = noise[.batch]; noiseFloor = noise[.noiseFloor]
        alpha = noise[.alpha]; scale = noise[.scale]
        self.learningRate = learningRate
        lrSchedule = schedule.isConstant ? nil : schedule.description
        self.model = model.name
        self.maxSteps = maxSteps
        self.divergenceRadius = divergenceRadius
        self.settings = settings
        self.dimension = dimension
        self.preconditioner = preconditioner
    }

    var oneLine: String {
        var noiseText = noise
        if let sigma2 { noiseText += " σ²=\(Validate.format(sigma2))" }
        if let batch { noiseText += " B=\(Validate.format(batch))" }
        if let noiseFloor, noiseFloor > 0 { noiseText += " δ=\(Validate.format(noiseFloor))" }
        if let alpha, let scale { noiseText += " α=\(Validate.format(alpha)) c=\(Validate.format(scale))" }
        let optimizerText = optimizer + (OptimizerKind(rawValue: optimizer)?.model.describe(settings, discrete: model == "discrete") ?? "")
        return "\(landscape)  \(optimizerText)  η=\(Validate.format(learningRate))\(lrSchedule.map { " (\($0))" } ?? "")  noise \(noiseText)  from \(from)"
    }
}
