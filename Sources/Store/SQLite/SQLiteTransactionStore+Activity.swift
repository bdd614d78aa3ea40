public import Foundation
import GRDB
import ISO18626
import Transactions

/// The activity report's reading of the transactions.
extension SQLiteTransactionStore {
    public func activity(createdFrom start: Date, before end: Date) async throws -> [TransactionActivityRecord] {
        try await read { db in
            let (sql, arguments) = Self.activityStatement(from: start, before: end)
            return try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row -> TransactionActivityRecord? in
                // By position, in the order the statement selects (cheaper than by name over a year of rows).
                guard let role = TransactionRole(rawValue: row[0]) else { return nil }
                return TransactionActivityRecord(
                    role: role,
                    peerName: row[1],
                    serviceType: ServiceType(rawValue: row[2]) ?? .loan,
                    state: row[3],
                    createdAt: Date(timeIntervalSince1970: row[4]),
                    suppliedAt: (row[5] as Double?).map(Date.init(timeIntervalSince1970:))
                )
            }
        }
    }

    /// The SQL of the activity report and its arguments.
    static func activityStatement(from start: Date, before end: Date) -> (String, StatementArguments) {
        (
            """
            SELECT t.role, t.peer_name, t.service_type, t.state, t.created_at,
                (SELECT MIN(e.at) FROM event e WHERE e.transaction_id = t.id AND \(Self.suppliedCondition)) AS supplied_at
            FROM ill_transaction t
            WHERE t.created_at >= ? AND t.created_at < ? AND t.superseded = 0
            ORDER BY t.created_at, t.id
            """,
            [start.timeIntervalSince1970, end.timeIntervalSince1970]
        )
    }

    /// An event of `t` that moved it into a supplied state of its role.
    private static let suppliedCondition: String = {
        func list(_ role: TransactionRole) -> String {
            role.states(withOutcome: .supplied).map { "'\($0)'" }.joined(separator: ",")
        }
        return "((t.role = 'supplier' AND e.to_state IN (\(list(.supplier)))) OR (t.role = 'requester' AND e.to_state IN (\(list(.requester)))))"
    }()
}
