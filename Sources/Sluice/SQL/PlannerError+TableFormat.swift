import SQLPlanner
import Storage
import TableFormat

extension PlannerError {
    /// Runs `body`, reporting table-format and storage failures as SQL errors with their class prefix: a lost
    /// commit race is a TransactionContext Error, a rejected schema or argument a Binder Error, an unsupported
    /// table feature Not implemented, the rest an IO Error. The message is the underlying one, unchanged.
    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as TableFormatError {
            switch error.code {
            case .conflict: throw PlannerError(.transaction, error.message)
            case .schemaMismatch, .invalidArgument: throw PlannerError(.binder, error.message)
            case .unsupported: throw PlannerError(.notSupported, error.message)
            default: throw PlannerError(.io, error.message)
            }
        } catch let error as StorageError {
            throw PlannerError(.io, "\(error)")
        }
    }
}
