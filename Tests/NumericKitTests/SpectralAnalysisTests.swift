import Foundation
import Testing
@testable import NumericKit

/// Welch, FFT autocorrelation and autocorrelation-aware moments on series with known answers.
@Suite("Spectral analysis (FFTW)")
struct SpectralAnalysisTests {
    /// A Gaussian AR(1) series x_{k+1} = φx_k + σ·z, started in its stationary law.
    static func ar1(_ phi: Double, count: Int, seed: UInt64) -> [Double] {
        let stream = RandomStream(seed: seed)
        var x = stream.gaussian() / (1 - phi * phi).squareRoot()
        return (0..<count).map { _ in x = phi * x + stream.gaussian(); return x }
    }

    /// White noise of variance 1: Welch's two-sided density per step is 1 at every frequency
    /// (median over the band within 2%; each frequency within 5/√segments of 1 at 99.9%).
    @Test func whiteNoiseIsFlat() {
        let x = Self.ar1(0, count: 1 << 18, seed: 3)
        let w = WelchEstimate(x, segment: 1024)
        #expect(w.segments == (1 << 18) / 512 - 1)
        let band = Array(w.density[2..<512]).sorted()
        #expect(abs(band[band.count / 2] - 1) < 0.02, "median \(band[band.count / 2])")
        // The median of a mean of K ≈ 0.95·511 χ²₂/2 periodograms sits ~ 1/(3K) below 1: within 2%.
        #expect(band.allSatisfy { abs($0 - 1) < 5 / Double(w.segments).squareRoot() }, "min \(band.first!), max \(band.last!)")
    }

    /// AR(1) with φ = 0.8: ρ(k) = φ^k, τ_int = (1 + φ)/(1 − φ) = 9, S(f) = 1/(1 − 2φ cos 2πf + φ²).
    @Test func ar1AutocorrelationAndSpectrum() {
        let phi = 0.8
        let x = Self.ar1(phi, count: 1 << 18, seed: 5)
        let acf = Autocorrelation(x, maxLag: 50)
        for k in 1...5 { #expect(abs(acf.values[k] - pow(phi, Double(k))) < 0.01, "ρ(\(k)) = \(acf.values[k])") }
        #expect(abs(acf.integratedTime - 9) < 0.5, "τ_int = \(acf.integratedTime)")
        let w = WelchEstimate(x, segment: 2048)
        let ratios = (2..<1024).map { k in w.density[k] * (1 - 2 * phi * cos(2 * Double.pi * w.frequencies[k]) + phi * phi) }.sorted()
        #expect(abs(ratios[ratios.count / 2] - 1) < 0.02, "median \(ratios[ratios.count / 2])")
    }

    /// The autocorrelation-aware SE of the mean covers the truth: over 200 AR(1) series the
    /// z-scores of the mean (true mean 0) have SD within 15% of 1 (a naive SE would give 3).
    @Test func correlatedStandardErrorIsCalibrated() {
        let z = (0..<200).map { r -> Double in
            let m = CorrelatedMoments(Self.ar1(0.8, count: 4096, seed: UInt64(100 + r)))
            return m.mean / m.meanStandardError
        }
        let sd = (z.reduce(0) { $0 + $1 * $1 } / Double(z.count)).squareRoot()
        #expect(abs(sd - 1) < 0.15, "SD of z = \(sd)")
    }
}
