import Foundation

/// Kolmogorov–Smirnov statistics and the asymptotic Kolmogorov distribution.
///
/// One sample of size n against a continuous F: D = supₓ |Fₙ(x) − F(x)|; two samples of
/// sizes n, m: D = supₓ |Fₙ(x) − Gₘ(x)|. Under the null hypothesis √N·D, N = n (one
/// sample) or nm/(n + m) (two), tends to the Kolmogorov distribution with
/// P(√N·D > λ) = Q(λ) = 2 Σₖ₌₁^∞ (−1)^{k−1} e^{−2k²λ²} (Kolmogorov 1933; Smirnov 1939);
/// Q(1.949) = 0.001.
public enum KolmogorovSmirnov {
    /// D of a sorted sample against the distribution function `cdf`.
    public static func statistic(sorted sample: [Double], cdf: (Double) -> Double) -> Double {
        let n = Double(sample.count)
        var d = 0.0
        for (i, x) in sample.enumerated() {
            let f = cdf(x)
            d = max(d, Double(i + 1) / n - f, f - Double(i) / n)
        }
        return d
    }

    /// D of two sorted samples (ties advance both empirical functions together).
    public static func statistic(sorted a: [Double], _ b: [Double]) -> Double {
        var i = 0, j = 0, d = 0.0
        while i < a.count && j < b.count {
            let x = min(a[i], b[j])
            while i < a.count && a[i] <= x { i += 1 }
            while j < b.count && b[j] <= x { j += 1 }
            d = max(d, abs(Double(i) / Double(a.count) - Double(j) / Double(b.count)))
        }
        return d
    }

    /// The asymptotic p-value Q(λ) of λ = √N·D.
    public static func pValue(_ lambda: Double) -> Double {
        guard lambda > 0.2 else { return 1 }
        var q = 0.0
        for k in 1...100 {
            let term = (k % 2 == 1 ? 2.0 : -2.0) * (-2 * Double(k * k) * lambda * lambda).exp
            q += term
            if abs(term) < 1e-16 { break }
        }
        return min(1, max(0, q))
    }
}

private extension Double {
    var exp: Double { Foundation.exp(self) }
}
