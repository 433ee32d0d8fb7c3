import Foundation
import Synchronization

/// The memory a statement's blocking operators (hash aggregate, sort) may hold before they spill to temporary
/// files, and where those files go. The engine makes one per statement from `SET memory_limit` and
/// `SET temp_directory` and publishes it as `MemoryBudget.current` while the plan is built, so operators pick
/// it up in their initializers; `removeTemporaryFiles()` deletes the statement's spill directory when it ends
/// or fails.
///
/// The budget is shared: each blocking operator holds a `MemoryReservation` and grows it as its state grows.
/// Spillable state (an aggregate's table, a sort's buffer) may grow while all reservations together stay within
/// half the limit (the other half is for batches in flight, outputs and allocator slack); when a reservation
/// cannot grow, its operator spills. A plan with several blocking operators therefore stays within one limit.
/// Reservations come and go under a lock, so operators on different threads may share one budget.
public final class MemoryBudget: Sendable {
    /// The running statement's budget while its plan is built.
    @TaskLocal public static var current: MemoryBudget?

    /// Bytes the statement may hold.
    public let limit: Int
    /// The parent of the statement's spill directory.
    public let temporaryDirectory: String
    private let state = Mutex(State())

    private struct State {
        var directory: String?
        var fileNumber = 0
        var reserved = 0
        var peak = 0
    }

    public init(limit: Int = MemoryBudget.defaultLimit, temporaryDirectory: String? = nil) {
        self.limit = limit
        let environment = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 }
        self.temporaryDirectory = temporaryDirectory ?? environment ?? "/tmp"
    }

    /// 80% of physical memory, DuckDB's default.
    public static var defaultLimit: Int { Int(Double(ProcessInfo.processInfo.physicalMemory) * 0.8) }

    /// What spillable state may reserve in total: half the limit.
    public var spillThreshold: Int { limit / 2 }

    /// Bytes reserved now by all operators, and the most ever reserved at once.
    public var reservedBytes: Int { state.withLock { $0.reserved } }
    public var peakReservedBytes: Int { state.withLock { $0.peak } }

    /// A new, empty reservation against this budget.
    public func reserve() -> MemoryReservation { MemoryReservation(budget: self) }

    /// Changes the total by `delta` if the new total stays within `ceiling` (shrinking always succeeds).
    fileprivate func adjust(by delta: Int, ceiling: Int) -> Bool {
        state.withLock { s in
            let total = s.reserved + delta
            if delta > 0 && total > ceiling { return false }
            s.reserved = max(0, total)
            s.peak = max(s.peak, s.reserved)
            return true
        }
    }

    /// A fresh file path in the statement's spill directory (created on first use).
    func makeFilePath(_ label: String) throws -> String {
        try state.withLock { s in
            if s.directory == nil {
                let path = temporaryDirectory + "/sluice-spill-\(getpid())-\(UUID().uuidString.prefix(8))"
                do {
                    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
                } catch {
                    throw ExecutionError(.io, "cannot create spill directory \(path): \(error)")
                }
                s.directory = path
            }
            s.fileNumber += 1
            return "\(s.directory ?? temporaryDirectory)/\(label)-\(s.fileNumber).bin"
        }
    }

    /// The statement's spill directory, if one was made.
    public var spillDirectory: String? { state.withLock { $0.directory } }

    /// Deletes the statement's spill directory and everything in it.
    public func removeTemporaryFiles() {
        guard let directory = state.withLock({ s in defer { s.directory = nil }; return s.directory }) else { return }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The error for an operator that cannot fit even by spilling.
    func outOfMemory(_ operatorName: String, _ detail: String) -> ExecutionError {
        ExecutionError(.outOfMemory,
                       "\(operatorName) could not fit in memory_limit \(Self.format(limit)) even by spilling (\(detail))")
    }
}

/// The part of a `MemoryBudget` one operator holds. Owned by one operator (not shared between threads); the
/// budget it draws on is. Released when the operator lets it go or is deallocated.
public final class MemoryReservation {
    public let budget: MemoryBudget
    public private(set) var bytes = 0

    init(budget: MemoryBudget) { self.budget = budget }

    deinit { _ = budget.adjust(by: -bytes, ceiling: .max) }

    /// Grows or shrinks to `bytes` while all reservations stay within the budget's spill threshold; false (the
    /// size unchanged) when it cannot grow: the operator should spill.
    public func resize(to newBytes: Int) -> Bool { resize(to: newBytes, ceiling: budget.spillThreshold) }

    /// As `resize(to:)` against another total: the whole limit, for memory an operator needs even after
    /// spilling (a merge's one batch per run).
    public func resize(to newBytes: Int, ceiling: Int) -> Bool {
        let target = max(0, newBytes)
        guard budget.adjust(by: target - bytes, ceiling: ceiling) else { return false }
        bytes = target
        return true
    }

    /// Gives everything back.
    public func release() { _ = resize(to: 0) }
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
