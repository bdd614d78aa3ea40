public import Foundation
import GRDB

/// The pick lists and the pull timeout's reading: one indexed read each (``hotQueryPlans()`` holds them).
extension SQLiteTransactionStore {
    public func pulls(_ query: PullQuery) async throws -> [PullListing] {
        try await read { db in
            let (sql, arguments) = Self.pullsStatement(query)
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row throws(StoreError) in
                PullListing(
                    pull: try PullRecord(row: row),
                    requestID: row["requesting_agency_request_id"],
                    peerName: row["peer_name"],
                    requestingAgencyID: row["requesting_agency_id"],
                    transactionState: row["transaction_state"]
                )
            }
        }
    }

    public func duePulls(at now: Date) async throws -> [PullRecord] {
        try await read { db in
            let (sql, arguments) = Self.duePullsStatement(at: now)
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(PullRecord.init(row:))
        }
    }

    /// The SQL of a pick list (or of a transaction's pulls) and its arguments, oldest first.
    static func pullsStatement(_ query: PullQuery) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let transactionID = query.transactionID {
            conditions.append("p.transaction_id = ?")
            arguments += [transactionID]
        }
        if let branch = query.branch {
            conditions.append("p.branch = ?")
            arguments += [branch]
        }
        if !query.states.isEmpty {
            // Literal states (this version's own codes), so the partial index on open pulls applies.
            let states = query.states.map { "'\($0.rawValue)'" }.sorted().joined(separator: ",")
            conditions.append(query.states.count == 1 ? "p.state = \(states)" : "p.state IN (\(states))")
        }
        arguments += [query.limit]
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return (
            """
            SELECT p.*, t.requesting_agency_request_id, t.requesting_agency_id, t.peer_name, t.state AS transaction_state
            FROM pull p JOIN ill_transaction t ON t.id = p.transaction_id
            \(filter) ORDER BY p.created_at, p.id LIMIT ?
            """,
            arguments
        )
    }

    /// Open pulls due by `now`.
    static func duePullsStatement(at now: Date) -> (String, StatementArguments) {
        (
            "SELECT * FROM pull WHERE state = 'open' AND deadline IS NOT NULL AND deadline <= ? ORDER BY deadline, id",
            [now.timeIntervalSince1970]
        )
    }
}
