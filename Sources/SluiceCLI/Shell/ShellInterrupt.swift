import Foundation
import Sluice
import Synchronization

/// Ctrl-C for the shell: SIGINT sets a flag instead of ending the process; the statement's watcher forwards it
/// to the engine's `QueryProgress`, and the prompt loop clears it.
enum ShellInterrupt {
    static let requested = Atomic<Bool>(false)

    static func install() {
        _ = requested.load(ordering: .relaxed)  // initialize the global before a signal can touch it
        signal(SIGINT) { _ in ShellInterrupt.requested.store(true, ordering: .relaxed) }
    }

    /// Reads and clears the flag.
    static func take() -> Bool { requested.exchange(false, ordering: .relaxed) }
}

/// Watches one running statement from another thread: forwards Ctrl-C to the engine, and on a terminal draws
/// a progress bar (files opened out of planned, rows, bytes) once the statement has run for `delay` seconds.
final class StatementWatcher: Sendable {
    private let finished = Atomic<Bool>(false)
    private let drew = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)

    init(progress: QueryProgress, showBar: Bool, delay: Double = 2) {
        let started = Date()
        Thread.detachNewThread { [self] in
            while !finished.load(ordering: .acquiring) {
                if ShellInterrupt.take() { progress.interrupt() }
                if showBar, Date().timeIntervalSince(started) >= delay {
                    FileHandle.standardError.write(Data(("\r" + ProgressBar.line(progress) + "\u{1B}[K").utf8))
                    drew.store(true, ordering: .relaxed)
                }
                _ = wake.wait(timeout: .now() + 0.1)
            }
            exited.signal()
        }
    }

    /// Stops watching and erases the bar.
    func finish() {
        finished.store(true, ordering: .releasing)
        wake.signal()
        exited.wait()
        if drew.load(ordering: .relaxed) { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

/// The text of the progress bar.
enum ProgressBar {
    static func line(_ progress: QueryProgress) -> String {
        let planned = progress.plannedFiles, files = progress.files
        let fraction = planned > 0 ? min(1, Double(files) / Double(planned)) : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let percent = planned > 0 ? "\(Int(fraction * 100))% of \(planned) files" : "\(files) files"
        return "\(bar) \(percent)  \(progress.rows) rows  \(bytes(progress.bytes))  (Ctrl-C cancels)"
    }

    static func bytes(_ n: Int) -> String {
        n >= 1 << 30 ? String(format: "%.1f GiB", Double(n) / Double(1 << 30))
            : n >= 1 << 20 ? String(format: "%.1f MiB", Double(n) / Double(1 << 20))
            : n >= 1 << 10 ? String(format: "%.1f KiB", Double(n) / Double(1 << 10)) : "\(n) B"
    }
}
