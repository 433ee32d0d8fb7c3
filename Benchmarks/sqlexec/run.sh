#!/bin/sh
# Builds main.swift against Columnar and SQLExecution alone in a scratch package (the root package exports
# no SQLExecution product) and runs it: ./run.sh [debug|release]
set -e
config=${1:-release}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
scratch=${TMPDIR:-/tmp}/sluice-sqlexec-bench
mkdir -p "$scratch/Sources/Bench"
ln -sfn "$root/Sources/Columnar" "$scratch/Sources/Columnar"
ln -sfn "$root/Sources/SQLExecution" "$scratch/Sources/SQLExecution"
cp "$here/main.swift" "$scratch/Sources/Bench/main.swift"
cat > "$scratch/Package.swift" <<'PKG'
// swift-tools-version: 6.2
import PackageDescription
let package = Package(
    name: "SQLExecutionBench",
    targets: [
        .target(name: "Columnar"),
        .target(name: "SQLExecution", dependencies: ["Columnar"]),
        .executableTarget(name: "Bench", dependencies: ["Columnar", "SQLExecution"]),
    ]
)
PKG
cd "$scratch"
swift build -c "$config" --product Bench
"$scratch/.build/$config/Bench"
