import Foundation

/// Welch's power spectral density estimate of a series x_0 … x_{N−1} (one sample per step):
/// the mean is removed, the series cut into segments of length m overlapping by m/2, each
/// multiplied by the periodic Hann window w_j = sin²(πj/m), transformed (FFTW, one plan for
/// all segments) and the periodograms averaged (Welch, IEEE Trans. Audio Electroacoust. 15,
/// 1967):
///
///     Ŝ(f_k) = ⟨|Σ_j w_j x_j e^{−2πijk/m}|²⟩ / Σ_j w_j²,      f_k = k/m cycles per step,
///
/// the two-sided density per step of docs/theory.md §8 (∫_{−1/2}^{1/2} S df = variance), reported
/// on k = 0 … m/2.
public struct WelchEstimate: Sendable, Equatable {
    public let frequencies: [Double]
    public let density: [Double]
    /// Segments averaged: each Ŝ(f_k) with 0 < f_k < 1/2 has relative SD ≈ 1/√(0.95·segments)
    /// (Hann at 50% overlap; Welch 1967).
    public let segments: Int

    public init(_ x: [Double], segment m: Int) {
        precondition(m >= 4 && m % 2 == 0 && x.count >= m, "Welch needs an even segment 4 ≤ m ≤ N")
        let mean = x.reduce(0, +) / Double(x.count)
        let fft = RealFFT(count: m)
        let window = (0..<m).map { j -> Double in let s = sin(Double.pi * Double(j) / Double(m)); return s * s }
        let norm = window.reduce(0) { $0 + $1 * $1 }
        var sum = [Double](repeating: 0, count: m / 2 + 1)
        var count = 0
        var start = 0
        var buffer = [Double](repeating: 0, count: m)
        while start + m <= x.count {
            for j in 0..<m { buffer[j] = (x[start + j] - mean) * window[j] }
            let coefficients = fft.forward(buffer)
            for k in 0...(m / 2) { sum[k] += coefficients[k].squaredMagnitude }
            count += 1
            start += m / 2
        }
        frequencies = (0...(m / 2)).map { Double($0) / Double(m) }
        density = sum.map { $0 / (Double(count) * norm) }
        segments = count
    }
}

/// The autocorrelation of a series by FFT (Wiener–Khinchin on the mean-removed series,
/// zero-padded to 2N so the correlation is linear, not circular):
///
///     ρ(k) = Σ_{j} (x_j − x̄)(x_{j+k} − x̄) / Σ_j (x_j − x̄)²,
///
/// and Sokal's integrated autocorrelation time τ_int = 1 + 2 Σ_{k=1}^{W} ρ(k) with the
/// self-consistent window W = the first k ≥ c·τ_int(k), c = 5 (Sokal, "Monte Carlo Methods
/// in Statistical Mechanics", 1996, §3). The effective sample size is N/τ_int; the standard
/// error of a mean of the series is sd·√(τ_int/N).
public struct Autocorrelation: Sendable, Equatable {
    /// ρ(0) = 1, ρ(1), … ρ(maxLag).
    public let values: [Double]
    public let integratedTime: Double
    public let window: Int
    public let count: Int

    public init(_ x: [Double], maxLag: Int? = nil, windowFactor c: Double = 5) {
        let n = x.count
        precondition(n >= 4, "autocorrelation needs at least 4 samples")
        let mean = x.reduce(0, +) / Double(n)
        let fft = RealFFT(count: 2 * n)
        var padded = [Double](repeating: 0, count: 2 * n)
        for j in 0..<n { padded[j] = x[j] - mean }
        let power = fft.forward(padded).map { ComplexValue($0.squaredMagnitude, 0) }
        let raw = fft.inverse(power)
        let lags = min(maxLag ?? n - 1, n - 1)
        let zero = raw[0]
        values = zero > 0 ? (0...lags).map { raw[$0] / zero } : [1] + [Double](repeating: 0, count: lags)
        var tau = 1.0, w = 0
        for k in 1...max(1, lags) where k <= lags {
            tau += 2 * values[k]
            w = k
            if Double(k) >= c * tau { break }
        }
        integratedTime = max(tau, 1e-12)
        window = w
        count = n
    }

    /// N/τ_int.
    public var effectiveSampleSize: Double { Double(count) / integratedTime }
}

/// The mean and variance of a correlated series with autocorrelation-aware standard errors:
/// SE(mean) = sd·√(τ_int(x)/N), SE(variance) = sd(y)·√(τ_int(y)/N) with y = (x − x̄)², each
/// τ_int from ``Autocorrelation`` of that series.
public struct CorrelatedMoments: Sendable, Equatable {
    public let mean: Double
    public let meanStandardError: Double
    public let variance: Double
    public let varianceStandardError: Double
    /// τ_int of x and N/τ_int.
    public let integratedTime: Double
    public let effectiveSampleSize: Double

    public init(_ x: [Double]) {
        let n = Double(x.count)
        let m = x.reduce(0, +) / n
        let squares = x.map { ($0 - m) * ($0 - m) }
        let v = squares.reduce(0, +) / n
        let ax = Autocorrelation(x)
        let ay = Autocorrelation(squares)
        let vy = squares.reduce(0) { $0 + ($1 - v) * ($1 - v) } / n
        mean = m
        variance = v
        meanStandardError = (v * ax.integratedTime / n).squareRoot()
        varianceStandardError = (vy * ay.integratedTime / n).squareRoot()
        integratedTime = ax.integratedTime
        effectiveSampleSize = ax.effectiveSampleSize
    }
}
