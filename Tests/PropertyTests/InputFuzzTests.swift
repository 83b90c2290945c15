import Dynamics
import Foundation
import Landscapes
import NumericKit
import Sweeps
import Testing
import Theory

/// Random and mutated inputs through the same parsing and validation the command line uses:
/// every input must give a valid result or a clean ``InvalidParameter`` — never a crash, a
/// hang or another kind of error. The seed is fixed (printed with any failure).
@Suite("Input fuzzing")
struct InputFuzzTests {
    static let seed: UInt64 = 0xD1FF_E5CA_9E
    static let specCorpus = [
        "quartic:barrier=1,a=1,tilt=0", "quartic:barrier=0.5", "pq:ha=4,hb=2,barrier=0.5,hc=1", "pq:ha=8,hb=2,barrier=0.25",
        "separable:base=pq,ha=4,hb=2,barrier=0.5,spectators=1;10;100", "styblinski-tang:d=2,k=1",
        "gaussian-wells:d=2,sharp=0.5,flat=1,separation=2,depth=1", "rotated:seed=3,of=separable:base=quartic,barrier=1,spectators=2",
        "file:/nonexistent.json", "rough:amplitude=0.1,correlation=0.05,seed=2,of=quartic:barrier=1",
        "separable:base=rough,amplitude=0.1,correlation=0.05,seed=2,of=pq:ha=4,hb=2,barrier=0.5,spectators=3",
    ] + LandscapeRegistry.families.map { $0.example }  // every registered family, including ones added later
    static let jsonCorpus = [
        """
        {"name": "a", "base": {"landscape": "pq:ha=4,hb=2,barrier=0.25", "noise": "hessian", "lr": 0.1},
         "axes": [{"parameter": "optimizer", "values": ["sgd", "adam"]}, {"parameter": "batch", "values": [1, 2]}],
         "trajectories": 100, "seed": 5, "fits": [{"kind": "arrhenius", "x": "batch"}]}
        """,
        """
        {"name": "b", "base": {"landscape": "pq:ha=2,hb=1,barrier=0.5", "noise": "frozen", "lr": 0.1},
         "axes": [{"parameters": ["landscape.ha", "landscape.hb"], "values": [[2, 1], [4, 2]]},
                  {"parameter": "effective-barrier", "values": [2, 3]}], "trajectories": 10, "seed": 1, "allowance": 0.03}
        """,
        """
        {"name": "c", "base": {"landscape": "quartic:barrier=1", "sigma2": 0.5, "lr": 1, "dt": 0.002, "model": "sde"},
         "axes": [{"parameter": "from", "values": ["left", "right"]}], "trajectories": 2, "seed": 0, "fits": [{"kind": "selectivity"}]}
        """,
    ]
    static let fragments = ["1e308", "-1", "0", "-0", "nan", "inf", "1e-320", "99999999999999999999", "", ",", "=", ":", ";",
                            "\"", "{", "}", "[", "]", "null", "true", "2.5", "ha", "barrier", "of=", "d=1000", "spectators=",
                            "\"lr\"", "\"dt\"", "\"max-steps\"", "\"effective-barrier\"", "\"optimizer\"", "\"dualadam\"", "1e3"]

    struct Mutator {
        var rng: SplitMix64Generator
        mutating func mutate(_ text: String) -> String {
            var chars = Array(text)
            for _ in 0..<Int.random(in: 1...2, using: &rng) {
                let position = chars.isEmpty ? 0 : Int.random(in: 0..<chars.count, using: &rng)
                switch Int.random(in: 0..<5, using: &rng) {
                case 0 where !chars.isEmpty:  // delete a run
                    let end = min(chars.count, position + Int.random(in: 1...4, using: &rng))
                    chars.removeSubrange(position..<end)
                case 1:  // insert a fragment
                    chars.insert(contentsOf: Self.pick(InputFuzzTests.fragments, &rng), at: position)
                case 2 where !chars.isEmpty:  // replace a number-like run with a fragment
                    var end = position
                    while end < chars.count, chars[end].isNumber || chars[end] == "." { end += 1 }
                    chars.replaceSubrange(position..<max(end, position + 1), with: Self.pick(InputFuzzTests.fragments, &rng))
                case 3 where chars.count > 2:  // duplicate a slice
                    let end = min(chars.count, position + Int.random(in: 1...8, using: &rng))
                    chars.insert(contentsOf: chars[position..<end], at: position)
                default:  // a random printable character
                    chars.insert(Character(UnicodeScalar(UInt8.random(in: 32...126, using: &rng))), at: position)
                }
            }
            return String(chars)
        }

        static func pick(_ list: [String], _ rng: inout SplitMix64Generator) -> String { list[Int.random(in: 0..<list.count, using: &rng)] }
    }

    /// The outcome kinds seen (for the message) and the failures.
    final class Tally: @unchecked Sendable {
        var valid = 0, refused = 0, inputs = 0
        var slowest = (seconds: 0.0, input: "")
    }

