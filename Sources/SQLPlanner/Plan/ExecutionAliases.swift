import SQLExecution

/// sql-exec's frame type under a name the binder can use next to SQLSyntax's `WindowFrame` (the module
/// `SQLExecution` also declares an enum `SQLExecution`, so the module name cannot qualify it).
typealias ExecutionWindowFrame = WindowFrame
