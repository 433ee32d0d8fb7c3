import Foundation

/// Runs blocking work (object store GETs) on up to `width` threads of its own: the store API is synchronous,
/// and lookups over many base files are latency-bound, so a few requests in flight cut the wall time.
enum BoundedParallelism {
    /// `body` over every item, results in item order. The first error stops the claiming of new items and is
    /// rethrown once running ones finish.
    static func map<Item: Sendable, Result: Sendable>(_ items: [Item], width: Int,
                                                      _ body: @escaping @Sendable (Item) throws -> Result) throws -> [Result] {
        if width <= 1 || items.count <= 1 { return try items.map(body) }
        let state = State<Result>(count: items.count)
        let group = DispatchGroup()
        for _ in 0..<min(width, items.count) {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                while let index = state.claim() {
                    do {
                        state.store(try body(items[index]), at: index)
                    } catch {
                        state.fail(error)
                    }
                }
            }
        }
        group.wait()
        return try state.results()
    }

    private final class State<Result: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var slots: [Result?]
        private var error: (any Error)?

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func claim() -> Int? {
            lock.withLock {
                guard error == nil, next < slots.count else { return nil }
                defer { next += 1 }
                return next
            }
        }

        func store(_ result: Result, at index: Int) { lock.withLock { slots[index] = result } }

        func fail(_ error: any Error) { lock.withLock { if self.error == nil { self.error = error } } }

        /// Every slot is filled unless a body threw.
        func results() throws -> [Result] {
            try lock.withLock {
                if let error { throw error }
                return slots.compactMap { $0 }
            }
        }
    }
}
