public import Foundation
import GRDB
import ISO18626
import Transactions

/// The activity report's reading of the transactions.
extension SQLiteTransactionStore {
    public func activity(createdFrom start: Date, before end: Date) async throws -> [TransactionActivityRecord] {
        try await read { db in
            let (sql, arguments) = Self.activityStatement(from: start, before: end)
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row throws(StoreError) -> TransactionActivityRecord in
                // By position, in the order the statement selects (cheaper than by name over a year of rows).
                let stored = StoredRow(table: "ill_transaction", id: row[0])
                let role = try stored.column("role", "a role").code(row[1] as String?, as: TransactionRole.self)
                let state: String? = row[4]
                let outcome: TransactionOutcome
                switch role {
                case .supplier:
                    outcome = try stored.column("state", "a lending state").code(state, as: SupplierState.self).outcome
                case .requester:
                    outcome = try stored.column("state", "a borrowing state").code(state, as: RequesterState.self).outcome
                }
                return TransactionActivityRecord(
                    role: role,
                    peerName: row[2],
                    serviceType: try stored.column("service_type", "a service type").code(row[3] as String?, as: ServiceType.self),
                    state: state ?? "",
                    outcome: outcome,
                    createdAt: Date(timeIntervalSince1970: row[5]),
                    suppliedAt: (row[6] as Double?).map(Date.init(timeIntervalSince1970:))
                )
            }
        }
    }

    /// The SQL of the activity report and its arguments.
    static func activityStatement(from start: Date, before end: Date) -> (String, StatementArguments) {
        (
            """
            SELECT id, role, peer_name, service_type, state, created_at, supplied_at
            FROM ill_transaction
            WHERE created_at >= ? AND created_at < ? AND superseded = 0
            ORDER BY created_at, id
            """,
            [start.timeIntervalSince1970, end.timeIntervalSince1970]
        )
    }
}
