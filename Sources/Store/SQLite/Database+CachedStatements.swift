import GRDB

// Statements the store runs for every message are compiled once per connection and reused (GRDB's
// statement cache): compiling is most of the cost of a small statement, authorizer included.

extension Database {
    /// Runs one SQL statement from the connection's statement cache.
    func executeCached(sql: String, arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}

extension Row {
    /// The first row of a cached statement.
    static func fetchOneCached(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> Row? {
        try Row.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    /// Every row of a cached statement.
    static func fetchAllCached(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [Row] {
        try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }
}

/// `?, ?, ?`: the bind markers of an `IN (...)` list of `count` values.
func sqlBindMarkers(_ count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ",")
}
