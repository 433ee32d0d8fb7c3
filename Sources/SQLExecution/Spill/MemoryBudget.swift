import Foundation

/// The memory a statement's blocking operators (hash aggregate, sort) may hold before they spill to temporary
/// files, and where those files go. The engine makes one per statement from `SET memory_limit` and
/// `SET temp_directory` and publishes it as `MemoryBudget.current` while the plan is built, so operators pick
/// it up in their initializers; `removeTemporaryFiles()` deletes the statement's spill directory when it ends
/// or fails.
///
/// Each operator checks its own estimated footprint against `limit` (the budget is not shared between
/// operators), so a plan with several blocking operators can hold a small multiple of it.
public final class MemoryBudget: @unchecked Sendable {
    /// The running statement's budget while its plan is built.
    @TaskLocal public static var current: MemoryBudget?

    /// Bytes an operator may hold.
    public let limit: Int
    /// The parent of the statement's spill directory.
    public let temporaryDirectory: String
    private var directory: String?
    private var fileNumber = 0

    public init(limit: Int = MemoryBudget.defaultLimit, temporaryDirectory: String? = nil) {
        self.limit = limit
        let environment = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 }
        self.temporaryDirectory = temporaryDirectory ?? environment ?? "/tmp"
    }

    /// 80% of physical memory, DuckDB's default.
    public static var defaultLimit: Int { Int(Double(ProcessInfo.processInfo.physicalMemory) * 0.8) }

    /// A fresh file path in the statement's spill directory (created on first use).
    func makeFilePath(_ label: String) throws -> String {
        if directory == nil {
            let path = temporaryDirectory + "/sluice-spill-\(getpid())-\(UUID().uuidString.prefix(8))"
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw ExecutionError(.io, "cannot create spill directory \(path): \(error)")
            }
            directory = path
        }
        fileNumber += 1
        return "\(directory ?? temporaryDirectory)/\(label)-\(fileNumber).bin"
    }

    /// The statement's spill directory, if one was made.
    public var spillDirectory: String? { directory }

    /// Deletes the statement's spill directory and everything in it.
    public func removeTemporaryFiles() {
        guard let directory else { return }
        try? FileManager.default.removeItem(atPath: directory)
        self.directory = nil
    }

    /// The error for an operator that cannot fit even by spilling.
    func outOfMemory(_ operatorName: String, _ detail: String) -> ExecutionError {
        ExecutionError(.outOfMemory,
                       "\(operatorName) could not fit in memory_limit \(Self.format(limit)) even by spilling (\(detail))")
    }
}

extension MemoryBudget {
    /// Parses a DuckDB memory size: a number and a unit among B, KB, MB, GB, TB (powers of 1000) and KiB, MiB,
    /// GiB, TiB (powers of 1024), case-insensitive, spaces allowed ("500MB", "1.5 GiB").
    public static func parseSize(_ text: String) throws -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
        let multipliers: [String: Double] = [
            "": 1, "b": 1, "byte": 1, "bytes": 1,
            "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
            "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824, "tib": 1_099_511_627_776,
        ]
        guard let number = Double(digits), let multiplier = multipliers[unit] else {
            throw ExecutionError(.invalidInput,
                                 "memory size '\(text)': expected a number and a unit (KB, MB, GB, KiB, MiB, GiB)")
        }
        let bytes = number * multiplier
        guard bytes >= 1, bytes < 9e18 else {
            throw ExecutionError(.invalidInput, "memory size '\(text)' is out of range")
        }
        return Int(bytes)
    }

    static func format(_ bytes: Int) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes), unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        let tenths = Int((value * 10).rounded())
        return unit == 0 ? "\(bytes) bytes" : "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}
