import Foundation
import NumericKit
import Sweeps
import Testing

/// Runs the built `escape` executable (beside the test bundle in the build directory;
/// `make test` builds it first) and captures its exit status and output.
struct EscapeRun {
    let status: Int32
    let stdout: String
    let stderr: String

    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("escape")
    }

    init(_ arguments: [String], executable: URL = EscapeRun.executable) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        stdout = String(decoding: outData, as: UTF8.self)
        stderr = String(decoding: errData, as: UTF8.self)
    }

    func json() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
    }
}

@Suite("The escape command line", .serialized)
struct CommandLineTests {
    @Test func executableIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: EscapeRun.executable.path),
                "build the executable first: swift build -c release -Xswiftc -enable-testing (make test does)")
    }

    /// The issue's reference prediction: exactTime ≈ 65.9, kramersTime ≈ 60.6.
    @Test func predictJSON() throws {
        let run = try EscapeRun(["predict", "quartic:barrier=1", "--optimizer", "sgd", "--noise", "isotropic",
                                 "--sigma2", "0.5", "--lr", "1", "--json"])
        #expect(run.status == 0)
        let json = try run.json()
        for key in ["kramersTime", "exactTime", "kramersSteps", "exactSteps", "effectiveBarrier", "minimum", "saddle", "escapePoint"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        #expect(abs((json["exactTime"] as! Double) - 65.9) < 0.05)
        #expect(abs((json["kramersTime"] as! Double) - 60.6) < 0.05)
        #expect(json["escapePoint"] as! Double == 0.5)
    }

    /// Issue 17: loss noise in `predict` — the power law and the Arrhenius form beside the exact
    /// MFPT, in the text and as `powerLaw` in the JSON, on a landscape with `floor=`.
    @Test func predictLossNoise() throws {
        let base = ["predict", "quartic:barrier=1,floor=0.5", "--noise", "loss", "--lr", "0.25"]
        let text = try EscapeRun(base)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("loss noise (§13): L_saddle/L_min = 3") && text.stdout.contains("exponent 1/κ + 1/2 = 4.5"), "\(text.stdout)")
        let json = try EscapeRun(base + ["--json"]).json()
        let power = try #require(json["powerLaw"] as? [String: Any])
        #expect(power["exponent"] as? Double == 4.5 && power["lossRatio"] as? Double == 3)
        let exact = try #require(json["exactTime"] as? Double), law = try #require(power["time"] as? Double)
        let arrhenius = try #require(power["arrheniusTime"] as? Double)
        #expect(abs(law / exact - 1) < 0.3 && arrhenius > 10 * exact, "exact \(exact), power law \(law), Arrhenius \(arrhenius)")
    }

    /// Issue 17, part 3: a learning-rate schedule in `predict` — the quasi-static hazard's escaped
    /// fraction by the horizon and its mean, in the text and as `scheduleHazard` in the JSON; the
    /// schedule in the problem line.
    @Test func predictLearningRateSchedule() throws {
        let base = ["predict", "quartic:barrier=0.25", "--lr", "0.05", "--model", "discrete", "--lr-schedule", "cosine:steps=4000,min=0.005"]
        let text = try EscapeRun(base)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("η=0.05 (cosine:steps=4000,min=0.005)"), "\(text.stdout)")
        #expect(text.stdout.contains("lr schedule (§14): cosine:steps=4000,min=0.005") && text.stdout.contains("escaped by step 4000"), "\(text.stdout)")
        let json = try EscapeRun(base + ["--json"]).json()
        let hazard = try #require(json["scheduleHazard"] as? [String: Any])
        #expect(hazard["horizonStep"] as? Int == 4000 && hazard["schedule"] as? String == "cosine:steps=4000,min=0.005")
        let mean = try #require(hazard["meanSteps"] as? Double), exact = try #require(json["exactSteps"] as? Double)
        #expect(mean > exact, "annealing lengthens the mean escape: \(mean) against \(exact) at the first rate")
        #expect(json["reference"] as? String == "scheduleHazard.meanTime")
    }

    /// Issue 17, part 1: α-stable noise in `predict` — the jump law with its validity condition,
    /// in the text and as `jumpEscape` in the JSON, as the reference; at α = 2 the prediction is
    /// isotropic Gaussian noise's of σ² = 2c², to the last digit.
    @Test func predictAlphaStable() throws {
        let base = ["predict", "pq:ha=4,hb=4,barrier=1", "--noise", "alpha-stable", "--alpha", "1.5", "--scale", "0.5", "--lr", "0.01"]
        let text = try EscapeRun(base)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("noise alpha-stable α=1.5 c=0.5") && text.stdout.contains("jump escape (§15, Imkeller–Pavlyukevich)")
                && text.stdout.contains(": holds"), "\(text.stdout)")
        let json = try EscapeRun(base + ["--json"]).json()
        let jump = try #require(json["jumpEscape"] as? [String: Any])
        // K_1.5 = Γ(1.5)·sin(3π/4)/π; τ = d^α/(K_α·(cη)^α) steps with d = 1.
        let k = tgamma(1.5) * sin(0.75 * Double.pi) / Double.pi
        let steps = try #require(jump["meanSteps"] as? Double)
        #expect(abs(steps * k * pow(0.005, 1.5) - 1) < 1e-12 && jump["isValid"] as? Bool == true, "\(jump)")
        #expect(json["reference"] as? String == "jumpEscape.meanTime" && json["referenceSteps"] as? Double == steps)
        let gaussian = try EscapeRun(["predict", "pq:ha=4,hb=4,barrier=1", "--sigma2", "0.5", "--lr", "0.01", "--json"]).json()
        let atTwo = try EscapeRun(base.dropLast(4) + ["--alpha", "2", "--scale", "0.5", "--lr", "0.01", "--json"]).json()
        #expect(atTwo["jumpEscape"] == nil && atTwo["reference"] as? String == "exactTime")
        #expect(atTwo["exactTime"] as? Double == gaussian["exactTime"] as? Double && json["exactTime"] as? Double == gaussian["exactTime"] as? Double)
        // Both wells: only the rules the noise admits (the SDE: sgd), by the jump law — the wider
        // well (H_c = 1: the saddle 1.58× as far) is left α·ln 1.58 later in ln τ.
        let wells = try EscapeRun(["predict", "pq:ha=4,hb=4,barrier=1,hc=1", "--noise", "alpha-stable", "--scale", "0.25", "--lr", "0.05", "--both-wells"])
        #expect(wells.status == 0 && wells.stdout.contains("\nsgd ") && !wells.stdout.contains("momentum"), "\(wells.stdout)\(wells.stderr)")
    }

    /// Same seed on 1 and 2 threads: byte-identical JSON.
    @Test func simulateIsIndependentOfThreads() throws {
        let base = ["simulate", "pq:ha=4,hb=2,barrier=0.3", "--noise", "hessian", "--lr", "0.1", "--batch", "1",
                    "--trajectories", "300", "--seed", "7", "--json"]
        let one = try EscapeRun(base + ["--threads", "1"])
        let two = try EscapeRun(base + ["--threads", "2"])
        #expect(one.status == 0 && two.status == 0)
        #expect(one.stdout == two.stdout)
        let json = try one.json()
        for key in ["meanTime", "standardError", "ci95", "meanSteps", "trajectories", "escaped", "censored", "diverged",
                    "integratorSteps", "seed", "prediction"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        #expect((json["prediction"] as! [String: Any])["exactTime"] != nil)
    }

    @Test func tableOutputShowsMeasuredAndPredicted() throws {
        let run = try EscapeRun(["simulate", "quartic:barrier=0.5", "--sigma2", "0.5", "--lr", "1", "--trajectories", "200"])
        #expect(run.status == 0)
        for word in ["measured", "exact MFPT", "Kramers", "trajectories 200"] { #expect(run.stdout.contains(word)) }
        let landscape = try EscapeRun(["landscape", "pq:ha=4,hb=2,barrier=0.5", "--json"])
        let points = try #require(try landscape.json()["criticalPoints"] as? [[String: Any]])
        #expect(points.map { $0["index"] as! Int } == [0, 1, 0])
    }

    /// Issue 3's acceptance problem: predict's JSON carries exactTime, kramersTime,
    /// effectiveBarrier and the exponent p for each optimizer.
    @Test(arguments: [("sgd", 1.0), ("adam", 0.5), ("invadam", 1.5), ("momentum", 1.0)])
    func predictCarriesTheExponent(optimizer: String, p: Double) throws {
        let run = try EscapeRun(["predict", "pq:ha=4,hb=2,barrier=0.25", "--noise", "hessian", "--lr", "0.1", "--batch", "1",
                                 "--model", "sde", "--optimizer", optimizer, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try run.json()
        for key in ["exactTime", "kramersTime", "effectiveBarrier", "referenceTime", "validity"] { #expect(json[key] != nil, "\(key)") }
        let exponent = try #require(json["exponent"] as? [String: Any])
        #expect(exponent["p"] as? Double == p)
    }

    /// Selectivity: one row per optimizer (the registry's, without scheduled dualadam), InvAdam
    /// the most selective for the flat well here.
    @Test func bothWellsPrediction() throws {
        let run = try EscapeRun(["predict", "pq:ha=8,hb=2,barrier=0.25,hc=2", "--noise", "hessian", "--lr", "0.1", "--both-wells", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let both = try #require(try run.json()["bothWells"] as? [String: Any])
        #expect(both["flatSide"] as? String == "right")
        let rows = try #require(both["rows"] as? [[String: Any]])
        let ratio = Dictionary(uniqueKeysWithValues: rows.map { ($0["optimizer"] as! String, $0["logFlatOverSharp"] as! Double) })
        // Every registered optimizer with an autonomous SDE; scheduled dualadam needs --blend here.
        #expect(Set(ratio.keys).isSuperset(of: ["sgd", "momentum", "adam", "invadam"]) && ratio["dualadam"] == nil, "\(ratio.keys)")
        #expect(ratio["invadam"]! > ratio["sgd"]! && ratio["sgd"]! > ratio["adam"]! && ratio["adam"]! > 0)
    }

    /// --survival writes a monotone Kaplan–Meier curve with its band and the prediction;
    /// the run's JSON carries the exponentiality test.
    @Test func survivalCurve() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("escape-survival-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try EscapeRun(["simulate", "pq:ha=4,hb=2,barrier=0.25", "--noise", "hessian", "--lr", "0.1",
                                 "--optimizer", "dualadam", "--model", "discrete", "--trajectories", "400", "--seed", "3",
                                 "--survival", file.path, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try run.json()["exponentiality"] != nil)
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(lines[0] == "from,steps,time,atRisk,escapes,removed,survival,lower95,upper95,predictedSurvival,prediction")
        let rows = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
        let survival = rows.map { Double($0[6])! }, lower = rows.map { Double($0[7])! }, upper = rows.map { Double($0[8])! }
        #expect(zip(survival, survival.dropFirst()).allSatisfy { $0 >= $1 } && survival.last! == 0)
        #expect(zip(lower, upper).enumerated().allSatisfy { i, b in b.0 <= survival[i] && survival[i] <= b.1 })
        #expect(rows.allSatisfy { $0[10] == "quasi-static hazard" && Double($0[9]) != nil })
        // …and its figure beside it: the curve, its band and the prediction, each a drawn line.
        let figure = file.deletingPathExtension().appendingPathExtension("svg")
        defer { try? FileManager.default.removeItem(at: figure) }
        let svg = try String(contentsOf: figure, encoding: .utf8)
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 4)
        for name in ["Kaplan–Meier", "95% band, lower", "95% band, upper", "predicted (quasi-static hazard)"] { #expect(svg.contains(name)) }
    }

    /// --times writes one row per trajectory, whose outcomes and times are the run's: the
    /// escaped rows' mean time is the reported mean, and `seed` is stream i's seed.
    @Test func perTrajectoryTimes() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("escape-times-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try EscapeRun(["simulate", "quartic:barrier=0.5", "--sigma2", "0.5", "--lr", "1", "--trajectories", "300",
                                 "--seed", "4", "--max-steps", "2000", "--times", file.path, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try run.json()
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(lines[0] == "from,index,seed,outcome,steps,time,optimizerSteps")
        let rows = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count == 300 && rows.enumerated().allSatisfy { i, r in r[1] == String(i) && r[0] == "left" })
        #expect(rows[7][2] == String(StreamSeeding.streamSeed(run: 4, stream: 7)))
        let escaped = rows.filter { $0[3] == "escaped" }, censored = rows.filter { $0[3] == "censored" }
        #expect(escaped.count == json["escaped"] as? Int && censored.count == json["censored"] as? Int && censored.count > 0)
        #expect(censored.allSatisfy { $0[4] == "2000" })
        let mean = escaped.map { Double($0[5])! }.reduce(0, +) / Double(escaped.count)
        let meanTime = try #require(json["meanTime"] as? Double)
        #expect(json["censoredEstimate"] != nil && abs(mean - meanTime) < 1e-9 * mean)
    }

    /// Issue 4: the Styblinski–Tang landscape in 2-D: 4 minima and the 4 saddles between
    /// neighbours, each with its Hessian eigenvalues, eigenvectors and index.
    @Test func styblinskiTangLandscapeJSON() throws {
        let run = try EscapeRun(["landscape", "styblinski-tang:d=2,k=1", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try run.json()
        let points = try #require(json["criticalPoints"] as? [[String: Any]])
        let minima = points.filter { $0["kind"] as? String == "minimum" }, saddles = points.filter { $0["kind"] as? String == "saddle" }
        #expect(minima.count == 4 && saddles.count == 4)
        for s in saddles {
            let eigenvalues = try #require(s["hessianEigenvalues"] as? [Double])
            #expect(eigenvalues.count == 2 && eigenvalues[0] < 0 && eigenvalues[1] > 0 && s["index"] as? Int == 1)
            #expect((s["escapeDirection"] as? [Double])?.count == 2)
        }
        #expect((json["barriers"] as? [Any])?.count == 8)
    }

    /// predict in d dimensions reports the exact 1-D reduction for a separable landscape.
    @Test func predictSeparableJSON() throws {
        let run = try EscapeRun(["predict", "separable:base=pq,ha=4,hb=2,barrier=0.25,spectators=1;10", "--noise", "hessian",
                                 "--optimizer", "adam", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let prediction = try #require(try run.json()["prediction"] as? [String: Any])
        #expect(prediction["reference"] as? String == "reduction1D")
        let reduction = try #require(prediction["reduction1D"] as? [String: Any])
        #expect(abs((reduction["exactTime"] as! Double) - 88.1313) < 1e-3)
    }

    /// ΔΦ = 10⁵: the time overflows a double; the JSON carries its logarithm and no ±inf/NaN,
    /// the table says it overflows (docs/output.md).
    @Test func hugeBarrierReportsTheLogarithm() throws {
        let args = ["predict", "quartic:barrier=1", "--sigma2", "2e-5", "--lr", "1"]
        let run = try EscapeRun(args + ["--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try run.json()
        #expect(json["exactTime"] == nil && json["kramersTime"] == nil)
        let logTime = try #require(json["logExactTime"] as? Double)
        #expect(abs(logTime / 1e5 - 1) < 0.01, "ln τ = \(logTime)")
        let table = try EscapeRun(args)
        #expect(table.status == 0 && table.stdout.contains("overflows") && !table.stdout.contains("nan"), "\(table.stdout)")
    }

    /// A requested dt far above the default is run, and said to be unmeasured (it once gave
    /// τ 40× too small with `warnings: []`).
    @Test func largeRequestedStepWarns() throws {
        let run = try EscapeRun(["simulate", "quartic:barrier=1", "--sigma2", "0.5", "--lr", "1", "--dt", "0.3",
                                 "--trajectories", "50", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let warnings = try #require(try run.json()["warnings"] as? [String])
        #expect(warnings.contains { $0.hasPrefix("--dt 0.3 is") }, "\(warnings)")
    }

    /// A named integrator where its measured bias is large says so; the default does not.
    @Test(arguments: [
        (["pq:ha=16,hb=2,barrier=0.25", "--optimizer", "invadam", "--noise", "hessian", "--integrator", "euler-maruyama"], "D jumps ×64"),
        (["quartic:barrier=1", "--lr", "0.5", "--noise", "hessian", "--noise-floor", "0.12", "--integrator", "milstein"], "D changes within"),
        (["quartic:barrier=1", "--lr", "0.5", "--noise", "hessian", "--noise-floor", "0.12"], nil),
    ] as [([String], String?)])
    func namedIntegratorWarnsWhereItIsBiased(arguments: [String], warning: String?) throws {
        let run = try EscapeRun(["simulate"] + arguments + ["--trajectories", "20", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let warnings = try #require(try run.json()["warnings"] as? [String])
        if let warning { #expect(warnings.contains { $0.hasPrefix(warning) }, "\(warnings)") } else { #expect(warnings.isEmpty, "\(warnings)") }
    }

    /// A negative number is a value, not an option: the line names it (it once said "Missing value").
    @Test(arguments: [["--lr", "-1"], ["--sigma2", "-2"], ["--dt", "-0.5"]])
    func negativeNumberIsNamedInTheMessage(option: [String]) throws {
        let run = try EscapeRun(["predict", "quartic:barrier=1"] + option)
        #expect(run.status == 2)
        #expect(run.stderr.contains(option[1]) && !run.stderr.contains("Missing value"), "\(run.stderr)")
    }

    /// Bad input: status 2, nothing on stdout, one line on stderr naming the parameter.
    @Test(arguments: [
        (["simulate", "quartic:barrier=-1"], "barrier"),
        (["predict", "banana:x=1"], "landscape"),
        (["predict", "quartic:barrier=1", "--lr", "0"], "lr"),
        (["predict", "quartic:barrier=1", "--lr", "-3"], "lr"),
        (["predict", "quartic:barrier=1", "--lr", "nan"], "lr"),
        (["predict", "pq:ha=4,hb=2,barrier=1", "--noise", "hessian", "--batch", "0"], "batch"),
        (["predict", "quartic:barrier=1", "--sigma2", "0"], "sigma2"),
        (["predict", "quartic:barrier=1", "--dt", "-0.1"], "dt"),
        (["simulate", "quartic:barrier=1", "--trajectories", "1"], "trajectories"),
        (["predict", "quartic:barrier=1", "--noise", "loud"], "noise"),
        (["predict", "quartic:barrier=1", "--optimizer", "lion"], "optimizer"),
        (["predict", "quartic:barrier=1", "--noise", "hessian"], "noise-floor"),
        (["predict", "quartic:barrier=1", "--escape-at", "x=-2"], "escape-at"),
        (["predict", "quartic:barrier=1", "--escape-at", "there"], "escape-at"),
        (["predict", "quartic:barrier=1", "--model", "discrete", "--dt", "0.1"], "dt"),
        (["predict", "pq:ha=4,hb=2,barrier=1,hc=0"], "hc"),
        (["landscape", "quartic:barrier=1,a=-1"], "a"),
        (["predict", "pq:ha=4,hb=2,barrier=1", "--optimizer", "dualadam"], "blend"),
        (["predict", "pq:ha=4,hb=2,barrier=1", "--optimizer", "dualadam", "--blend", "2"], "blend"),
        (["predict", "pq:ha=4,hb=2,barrier=1", "--optimizer", "dualadam", "--model", "discrete", "--switch-rate", "0"], "switch-rate"),
        (["predict", "pq:ha=4,hb=2,barrier=1", "--optimizer", "dualadam", "--blend", "0.5", "--switch-rate", "0.1"], "switch-rate"),
        (["predict", "pq:ha=4,hb=2,barrier=1", "--optimizer", "adam", "--beta1", "0.5"], "beta1"),
        (["predict", "pq:ha=4,hb=2,barrier=1", "--optimizer", "adam", "--model", "discrete", "--beta2", "1"], "beta2"),
        (["predict", "pq:ha=4,hb=2,barrier=1", "--optimizer", "sgd", "--eps", "0.1"], "eps"),
        (["predict", "pq:ha=4,hb=2,barrier=1", "--optimizer", "sgd", "--momentum", "0.5"], "momentum"),
        (["predict", "pq:ha=4,hb=2,barrier=1", "--optimizer", "momentum", "--momentum", "1"], "momentum"),
        (["simulate", "pq:ha=4,hb=2,barrier=1", "--survival", "/tmp/curve.txt"], "survival"),
        (["predict", "styblinski-tang:d=2", "--from", "left"], "from"),
        (["predict", "styblinski-tang:d=2", "--from-minimum", "7"], "from-minimum"),
        (["predict", "styblinski-tang:d=2", "--noise", "hessian"], "noise-floor"),
        (["predict", "styblinski-tang:d=2", "--preconditioner", "full"], "preconditioner"),
        (["predict", "quartic:barrier=1", "--from-minimum", "1"], "from-minimum"),
        (["predict", "styblinski-tang:d=2", "--escape-at", "x=1"], "escape-at"),
        (["predict", "styblinski-tang:d=2", "--both-wells"], "both-wells"),
        (["landscape", "rotated:seed=1,of=quartic:barrier=1"], "of"),
        (["simulate", "pq:ha=4,hb=2,barrier=1", "--survival", "/proc/nope/curve.csv"], "output"),
        (["predict", "pq:ha=4,hb=2,barrier=1", "--optimizer", "invadam", "--eps", "-1"], "eps"),
        (["simulate", "quartic:barrier=1", "--trajectories", "2000000000000"], "trajectories"),
        (["predict", "quartic:barrier=1", "--integrator", "skew-euler", "--dt", "-1"], "dt"),
        (["predict", "styblinski-tang:d=2", "--integrator", "skew-euler"], "integrator"),
        (["predict", "quartic:barrier=1", "--noise", "loss"], "floor="),
        (["predict", "quartic:barrier=1,floor=-1", "--noise", "loss"], "floor"),
        (["predict", "pq:ha=4,hb=2,barrier=1,floor=1", "--noise", "loss", "--noise-floor", "0.1"], "noise-floor"),
        (["predict", "separable:base=quartic,barrier=1,floor=1,spectators=2", "--noise", "loss"], "noise"),
        (["predict", "quartic:barrier=1", "--lr-schedule", "cosine:steps=100"], "lr-schedule"),
        (["predict", "quartic:barrier=1", "--lr-schedule", "cosine:steps=0,min=0"], "lr-schedule steps"),
        (["predict", "quartic:barrier=1", "--lr-schedule", "cosine:steps=100,min=0.5"], "lr-schedule min"),
        (["predict", "quartic:barrier=1", "--lr-schedule", "step:every=10,factor=1.5"], "lr-schedule factor"),
        (["predict", "quartic:barrier=1", "--lr-schedule", "exponential:gamma=0.9"], "lr-schedule"),
        (["predict", "quartic:barrier=1", "--optimizer", "momentum", "--lr-schedule", "step:every=10,factor=0.5"], "lr-schedule"),
        (["predict", "quartic:barrier=1", "--optimizer", "dualadam", "--model", "discrete", "--lr-schedule", "step:every=10,factor=0.5"], "lr-schedule"),
        (["predict", "styblinski-tang:d=2", "--lr-schedule", "step:every=10,factor=0.5"], "lr-schedule"),
        (["simulate", "quartic:barrier=1", "--method", "ams", "--lr-schedule", "step:every=10,factor=0.5"], "method"),
        (["predict", "pq:ha=4,hb=4,barrier=1", "--noise", "alpha-stable", "--alpha", "1"], "alpha"),
        (["predict", "pq:ha=4,hb=4,barrier=1", "--noise", "alpha-stable", "--alpha", "2.5"], "alpha"),
        (["predict", "pq:ha=4,hb=4,barrier=1", "--noise", "alpha-stable", "--alpha", "0.5"], "alpha"),
        (["predict", "pq:ha=4,hb=4,barrier=1", "--noise", "alpha-stable", "--scale", "0"], "scale"),
        (["predict", "pq:ha=4,hb=4,barrier=1", "--noise", "alpha-stable", "--sigma2", "1"], "sigma2"),
        (["predict", "pq:ha=4,hb=4,barrier=1", "--alpha", "1.5"], "alpha"),
        (["predict", "pq:ha=4,hb=4,barrier=1", "--noise", "alpha-stable", "--optimizer", "adam"], "noise"),
        (["predict", "pq:ha=4,hb=4,barrier=1", "--noise", "alpha-stable", "--optimizer", "momentum"], "noise"),
        (["predict", "pq:ha=4,hb=4,barrier=1", "--noise", "alpha-stable", "--integrator", "milstein"], "integrator"),
        (["predict", "pq:ha=4,hb=4,barrier=1", "--noise", "alpha-stable", "--lr-schedule", "step:every=10,factor=0.5"], "lr-schedule"),
        (["simulate", "pq:ha=4,hb=4,barrier=1", "--noise", "alpha-stable", "--method", "ams"], "method"),
        (["predict", "styblinski-tang:d=2", "--noise", "alpha-stable"], "noise"),
        (["simulte", "quartic:barrier=1"], "did you mean 'simulate'"),
        (["Predict", "quartic:barrier=1"], "did you mean 'predict'"),
    ])
    func badInputExitsTwo(arguments: [String], parameter: String) throws {
        let run = try EscapeRun(arguments)
        #expect(run.status == 2, "\(arguments): status \(run.status), stderr \(run.stderr)")
        #expect(run.stdout.isEmpty)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains(parameter), "\(run.stderr)")
    }
}

@Suite("escape reproduce")
struct ReproduceTests {
    /// The quick exponent sweep re-derives p = 1, 1/2, 3/2: each 95% interval contains the
    /// theory value (and has the ≥ 2 degrees of freedom that make it a real test).
    @Test func quickExponentContainsTheTheoremValues() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("escape-reproduce-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try EscapeRun(["reproduce", "--quick", "--only", "exponent", "--out", directory.path, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let sweeps = try #require(try run.json()["sweeps"] as? [[String: Any]])
        let fits = try #require(sweeps.first?["fits"] as? [[String: Any]])
        let byGroup = Dictionary(uniqueKeysWithValues: fits.map { ($0["group"] as? String ?? "", $0) })
        for (optimizer, p) in [("sgd", 1.0), ("adam", 0.5), ("invadam", 1.5)] {
            let fit = try #require(byGroup["optimizer=\(optimizer)"])
            let ci = try #require(fit["ci95"] as? [Double])
            #expect(ci[0] <= p && p <= ci[1] && fit["consistent"] as? Bool == true, "\(optimizer): \(fit["detail"] ?? "")")
            #expect(ci[1] - ci[0] < 0.5, "\(optimizer): the interval must be able to exclude a wrong p")
            #expect((fit["levels"] as? [Any])?.count ?? 0 >= 4)
        }
        let csv = try String(contentsOf: directory.appendingPathComponent("quick/exponent/table.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 37)
        for file in ["summary.md", "fits.json", "provenance.json", "sweep.json", "exponent.svg", "measured-vs-predicted.svg"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("quick/exponent/\(file)").path), "\(file)")
        }
    }

    /// The verdict table: one line per sweep, agreeing with its rows (a sweep judged by its fits
    /// says so beside how many points agree), no wider than 100 columns; the details in
    /// OUT/summary.md.
    @Test func verdictTableIsOneNarrowLinePerSweep() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("escape-verdicts-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try EscapeRun(["reproduce", "--quick", "--only", "selectivity,dualadam", "--out", directory.path])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.components(separatedBy: "\n\n")[0].split(separator: "\n")  // the table
        #expect(lines.count == 3 && lines.allSatisfy { $0.count <= 100 }, "\(lines.map(\.count))")
        let verdicts = lines.filter { $0.hasPrefix("selectivity") || $0.hasPrefix("dualadam") }
        #expect(verdicts.count == 2 && verdicts.allSatisfy { !$0.contains("NOT") && $0.contains(" consistent ") && $0.contains("fits consistent") })
        let summary = try String(contentsOf: directory.appendingPathComponent("quick/summary.md"), encoding: .utf8)
        #expect(summary.contains("| selectivity | consistent |") && summary.contains("## dualadam") && summary.contains("escape-fraction"))
    }

    /// Every figure `reproduce` writes (the quick run: the same sweeps and figures as the
    /// default, fewer trajectories) is sound — each series drawn, inside the axes, the legend
    /// inside the canvas, two or more labelled ticks per axis (``FigureMarkup/defects``) — and
    /// shows the theory beside each measurement: every "…: measured" series has its
    /// "…: predicted" twin, or the figure draws y = x; DualAdam's figure is its escape fraction.
    @Test func everyFigureIsSoundAndShowsTheTheory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("escape-figures-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try EscapeRun(["reproduce", "--quick", "--out", directory.path])
        #expect(run.status == 0, "\(run.stderr)")
        let root = directory.appendingPathComponent("quick")
        let files = (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".svg") }.sorted()
        for expected in ["exponent/exponent.svg", "exponent/log-time-vs-effective-barrier.svg", "kramers/log-time-vs-effective-barrier.svg",
                         "dualadam/escape-fraction-vs-switch-rate.svg", "roughness/roughness.svg", "time-step/log-time-vs-dt.svg",
                         "loss-noise/loss-noise.svg", "lr-schedule/escape-fraction-vs-lr-schedule-min.svg",
                         "heavy-tails/log-time-vs-landscape-barrier.svg", "heavy-tails-width/log-time-vs-landscape-barrier.svg",
                         "spectra/sgd/spectrum.svg", "spectra/adam/spectrum.svg", "spectra/invadam/spectrum.svg"] {
            #expect(files.contains(expected), "\(expected) missing from \(files)")
        }
        #expect(files.count >= 20, "\(files)")
        for file in files {
            let svg = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            let figure = try FigureMarkup(svg: svg)
            #expect(figure.defects.isEmpty, "\(file): \(figure.defects)")
            let names = Set(figure.series.map(\.name))
            for name in names where name.hasSuffix(": measured") {
                let twin = String(name.dropLast("measured".count)) + "predicted"
                #expect(names.contains(twin) || svg.contains("class=\"diagonal\""), "\(file): '\(name)' has no prediction beside it")
            }
            #expect(names.contains { $0.hasSuffix(": measured") }, "\(file): no measured series in \(names)")
        }
    }

    @Test func unwritableOutputIsBadInput() throws {
        let run = try EscapeRun(["reproduce", "--quick", "--out", "/proc/escape-cannot-write-here"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("output"))
    }

    @Test func unknownSweepNameIsBadInput() throws {
        let run = try EscapeRun(["reproduce", "--quick", "--only", "exponents"])
        #expect(run.status == 2 && run.stderr.contains("only") && run.stderr.contains("exponent"))
    }
}

@Suite("escape simulate --method ams")
struct SplittingCommandTests {
    /// ΔΦ = 25 on the quartic (SGD, isotropic σ² = 0.08, η = 1), where one brute-force escape
    /// takes ~10¹¹ steps: the defaults give τ within 4 SE + 5% of the exact MFPT, report p with
    /// its CI and the steps, and print the same bytes on 1 and 2 threads.
    @Test func realisticBarrierAtTheDefaults() throws {
        let args = ["simulate", "quartic:barrier=1", "--sigma2", "0.08", "--lr", "1", "--method", "ams", "--seed", "5", "--json"]
        let run = try EscapeRun(args + ["--threads", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try run.json()
        let tau = try #require(json["meanTime"] as? Double), se = try #require(json["standardError"] as? Double)
        let prediction = try #require(json["prediction"] as? [String: Any])
        let exact = try #require(prediction["exactTime"] as? Double)
        #expect(abs((prediction["effectiveBarrier"] as? Double ?? 0) - 25) < 1e-9)
        #expect(abs(tau - exact) <= 4 * se + 0.05 * exact, "τ \(tau) ± \(se) vs exact \(exact)")
        let p = try #require(json["probability"] as? Double), ci = try #require(json["probabilityCI95"] as? [Double])
        #expect(ci[0] < p && p < ci[1] && p > 0 && p < 1e-6)
        #expect((json["bruteForceSteps"] as? Double ?? 0) > 1e3 * Double(json["steps"] as? Int ?? .max))
        #expect(try EscapeRun(args + ["--threads", "1"]).stdout == run.stdout)
    }

    /// d dimensions: a separable pq with spectators (SGD, hessian noise, so D jumps on every
    /// coordinate and `auto` takes the skew-Euler step per coordinate) at ΔΦ = 20 of its exact
    /// 1-D reduction (barrier 2.4): τ within 4 SE + 5% of the reduction's exact MFPT (which is
    /// exact here), the same bytes on 1 and 2 threads; a ball target is refused, naming
    /// `escape-at` (it is not a level set of the reaction coordinate).
    @Test func multiDimensionalAtARealisticBarrier() throws {
        let spec = "separable:base=pq,ha=4,hb=2,barrier=2.4,spectators=0.5;3"
        let args = ["simulate", spec, "--noise", "hessian", "--lr", "0.1", "--method", "ams", "--splitting-runs", "40",
                    "--replicas", "50", "--seed", "5", "--json"]
        let run = try EscapeRun(args + ["--threads", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try run.json()
        let tau = try #require(json["meanTime"] as? Double), se = try #require(json["standardError"] as? Double)
        let prediction = try #require(json["prediction"] as? [String: Any])
        let reduction = try #require(prediction["reduction1D"] as? [String: Any])
        let exact = try #require(reduction["exactTime"] as? Double)
        #expect(abs((reduction["effectiveBarrier"] as? Double ?? 0) - 20) < 1e-6)
        #expect(abs(tau - exact) <= 4 * se + 0.05 * exact, "τ \(tau) ± \(se) vs exact \(exact)")
        #expect(json["integrator"] as? String == "skew-euler")
        #expect(try EscapeRun(args + ["--threads", "1"]).stdout == run.stdout)
        let ball = try EscapeRun(["simulate", spec, "--noise", "hessian", "--method", "ams", "--escape-at", "radius=0.5"])
        #expect(ball.status == 2 && ball.stderr.split(separator: "\n").count == 1 && ball.stderr.contains("escape-at"), "\(ball.stderr)")
    }

    /// What splitting cannot do, bad sizes, and splitting options given to brute force (once
    /// silently ignored) exit 2 with one line naming the option.
    @Test(arguments: [
        (["--method", "ams", "--replicas", "1"], "replicas"),
        (["--method", "ams", "--killed", "100"], "killed"),
        (["--method", "ams", "--entrance-width", "0.1"], "entrance-width"),
        (["--method", "ams", "--both-wells"], "both-wells"),
        (["--method", "ams", "--survival", "x.csv"], "survival"),
        (["--method", "ams", "--optimizer", "dualadam", "--model", "discrete"], "method"),
        (["--method", "amz"], "method"),
        (["--replicas", "50"], "replicas"),            // a splitting option with brute force
        (["--method", "brute", "--home-width", "1"], "home-width"),
    ])
    func refusals(extra: [String], parameter: String) throws {
        let run = try EscapeRun(["simulate", "quartic:barrier=1"] + extra)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1 && run.stderr.contains(parameter), "\(run.stderr)")
    }
}

@Suite("escape spectrum")
struct SpectrumCommandTests {
    @Test func writesTablesAndFigure() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("escape-spectrum-\(getpid())")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try EscapeRun(["spectrum", "separable:base=pq,ha=4,hb=2,barrier=20,spectators=10", "--noise", "hessian",
                                 "--lr", "0.02", "--optimizer", "invadam", "--steps", "65536", "--segment", "1024", "--out", out.path, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let directions = try #require(try run.json()["directions"] as? [[String: Any]])
        #expect(directions.count == 2)
        for file in ["spectrum.csv", "autocorrelation.csv", "spectrum.json", "spectrum.svg"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
        }
    }

    @Test(arguments: [
        (["spectrum", "quartic:barrier=1"], "spec"),
        (["spectrum", "separable:base=pq,ha=4,hb=2,barrier=20,spectators=10", "--segment", "7"], "segment"),
        (["spectrum", "separable:base=pq,ha=4,hb=2,barrier=20,spectators=10", "--optimizer", "momentum"], "optimizer"),
        (["spectrum", "separable:base=pq,ha=4,hb=2,barrier=20,spectators=10", "--lr", "0.5"], "lr"),
    ])
    func badInputExitsTwo(_ arguments: [String], _ parameter: String) throws {
        let run = try EscapeRun(arguments)
        #expect(run.status == 2 && run.stderr.contains(parameter), "\(run.stderr)")
    }
}

@Suite("escape sweep and merge", .serialized)
struct SweepCommandTests {
    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("escape-sweep-\(name)-\(getpid())")
    }

    /// Twelve points of about a tenth of a second each.
    static let spec = """
        {"name": "kill", "base": {"landscape": "quartic:barrier=0.5", "lr": 1, "dt": 0.002, "sigma2": 0.5},
         "axes": [{"parameter": "landscape.barrier", "values": [0.5, 0.6, 0.7, 0.8]},
                  {"parameter": "sigma2", "values": [0.4, 0.5, 0.6]}],
         "trajectories": 400, "seed": 3}
        """

    static func write(_ text: String, _ name: String) throws -> URL {
        let url = temporary(name).appendingPathExtension("json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func table(_ directory: URL) throws -> String {
        try String(contentsOf: directory.appendingPathComponent("table.csv"), encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ",") }
            .joined(separator: "\n")
    }

    @Test(arguments: [
        ("\"parameter\": \"sigma2\"", "\"parameter\": \"sigma\"", "axes[1].parameter"),
        ("[0.4, 0.5, 0.6]", "[]", "axes[1].values"),
        ("\"lr\": 1", "\"lr\": -1", "base.lr"),
    ])
    func invalidSweepFileExitsTwoNamingTheField(_ find: String, _ replace: String, _ field: String) throws {
        let file = try Self.write(Self.spec.replacingOccurrences(of: find, with: replace), "bad")
        let out = Self.temporary("bad-out")
        defer { try? FileManager.default.removeItem(at: file); try? FileManager.default.removeItem(at: out) }
        let run = try EscapeRun(["sweep", file.path, "--out", out.path])
        #expect(run.status == 2 && run.stderr.contains(field), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: out.path), "nothing is written for bad input")
    }

    /// SIGKILL mid-run, then --resume: the table equals an uninterrupted run's (bar wallSeconds),
    /// whichever point the kill lands on.
    @Test(arguments: [1, 4])
    func killedSweepResumesToTheSameTable(afterPoints: Int) throws {
        let file = try Self.write(Self.spec, "kill-\(afterPoints)")
        let (whole, killed) = (Self.temporary("whole-\(afterPoints)"), Self.temporary("killed-\(afterPoints)"))
        defer { for u in [file, whole, killed] { try? FileManager.default.removeItem(at: u) } }
        #expect(try EscapeRun(["sweep", file.path, "--out", whole.path, "--threads", "1"]).status == 0)
        let process = Process()
        process.executableURL = EscapeRun.executable
        process.arguments = ["sweep", file.path, "--out", killed.path, "--threads", "1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let log = killed.appendingPathComponent("points.jsonl")
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let lines = (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").count ?? 0
            if lines >= afterPoints { break }
            usleep(2000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the run must be killed before it finishes")
        let resumed = try EscapeRun(["sweep", file.path, "--out", killed.path, "--resume", "--json"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let report = try resumed.json()
        #expect((report["points"] as? Int) == 12)
        #expect((report["pointsFromLog"] as? Int ?? 0) >= afterPoints && (report["pointsRun"] as? Int ?? 0) >= 1)
        #expect(try Self.table(killed) == Self.table(whole))
    }

    /// Kills at random moments (fixed seed, printed): each resume loses and duplicates nothing.
    @Test func randomKillsThenResumeLoseNothing() throws {
        var generator = SplitMix64Generator(seed: 20261129)
        let file = try Self.write(Self.spec, "random-kill")
        let (whole, killed) = (Self.temporary("random-whole"), Self.temporary("random-killed"))
        defer { for u in [file, whole, killed] { try? FileManager.default.removeItem(at: u) } }
        #expect(try EscapeRun(["sweep", file.path, "--out", whole.path]).status == 0)
        var resumes = 0
        for attempt in 0..<6 {
            let process = Process()
            process.executableURL = EscapeRun.executable
            process.arguments = ["sweep", file.path, "--out", killed.path, "--resume", "--threads", "1"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let delay = UInt32.random(in: 50_000...600_000, using: &generator)
            usleep(delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .exit { break }  // finished before the kill
            resumes += 1
            let log = (try? String(contentsOf: killed.appendingPathComponent("points.jsonl"), encoding: .utf8)) ?? ""
            #expect(log.split(separator: "\n").count <= 12, "attempt \(attempt), kill after \(delay) µs")
        }
        let last = try EscapeRun(["sweep", file.path, "--out", killed.path, "--resume", "--json"])
        #expect(last.status == 0, "\(last.stderr)")
        #expect((try last.json()["points"] as? Int) == 12)
        #expect(try Self.table(killed) == Self.table(whole), "after \(resumes) kills")
    }

    /// Ctrl-C: exit 130 at once, every finished point kept, and the line says how to resume.
    @Test func interruptSaysHowToResume() throws {
        let file = try Self.write(Self.spec, "interrupt")
        let (whole, stopped) = (Self.temporary("int-whole"), Self.temporary("int-stopped"))
        defer { for u in [file, whole, stopped] { try? FileManager.default.removeItem(at: u) } }
        #expect(try EscapeRun(["sweep", file.path, "--out", whole.path]).status == 0)
        let process = Process()
        process.executableURL = EscapeRun.executable
        process.arguments = ["sweep", file.path, "--out", stopped.path, "--threads", "1"]
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, InterruptCount.lines(stopped) < 2 { usleep(2000) }
        kill(process.processIdentifier, SIGINT)
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(message.contains("--resume") && message.contains("finished points"), "\(message)")
        #expect(try EscapeRun(["sweep", file.path, "--out", stopped.path, "--resume"]).status == 0)
        #expect(try Self.table(stopped) == Self.table(whole))
    }

    /// A full disk (simulated by a 12 KB file-size limit): one clear line, exit 2, the finished
    /// points kept, no table written.
    @Test func fullDiskIsAClearError() throws {
        let file = try Self.write(Self.spec, "full")
        let out = Self.temporary("full-out")
        defer { for u in [file, out] { try? FileManager.default.removeItem(at: u) } }
        let run = try EscapeRun(["-c", "ulimit -f 12; exec \"$0\" \"$@\"", EscapeRun.executable.path,
                                 "sweep", file.path, "--out", out.path], executable: URL(fileURLWithPath: "/bin/bash"))
        #expect(run.status == 2, "\(run.stderr)")
        let last = run.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.contains("File too large") && last.contains("--resume"), "\(last)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files == ["points.jsonl", "run.json", "sweep.json"], "\(files)")
    }

    @Test func shardsMergeToTheUnshardedTable() throws {
        let file = try Self.write(Self.spec, "shards")
        let dirs = ["whole", "s0", "s1", "merged"].map { Self.temporary("m-\($0)") }
        defer { for u in [file] + dirs { try? FileManager.default.removeItem(at: u) } }
        #expect(try EscapeRun(["sweep", file.path, "--out", dirs[0].path]).status == 0)
        let shard = try EscapeRun(["sweep", file.path, "--out", dirs[1].path, "--shard", "0/2"])
        #expect(shard.status == 0 && shard.stdout.contains("escape merge"), "a shard's summary says how to combine it")
        #expect(try EscapeRun(["sweep", file.path, "--out", dirs[2].path, "--shard", "1/2"]).status == 0)
        let merged = try EscapeRun(["merge", dirs[1].path, dirs[2].path, "--out", dirs[3].path])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(try Self.table(dirs[3]) == Self.table(dirs[0]))
        let incomplete = try EscapeRun(["merge", dirs[1].path, "--out", Self.temporary("m-x").path])
        #expect(incomplete.status == 2 && incomplete.stderr.contains("missing"))
    }
}

/// Lines in a sweep directory's points log.
enum InterruptCount {
    static func lines(_ directory: URL) -> Int {
        ((try? String(contentsOf: directory.appendingPathComponent("points.jsonl"), encoding: .utf8)) ?? "")
            .split(separator: "\n").count
    }
}
