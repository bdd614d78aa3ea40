/// Why the store could not do what was asked.
///
/// Shaped like swift-nio's and postgres-nio's errors: a ``code`` that says what kind of failure it is (new
/// codes can be added without breaking callers that switch over the ones they know), the context that names
/// the database, table, row and value involved, and a ``description`` written for the operator.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case cannotOpen
            case corruptValue
            case noResult
            case cannotClose
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The database file could not be opened or migrated.
        public static let cannotOpen = Code(.cannotOpen)
        /// A stored value is not one this version can read (a state, a role, a status, ...). The row is left
        /// as it is and reported, never read as a guessed value.
        public static let corruptValue = Code(.corruptValue)
        /// An operation that always produces a result produced none.
        public static let noResult = Code(.noResult)
        /// The database's connections could not be closed (a read or write is still running).
        public static let cannotClose = Code(.cannotClose)

        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// The table involved, for ``Code/corruptValue``.
    public var table: String?
    /// The row's id (its primary key), for ``Code/corruptValue``.
    public var rowID: Int64?
    /// The column involved, for ``Code/corruptValue``.
    public var column: String?
    /// The stored value that could not be read, for ``Code/corruptValue``.
    public var value: String?
    /// What the column may hold, for ``Code/corruptValue``.
    public var expected: String?
    /// The database file, for ``Code/cannotOpen``.
    public var path: String?
    /// The operation that failed, for ``Code/noResult``.
    public var operation: String?
    /// The underlying error, as its description.
    public var underlying: String?

    private init(code: Code) {
        self.code = code
    }

    /// The database at `path` could not be opened or migrated.
    public static func cannotOpen(path: String, underlying: any Error) -> StoreError {
        var error = StoreError(code: .cannotOpen)
        error.path = path
        error.underlying = String(describing: underlying)
        return error
    }

    /// The value of `column` in row `rowID` of `table` is not one this version knows.
    /// - Parameter expected: what the column may hold, in a few words (`a lending state`).
    public static func corruptValue(table: String, rowID: Int64, column: String, value: String?, expected: String) -> StoreError {
        var error = StoreError(code: .corruptValue)
        error.table = table
        error.rowID = rowID
        error.column = column
        error.value = value
        error.expected = expected
        return error
    }

    /// The text in `column` of row `rowID` of `table` cannot be read as `expected` (a stored message's
    /// body that is not a readable message). The text is not quoted: it may hold patron data.
    public static func unreadableText(table: String, rowID: Int64, column: String, expected: String) -> StoreError {
        var error = StoreError(code: .corruptValue)
        error.table = table
        error.rowID = rowID
        error.column = column
        error.expected = expected
        return error
    }

    /// The database's connections could not be closed.
    public static func cannotClose(underlying: any Error) -> StoreError {
        var error = StoreError(code: .cannotClose)
        error.underlying = String(describing: underlying)
        return error
    }

    /// `operation` produced no result.
    public static func noResult(_ operation: String) -> StoreError {
        var error = StoreError(code: .noResult)
        error.operation = operation
        return error
    }

    public var description: String {
        switch code {
        case .cannotOpen:
            return "cannot open the database \(path ?? "?"): \(underlying ?? "unknown error")"
        case .corruptValue:
            let row = "corrupt row: \(table ?? "?") \(rowID.map(String.init) ?? "?")"
            guard let value else {
                return "\(row) has a \(column ?? "?") that cannot be read as \(expected ?? "what it should hold"); the row is left untouched"
            }
            return "\(row) has \(column ?? "?") = '\(value)', which is not \(expected ?? "a known value"); the row is left untouched"
        case .cannotClose:
            return "cannot close the database: \(underlying ?? "unknown error")"
        default:
            return "\(operation ?? "an operation") produced no result"
        }
    }
}