    /// The CPU time of the calling thread, in seconds: the work an input costs, whatever else the
    /// test run is doing on the machine's cores (wall-clock time under the parallel suite measured
    /// up to 5.2 s for an input that takes 1–2 s alone).
    static func threadSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + 1e-9 * Double(t.tv_nsec)
    }

    /// Runs `body`; only InvalidParameter may escape it.
    static func check(_ input: String, _ tally: Tally, _ body: () throws -> Void) {
        tally.inputs += 1
        let start = threadSeconds()
        do {
            try body()
            tally.valid += 1
        } catch is InvalidParameter {
            tally.refused += 1
        } catch {
            Issue.record("input \(String(reflecting: input)) (seed \(seed)) threw \(type(of: error)): \(error)")
        }
        let seconds = threadSeconds() - start
        if seconds > tally.slowest.seconds { tally.slowest = (seconds, input) }
    }

    /// 8 000 spec strings (random, mutated, intact), each parsed; 1-D ones built into a problem
    /// with fuzzed options, and every 25th of those predicted.
    @Test func specStringsAndOptions() {
        var mutator = Mutator(rng: SplitMix64Generator(seed: Self.seed))
        let tally = Tally()
        let optionValues: [(String, ParameterValue)] = [
            ("lr", .number(0.1)), ("lr", .number(-1)), ("lr", .number(1e300)), ("lr", .number(0)), ("sigma2", .number(1e-300)),
            ("noise", .text("hessian")), ("noise", .text("frozen")), ("noise", .text("loss")), ("batch", .number(0)), ("noise-floor", .number(-1)),
            ("eps", .number(-1)),
            ("blend", .number(2)), ("switch-rate", .number(1e-300)), ("switch-rate", .number(1e300)), ("beta1", .number(1)),
            ("dt", .number(1e-300)), ("dt", .number(-0.1)), ("max-steps", .number(0)), ("max-steps", .number(1e20)),
            ("escape-at", .text("x=1e308")), ("escape-at", .text("x=-5")), ("escape-at", .text("saddle")), ("from", .text("right")),
            ("model", .text("discrete")), ("divergence-radius", .number(-1)), ("momentum", .number(0.999999)),
            ("lr", .number(0.05)), ("sigma2", .number(2)), ("dt", .number(0.001)), ("escape-at", .text("minimum")),
            ("max-steps", .number(1000)),
            ("lr-schedule", .text("cosine:steps=100,min=0.01")), ("lr-schedule", .text("step:every=5,factor=0.5")),
            ("lr-schedule", .text("cosine:steps=0,min=0")), ("lr-schedule", .text("step:every=10,factor=2")),
            ("lr-schedule", .text("cosine:steps=10")), ("lr-schedule", .text("warmup:steps=10")), ("lr-schedule", .number(3)),
            ("noise", .text("alpha-stable")), ("noise", .text("alpha-stable")), ("alpha", .number(1)), ("alpha", .number(2.5)),
            ("alpha", .number(0.5)), ("alpha", .number(1.5)), ("alpha", .number(2)), ("scale", .number(0)), ("scale", .number(-1)),
            ("scale", .number(0.3)), ("integrator", .text("milstein")),
        ] + OptimizerKind.allCases.map { ("optimizer", .text($0.rawValue)) }   // every registered optimizer
        var predicted = 0
        for k in 0..<8000 {
            let base = Mutator.pick(Self.specCorpus, &mutator.rng)
            // A third random text, a third mutated specs, a third intact specs with fuzzed options.
            let text = switch k % 3 {
            case 0: String((0..<Int.random(in: 0...30, using: &mutator.rng)).map { _ in
                Character(UnicodeScalar(UInt8.random(in: 32...126, using: &mutator.rng))) })
            case 1: mutator.mutate(base)
            default: base
            }
            Self.check(text, tally) {
                guard case .oneDimensional = try LandscapeSpec.parseAny(text) else { return }
                var d = ProblemDescription(landscape: text)
                for _ in 0..<Int.random(in: 0...2, using: &mutator.rng) {
                    let (name, value) = optionValues[Int.random(in: 0..<optionValues.count, using: &mutator.rng)]
                    try d.set(name, to: value)
                }
                let problem = try d.oneDimensional()
                predicted += 1
                if predicted % 25 == 0 { _ = try Predictor.predict(problem) }
            }
        }
        #expect(tally.inputs == 8000)
        // A hang detector, on the thread's CPU time. The slowest legitimate input known is an
        // lr-schedule's quasi-static hazard on the 205-row example table (examples/tables/quartic.csv) (33 exact MFPTs on the
        // spline): 4.7 s alone (session 17), hence 10 s rather than the 5 s this had before it.
        #expect(tally.slowest.seconds < 10, "slowest input \(tally.slowest.input): \(tally.slowest.seconds) s")
        #expect(tally.valid > 300 && tally.refused > 1000, "valid \(tally.valid), refused \(tally.refused)")
    }

    /// 3 000 mutated sweep files, decoded and validated; small 1-D grids are built point by point.
    @Test func sweepFiles() {
        var mutator = Mutator(rng: SplitMix64Generator(seed: Self.seed ^ 0x5EED))
        let tally = Tally()
        for _ in 0..<3000 {
            let text = mutator.mutate(Mutator.pick(Self.jsonCorpus, &mutator.rng))
            Self.check(text, tally) {
                let spec = try SweepSpec.decode(Data(text.utf8))
                guard spec.pointCount <= 16, case .text(let l)? = spec.base["landscape"],
                      case .oneDimensional? = try? LandscapeSpec.parseAny(l) else { return }
                _ = try spec.points()
            }
        }
        #expect(tally.inputs == 3000)
        #expect(tally.slowest.seconds < 5, "slowest input \(tally.slowest.input): \(tally.slowest.seconds) s")
        #expect(tally.valid > 30 && tally.refused > 300, "valid \(tally.valid), refused \(tally.refused)")
    }
}
