// swift-tools-version: 6.1
// Sluice kernel benchmarks (package-benchmark). A nested package so that `make test` never builds it:
//   cd Benchmarks && swift package --disable-sandbox benchmark     (or `make bench-kernels`)
import PackageDescription

// The root package is a path dependency; SwiftPM names it after its directory, which is whatever the
// checkout is called (sluice, repo, a worktree name...), so derive it instead of hard-coding it.
let root = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "sluice"

let package = Package(
    name: "SluiceBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ParquetKernels",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Parquet", package: root),
                .product(name: "Columnar", package: root),
            ],
            path: "Benchmarks/ParquetKernels",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
