import Foundation
import Testing
@testable import NumericKit

@Suite("FFTW real transforms")
struct RealFFTTests {
    @Test(arguments: [8, 15, 1024])
    func roundTrip(count: Int) {
        let fft = RealFFT(count: count)
        let stream = RandomStream(seed: UInt64(count))
        let signal = (0..<count).map { _ in stream.gaussian() }
        let back = fft.inverse(fft.forward(signal))
        for (a, b) in zip(signal, back) { #expect(abs(a - b) < 1e-12) }
    }

    /// A pure cosine of frequency k has X_k = n/2 and nothing elsewhere; Parseval holds.
    @Test func cosineAndParseval() {
        let n = 64, k = 5
        let fft = RealFFT(count: n)
        let x = (0..<n).map { cos(2 * .pi * Double(k * $0) / Double(n)) }
        let X = fft.forward(x)
        for (j, c) in X.enumerated() {
            #expect(abs(c.real - (j == k ? Double(n) / 2 : 0)) < 1e-10)
            #expect(abs(c.imaginary) < 1e-10)
        }
        let energy = x.map { $0 * $0 }.reduce(0, +)
        let spectral = (X[0].squaredMagnitude + 2 * X[1..<(n / 2)].map(\.squaredMagnitude).reduce(0, +)
                        + X[n / 2].squaredMagnitude) / Double(n)
        #expect(abs(energy - spectral) < 1e-10)
    }

    /// Plans are made under FFTW's planner lock: many threads planning at once is safe.
    @Test func concurrentPlanning() async {
        await withTaskGroup(of: Bool.self) { group in
            for t in 0..<16 {
                group.addTask {
                    let fft = RealFFT(count: 32 + t)
                    let x = (0..<(32 + t)).map { Double($0) }
                    return zip(x, fft.inverse(fft.forward(x))).allSatisfy { abs($0 - $1) < 1e-10 }
                }
            }
            for await ok in group { #expect(ok) }
        }
    }
}
