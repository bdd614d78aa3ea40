public import Foundation
import GRDB
import ISO18626
import Transactions

/// The activity report's reading of the transactions.
extension SQLiteTransactionStore {
    public func activity(createdFrom start: Date, before end: Date) async throws -> [TransactionActivityRecord] {
        try await read { db in
            let (sql, arguments) = Self.activityStatement(from: start, before: end)
            var records: [TransactionActivityRecord] = []
            // A year is tens of thousands of rows: read straight from the statement (no copy of each row) and
            // by position, with the role and the state's outcome turned into small integers by the statement.
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                let outcomeIndex: Int? = row[4]
                guard let outcomeIndex, TransactionOutcome.allCases.indices.contains(outcomeIndex) else {
                    throw Self.unreadableActivity(row)
                }
                records.append(
                    TransactionActivityRecord(
                        role: row[1] as Bool ? .supplier : .requester,
                        peerName: row[2],
                        outcome: TransactionOutcome.allCases[outcomeIndex],
                        createdAt: Date(timeIntervalSince1970: row[3]),
                        suppliedAt: (row[5] as Double?).map(Date.init(timeIntervalSince1970:))
                    )
                )
            }
            return records
        }
    }

    /// Why a row's role or state has no outcome: the stored value this version cannot read.
    private static func unreadableActivity(_ row: Row) -> StoreError {
        let stored = StoredRow(table: "ill_transaction", id: row[0])
        let role: String? = row[6]
        let state: String? = row[7]
        do {
            switch try stored.column("role", "a role").code(role, as: TransactionRole.self) {
            case .supplier: _ = try stored.column("state", "a lending state").code(state, as: SupplierState.self)
            case .requester: _ = try stored.column("state", "a borrowing state").code(state, as: RequesterState.self)
            }
        } catch {
            return error
        }
        return StoreError.corruptValue(table: stored.table, rowID: stored.id, column: "state", value: state, expected: "a state with an outcome")
    }

    /// The SQL of the activity report and its arguments: each request's id, whether we lend, the peer, when
    /// it was created, the outcome of its state (an index into `TransactionOutcome.allCases`, NULL for a
    /// role or state this version does not know), when it was first supplied, and the raw role and state.
    static func activityStatement(from start: Date, before end: Date) -> (String, StatementArguments) {
        (
            """
            SELECT id, role = 'supplier', peer_name, created_at, \(outcomeCase), supplied_at, role, state
            FROM ill_transaction
            WHERE created_at >= ? AND created_at < ? AND superseded = 0
            ORDER BY created_at, id
            """,
            [start.timeIntervalSince1970, end.timeIntervalSince1970]
        )
    }

    /// `CASE` mapping a role and state to the index of its outcome, built from the state machines' own tables.
    private static let outcomeCase: String = {
        func states(_ role: TransactionRole) -> String {
            TransactionOutcome.allCases.enumerated().compactMap { index, outcome in
                let states = role.states(withOutcome: outcome)
                return states.isEmpty ? nil : "WHEN state IN (\(states.map { "'\($0)'" }.joined(separator: ","))) THEN \(index)"
            }.joined(separator: " ")
        }
        return "CASE role WHEN 'supplier' THEN CASE \(states(.supplier)) END WHEN 'requester' THEN CASE \(states(.requester)) END END"
    }()
}
