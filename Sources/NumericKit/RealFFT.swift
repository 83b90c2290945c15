import CFFTW
import Synchronization

/// A complex number as FFTW stores it.
public struct ComplexValue: Sendable, Equatable {
    public var real: Double
    public var imaginary: Double
    public init(_ real: Double, _ imaginary: Double) { self.real = real; self.imaginary = imaginary }
    /// |z|².
    public var squaredMagnitude: Double { real * real + imaginary * imaginary }
}

/// FFTW's planner is not thread-safe (FFTW manual §5.4, "Thread safety": only
/// `fftw_execute` may be called concurrently); every plan is created and destroyed
/// under this one lock.
enum FFTWPlanner {
    static let lock = Mutex<Void>(())

    struct Plans: @unchecked Sendable { let forward: fftw_plan?; let inverse: fftw_plan? }

    /// Makes the r2c and c2r plans of length `count` on the given buffers, under the lock.
    static func makePlans(count: Int32, real: UnsafeMutablePointer<Double>,
                          spectrum: UnsafeMutablePointer<fftw_complex>) -> Plans {
        let addresses = (UInt(bitPattern: real), UInt(bitPattern: spectrum))
        return lock.withLock { _ in
            let real = UnsafeMutablePointer<Double>(bitPattern: addresses.0)!
            let spectrum = UnsafeMutablePointer<fftw_complex>(bitPattern: addresses.1)!
            return Plans(forward: fftw_plan_dft_r2c_1d(count, real, spectrum, cfftw_estimate()),
                         inverse: fftw_plan_dft_c2r_1d(count, spectrum, real, cfftw_estimate()))
        }
    }

    /// Destroys plans under the lock (fftw_destroy_plan touches the planner's state).
    static func destroy(_ plans: Plans) {
        lock.withLock { _ in
            if let p = plans.forward { fftw_destroy_plan(p) }
            if let p = plans.inverse { fftw_destroy_plan(p) }
        }
    }
}

/// The real discrete Fourier transform of length n by FFTW (`fftw_plan_dft_r2c_1d` /
/// `fftw_plan_dft_c2r_1d`), with plans made once and aligned buffers (`fftw_alloc_*`)
/// owned by this object and reused for every transform.
///
/// forward: X_k = Σ_j x_j e^{−2πijk/n}, k = 0…n/2 (the rest by Hermitian symmetry);
/// inverse: x_j = (1/n) Σ_k X_k e^{+2πijk/n} (FFTW's unnormalised inverse, divided by n here).
public final class RealFFT {
    public let count: Int
    private let real: UnsafeMutablePointer<Double>
    private let spectrum: UnsafeMutablePointer<fftw_complex>
    private let forwardPlan: fftw_plan
    private let inversePlan: fftw_plan

    public init(count: Int) {
        precondition(count > 0, "FFT length must be positive")
        self.count = count
        let real = fftw_alloc_real(count)!
        let spectrum = fftw_alloc_complex(count / 2 + 1)!
        self.real = real
        self.spectrum = spectrum
        let plans = FFTWPlanner.makePlans(count: Int32(count), real: real, spectrum: spectrum)
        guard let forward = plans.forward, let inverse = plans.inverse else {
            fatalError("FFTW could not make a plan of length \(count)")
        }
        forwardPlan = forward
        inversePlan = inverse
    }

    deinit {
        FFTWPlanner.destroy(FFTWPlanner.Plans(forward: forwardPlan, inverse: inversePlan))
        fftw_free(real)
        fftw_free(spectrum)
    }

    /// The n/2 + 1 non-redundant coefficients of the transform of `signal`.
    public func forward(_ signal: [Double]) -> [ComplexValue] {
        precondition(signal.count == count, "signal length must equal the plan length")
        for j in 0..<count { real[j] = signal[j] }
        fftw_execute(forwardPlan)
        return (0...(count / 2)).map { ComplexValue(spectrum[$0].0, spectrum[$0].1) }
    }

    /// The signal whose transform is `coefficients` (n/2 + 1 of them), normalised by 1/n.
    public func inverse(_ coefficients: [ComplexValue]) -> [Double] {
        precondition(coefficients.count == count / 2 + 1, "need n/2 + 1 coefficients")
        for k in 0..<coefficients.count { spectrum[k] = (coefficients[k].real, coefficients[k].imaginary) }
        fftw_execute(inversePlan)
        let scale = 1.0 / Double(count)
        return (0..<count).map { real[$0] * scale }
    }
}
