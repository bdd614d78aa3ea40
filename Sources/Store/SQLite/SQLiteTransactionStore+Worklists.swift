public import Foundation
import GRDB
import Transactions

/// The staff worklists: one indexed read each (``hotQueryPlans()`` holds every one of them).
extension SQLiteTransactionStore {
    public func worklist(_ query: WorklistQuery) async throws -> [WorklistEntry] {
        if query.worklist == .toPull {
            return try await pulls(PullQuery(branch: query.branch, limit: query.limit)).map { listing in
                WorklistEntry(
                    transactionID: listing.pull.transactionID,
                    role: .supplier,
                    state: listing.transactionState,
                    peerName: listing.peerName,
                    title: listing.pull.title,
                    requestID: listing.requestID,
                    dueDate: listing.pull.deadline,
                    since: listing.pull.createdAt,
                    branch: listing.pull.branch,
                    callNumber: listing.pull.callNumber,
                    shelfLocation: listing.pull.shelfLocation
                )
            }
        }
        return try await read { db in
            let (sql, arguments) = Self.worklistStatement(query)
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            if query.worklist == .review {
                return rows.map { row in
                    WorklistEntry(
                        transactionID: row["transaction_id"],
                        reviewID: row["id"],
                        role: row["side"] == ReviewRecord.Side.borrowing.rawValue ? .requester : .supplier,
                        state: row["state"],
                        peerName: row["peer_name"],
                        title: row["title"],
                        dueDate: (row["deadline"] as Double?).map(Date.init(timeIntervalSince1970:)),
                        since: Date(timeIntervalSince1970: row["created_at"]),
                        note: row["why"]
                    )
                }
            }
            return rows.map { row in
                WorklistEntry(
                    transactionID: row["id"],
                    role: TransactionRole(rawValue: row["role"]) ?? .supplier,
                    state: row["state"],
                    peerName: row["peer_name"],
                    title: row["title"],
                    requestID: row["requesting_agency_request_id"],
                    dueDate: (row["due_date"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    pickupLocation: row["pickup_location"],
                    since: Date(timeIntervalSince1970: row["updated_at"]),
                    lastReminder: query.worklist.showsReminders ? (row["last_reminder"] as Int?) ?? 0 : nil
                )
            }
        }
    }

    /// The SQL of one worklist and its arguments.
    static func worklistStatement(_ query: WorklistQuery) -> (String, StatementArguments) {
        let columns = "id, role, state, peer_name, title, requesting_agency_request_id, due_date, pickup_location, updated_at"
        // The overdue lists show the last reminder sent for the current due date (one primary-key search a row).
        let overdueColumns = columns + """
            , (SELECT MAX(number) FROM reminder WHERE reminder.transaction_id = ill_transaction.id AND reminder.due_date = ill_transaction.due_date)
                AS last_reminder
            """
        let now = query.now.timeIntervalSince1970
        func states(_ list: [some RawRepresentable<String>]) -> String {
            list.map { "'\($0.rawValue)'" }.joined(separator: ",")
        }
        switch query.worklist {
        case .review:
            return (
                "SELECT id, side, transaction_id, peer_name, title, why, state, deadline, created_at FROM review WHERE state = 'open' ORDER BY deadline, id LIMIT ?",
                [query.limit]
            )
        case .toPull:
            return pullsStatement(PullQuery(branch: query.branch, limit: query.limit))
        case .ship:
            return (
                """
                SELECT \(columns) FROM ill_transaction WHERE role = 'supplier' AND state = '\(SupplierState.willSupply.rawValue)'
                    AND NOT EXISTS (SELECT 1 FROM pull WHERE pull.transaction_id = ill_transaction.id AND pull.state = 'open')
                    ORDER BY updated_at, id LIMIT ?
                """,
                [query.limit]
            )
        case .awaitingReturn:
            return (
                "SELECT \(columns) FROM ill_transaction WHERE role = 'supplier' AND state IN (\(states(Worklist.lentStates))) ORDER BY due_date, id LIMIT ?",
                [query.limit]
            )
        case .overdueLent:
            return (
                """
                SELECT \(overdueColumns) FROM ill_transaction WHERE role = 'supplier' AND state IN (\(states(Worklist.heldByBorrowerStates)))
                    AND due_date IS NOT NULL AND due_date < ? ORDER BY due_date, id LIMIT ?
                """,
                [now, query.limit]
            )
        case .overdueBorrowed:
            return (
                """
                SELECT \(overdueColumns) FROM ill_transaction WHERE role = 'requester' AND state IN (\(states(Worklist.borrowedHereStates)))
                    AND due_date IS NOT NULL AND due_date < ? ORDER BY due_date, id LIMIT ?
                """,
                [now, query.limit]
            )
        case .dueSoon:
            return (
                """
                SELECT \(columns) FROM ill_transaction WHERE role = 'requester' AND state IN (\(states(Worklist.borrowedHereStates)))
                    AND due_date IS NOT NULL AND due_date >= ? AND due_date < ? ORDER BY due_date, id LIMIT ?
                """,
                [now, now + query.horizon, query.limit]
            )
        case .readyForPickup:
            let received = RequesterState.received.rawValue
            if let branch = query.pickupLocation {
                return (
                    "SELECT \(columns) FROM ill_transaction WHERE role = 'requester' AND state = '\(received)' AND pickup_location = ? ORDER BY updated_at, id LIMIT ?",
                    [branch, query.limit]
                )
            }
            return (
                "SELECT \(columns) FROM ill_transaction WHERE role = 'requester' AND state = '\(received)' ORDER BY pickup_location, updated_at, id LIMIT ?",
                [query.limit]
            )
        }
    }
}
