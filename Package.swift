// swift-tools-version:6.0
// DiffusionEscape: the diffusion theory of optimizer dynamics, simulated and predicted.
// Layers (shared/DESIGN.md): CGSL/CFFTW/CVectorMath → NumericKit → Landscapes → Dynamics → {Ensembles → {Escape, EscapeND}, RareEvents, Theory}
// → Sweeps → escape.
import PackageDescription

let package = Package(
    name: "DiffusionEscape",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "escape", targets: ["EscapeCLI"]),
        .library(name: "NumericKit", targets: ["NumericKit"]),
        .library(name: "Landscapes", targets: ["Landscapes"]),
        .library(name: "Dynamics", targets: ["Dynamics"]),
        .library(name: "Ensembles", targets: ["Ensembles"]),
        .library(name: "Escape", targets: ["Escape"]),
        .library(name: "EscapeND", targets: ["EscapeND"]),
        .library(name: "RareEvents", targets: ["RareEvents"]),
        .library(name: "Theory", targets: ["Theory"]),
        .library(name: "Sweeps", targets: ["Sweeps"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Tests only: property-based tests with shrinking (Swift Testing).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // MARK: - C libraries (system), reached only through NumericKit
        .systemLibrary(
            name: "CGSL", path: "Sources/CGSL", pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]),
        // Clang's errno-free vector square root (header only), for the SIMD lanes.
        .systemLibrary(name: "CVectorMath", path: "Sources/CVectorMath"),
        .systemLibrary(
            name: "CFFTW", path: "Sources/CFFTW", pkgConfig: "fftw3",
            providers: [.apt(["libfftw3-dev"])]),

        // MARK: - Wrapper layer: the only Swift code that touches C pointers
        .target(name: "NumericKit", dependencies: ["CGSL", "CFFTW", "CVectorMath"]),

        // MARK: - Science
        .target(name: "Landscapes", dependencies: ["NumericKit"]),
        .target(name: "Dynamics", dependencies: ["Landscapes", "NumericKit"]),
        // The ensemble runner and its statistics; the simulations on it come in two modules, 1-D
        // (Escape) and d-dimensional (EscapeND), beside each other: the release build specialises
        // every hot loop per model combination, and the two halves compile in parallel.
        .target(name: "Ensembles", dependencies: ["Dynamics", "NumericKit"]),
        .target(name: "Escape", dependencies: ["Ensembles", "Dynamics", "Landscapes", "NumericKit"]),
        .target(name: "EscapeND", dependencies: ["Ensembles", "Dynamics", "Landscapes", "NumericKit"]),
        // Adaptive multilevel splitting: beside Escape, not on it, so the two (the build's
        // largest modules) compile in parallel.
        .target(name: "RareEvents", dependencies: ["Dynamics", "Landscapes", "NumericKit"]),
        .target(name: "Theory", dependencies: ["Dynamics", "Landscapes", "NumericKit"]),
        .target(name: "Sweeps", dependencies: ["Ensembles", "Escape", "EscapeND", "RareEvents", "Theory", "Dynamics", "Landscapes", "NumericKit"]),

        // MARK: - Front ends
        .executableTarget(
            name: "EscapeCLI",
            dependencies: [
                "Sweeps", "Ensembles", "Escape", "EscapeND", "RareEvents", "Theory", "Dynamics", "Landscapes", "NumericKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "EscapeBenchmarks",
            dependencies: ["Ensembles", "Escape", "EscapeND", "RareEvents", "Dynamics", "Landscapes", "NumericKit"],
            path: "Sources/EscapeBenchmarks"),

        // MARK: - Tests (mirror the modules)
        .testTarget(name: "NumericKitTests", dependencies: ["NumericKit"]),
        .testTarget(name: "LandscapesTests", dependencies: ["Landscapes", "NumericKit"]),
        .testTarget(name: "DynamicsTests", dependencies: ["Dynamics", "Landscapes", "NumericKit"]),
        .testTarget(name: "EscapeTests", dependencies: ["Ensembles", "Escape", "EscapeND", "Theory", "Sweeps", "Dynamics", "Landscapes", "NumericKit"]),
        .testTarget(name: "EscapeNDTests", dependencies: ["EscapeND", "Escape", "Ensembles", "Theory", "Dynamics", "Landscapes", "NumericKit"]),
        .testTarget(name: "RareEventsTests", dependencies: ["RareEvents", "Ensembles", "Escape", "EscapeND", "Theory", "Dynamics", "Landscapes", "NumericKit"]),
        .testTarget(name: "TheoryTests", dependencies: ["Theory", "Dynamics", "Landscapes", "NumericKit"]),
        .testTarget(name: "SweepsTests", dependencies: ["Sweeps", "Ensembles", "Escape", "EscapeND", "RareEvents", "Theory", "Dynamics", "NumericKit"]),
        .testTarget(name: "EscapeCLITests", dependencies: ["EscapeCLI", "Sweeps", "NumericKit"]),
        // The theory as properties over generated problems (docs/validation.md lists each).
        .testTarget(
            name: "PropertyTests",
            dependencies: [
                "Sweeps", "Ensembles", "Escape", "Theory", "Dynamics", "Landscapes", "NumericKit",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
    ]
)
