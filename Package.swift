// swift-tools-version: 6.2
// Sluice: a lakehouse storage engine (Hudi-compatible tables, Parquet, S3) with a SQL shell.
// Layers, bottom to top (nothing imports upward): Columnar, Parquet, Storage, TableFormat, Sluice facade, sluice executable.
import PackageDescription

let package = Package(
    name: "sluice",
    platforms: [.macOS(.v26)],
    products: [
        .library(name: "Columnar", targets: ["Columnar"]),
        .library(name: "Parquet", targets: ["Parquet"]),
        .library(name: "Storage", targets: ["Storage"]),
        .library(name: "TableFormat", targets: ["TableFormat"]),
        .library(name: "Ingest", targets: ["Ingest"]),
        .library(name: "Sluice", targets: ["Sluice"]),
        .executable(name: "sluice", targets: ["SluiceCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // System C libraries from Debian packages.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CSnappy", providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
        .systemLibrary(name: "CBrotli", pkgConfig: "libbrotlidec", providers: [.apt(["libbrotli-dev"])]),
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),

        .target(name: "Columnar"),
        .target(
            name: "Parquet",
            dependencies: ["Columnar", "CZlib", "CZstd", "CSnappy", "CLZ4", "CBrotli"]),
        .target(name: "Storage", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "TableFormat", dependencies: ["Columnar", "Parquet", "Storage", "CZlib"]),
        .target(name: "TextFormats", dependencies: ["Columnar", "CZlib", "CZstd"]),
        .target(name: "SQLSyntax"),
        .target(name: "SQLExecution", dependencies: ["Columnar"]),
        .target(name: "SQLPlanner", dependencies: ["Columnar", "SQLSyntax", "SQLExecution"]),
        .target(name: "SQLLogicTest", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Ingest", dependencies: ["Columnar", "Parquet", "Storage", "TableFormat", "TextFormats", "SQLSyntax",
                                               "SQLExecution", "SQLPlanner"]),
        .target(
            name: "Sluice",
            dependencies: ["Columnar", "Parquet", "Storage", "TableFormat", "TextFormats", "SQLSyntax", "SQLExecution",
                           "SQLPlanner", "SQLLogicTest", "Ingest"]),
        .executableTarget(
            name: "SluiceCLI",
            dependencies: ["Sluice", "Storage", "CEditLine", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // Test support: where ../shared/corpus and the dev venv are.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ColumnarTests", dependencies: ["Columnar"]),
        .testTarget(name: "ParquetTests", dependencies: ["TestSupport", "Parquet", "Columnar", .product(name: "Crypto", package: "swift-crypto")],
                    exclude: ["Fixtures"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage"]),
        .testTarget(name: "SluiceTests", dependencies: ["Sluice"]),
        .testTarget(name: "TableFormatTests", dependencies: ["TestSupport", "TableFormat", "Columnar", "Parquet", "Storage"]),
        .testTarget(name: "TextFormatsTests", dependencies: ["TestSupport", "TextFormats", "Columnar"]),
        .testTarget(name: "SQLSyntaxTests", dependencies: ["TestSupport", "SQLSyntax", "SQLLogicTest"]),
        .testTarget(name: "SQLLogicTestTests", dependencies: ["TestSupport", "SQLLogicTest"]),
        .testTarget(name: "SQLExecutionTests", dependencies: ["SQLExecution", "Columnar"]),
        .testTarget(name: "SQLPlannerTests", dependencies: ["TestSupport", "SQLPlanner", "SQLLogicTest", "Sluice", "Columnar"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "TableFormat", "Parquet", "Storage", "Columnar"]),
    ]
)
