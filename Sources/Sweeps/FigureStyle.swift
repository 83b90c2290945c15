import Dynamics

/// What makes the figures read alike: one fixed colour per optimizer, marker shapes for a
/// second grouping, and axis and legend labels in words rather than parameter names.
public enum FigureStyle {
    /// Colours for optimizers, in the registry's order: SGD blue, momentum brown, Adam red,
    /// InvAdam green, DualAdam purple, RMSprop orange (then the rest, for optimizers to come).
    public static let palette = ["#1f77b4", "#8c564b", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#e377c2", "#17becf"]
    /// Colours for series that are not optimizers (a spectrum's directions, a survival
    /// figure's wells), taken from the end so they do not pass for an optimizer's colour.
    public static let others = ["#17becf", "#e377c2", "#bcbd22", "#393b79", "#7f7f7f"]

    /// The k-th colour of ``others``.
    public static func other(_ k: Int) -> String { others[k % others.count] }
    /// Theory beside a single measured series (Kramers, Zwanzig, y = x) when colour does not
    /// name an optimizer.
    public static let neutral = "#555555"

    /// The colour of optimizer `name`: its position in ``OptimizerRegistry``, so a figure's SGD
    /// is the same blue as every other's; an unknown name is grey.
    public static func color(optimizer name: String) -> String {
        guard let k = OptimizerRegistry.models.firstIndex(where: { $0.name == name }) else { return "#7f7f7f" }
        return palette[k % palette.count]
    }

    /// The k-th marker of a grouping.
    public static func marker(_ k: Int) -> SVGPlot.Marker {
        SVGPlot.Marker.cycle[k % SVGPlot.Marker.cycle.count]
    }

    /// The axis label of a sweep parameter (a command-line option name, `landscape.KEY` or
    /// `effective-barrier`); a parameter without one keeps its name.
    public static func axisLabel(_ parameter: String) -> String {
        if let label = axisLabels[parameter] { return label }
        if parameter.hasPrefix("landscape.") { return "landscape parameter \(parameter.dropFirst("landscape.".count))" }
        return parameter
    }

    static let axisLabels: [String: String] = [
        SweepSpec.effectiveBarrier: "effective barrier ΔΦ (of the effective potential)",
        "lr": "learning rate η",
        "model": "dynamics (reduced SDE or discrete iteration)",
        "batch": "batch size B",
        "dt": "time step dt (SDE time)",
        "switch-rate": "DualAdam switch rate (per step)",
        "blend": "DualAdam blend",
        "momentum": "momentum β",
        "beta1": "β₁ (first-moment decay)",
        "beta2": "β₂ (second-moment decay)",
        "eps": "ε (Adam's denominator offset)",
        "sigma2": "gradient-noise variance σ²",
        "noise-floor": "noise floor",
        "landscape.barrier": "loss barrier ΔL",
        "landscape.ha": "curvature at the minimum H_a",
        "landscape.hb": "curvature at the saddle |H_b|",
        "landscape.amplitude": "roughness amplitude ε",
        "landscape.floor": "loss at the minimum L_min (floor)",
        "alpha": "tail index α (α-stable noise)",
        "scale": "α-stable scale c",
        "lr-schedule.min": "final learning rate η_min (cosine schedule)",
        "method": "method (brute force or splitting)",
    ]

    /// The legend label of a prediction named as in ``Prediction/reference``.
    public static func referenceLabel(_ reference: String) -> String {
        switch reference {
        case "exactTime": "exact MFPT"
        case "exactTime × underdampedFactor": "exact MFPT × underdamped factor"
        case "hazard.meanTime": "DualAdam hazard"
        case "scheduleHazard.meanTime": "quasi-static hazard"
        case "jumpEscape.meanTime": "jump law (Imkeller–Pavlyukevich)"
        case "kramersTime": "Kramers"
        case "eyringKramersTime", "eyringKramers": "Eyring–Kramers"
        case "reduction1D": "exact MFPT of the 1-D reduction"
        case "heuristic": "heuristic"
        default: reference
        }
    }
}
