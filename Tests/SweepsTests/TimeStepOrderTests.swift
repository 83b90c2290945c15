import Dynamics
import Foundation
import NumericKit
import Testing
@testable import Sweeps

/// The time-step-order fit on `escape reproduce`'s time-step problem (InvAdam on pq, D jumps
/// ×64 at the breakpoint), run for real.
@Suite("Time-step order fit", .serialized)
struct TimeStepOrderTests {
    @Test func eulerMaruyamaHasOrderOneHalfAtAJumpAndSkewEulerNoBias() throws {
        var spec = ReproduceSuite.timeStep(true, 5)
        spec.trajectories = 2000
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("time-step-order-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try SweepRunner.run(spec, directory: dir, mode: .fresh, shard: nil, threads: nil, tool: "test")
        let fits = outcome.fits.filter { $0.kind == "time-step-order" }
        #expect(fits.count == 2)
        // Euler–Maruyama across a jump of D: weak error O(√dt) (docs/integrators.md §3). The
        // allowance 0.1 is for the next, O(dt), term at steps up to 4× the default.
        let em = try #require(fits.first { $0.group.contains("euler-maruyama") })
        let p = try #require(em.measured), se = try #require(em.standardError)
        #expect(abs(p - 0.5) <= 4 * se + 0.1, "\(em.detail)")
        // skew-euler: exact at the jump; every row within 4 SE + 2% of exact, no order fitted.
        let skew = try #require(fits.first { $0.group.contains("skew-euler") })
        #expect(skew.measured == nil, "\(skew.detail)")
        let skewRows = outcome.rows.filter { $0.parameters["integrator"] == .text("skew-euler") }
        #expect(skewRows.count == 3 && skewRows.allSatisfy(\.agrees), "\(skewRows.map { $0.measuredOverExact ?? .nan })")
        // The verdicts: Euler–Maruyama's order holds ½, skew-euler's rows all agree, so the sweep
        // is consistent although Euler–Maruyama's rows do not agree (as designed).
        #expect(em.consistent == true && em.expected == 0.5 && skew.consistent == true)
        let verdict = SweepVerdict(sweep: spec.name, rows: outcome.rows, fits: outcome.fits)
        #expect(verdict.consistent == true && verdict.basis.hasPrefix("2/2 fits consistent"), "\(verdict.basis)")
        #expect(outcome.rows.contains { !$0.agrees })
    }
}
