import Foundation

extension SQLEngine {
    /// The cores this process may run on: the default of `SET threads`.
    static var activeCores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
