public import Foundation
import GRDB

/// The packing lists' reading of the loans shipped in a period.
extension SQLiteTransactionStore {
    public func shipments(shippedFrom start: Date, before end: Date) async throws -> [ShipmentRecord] {
        try await read { db in
            let (sql, arguments) = Self.shipmentsStatement(from: start, before: end)
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                ShipmentRecord(
                    transactionID: row["id"],
                    peerName: row["peer_name"],
                    requestingAgencyID: row["requesting_agency_id"],
                    requestID: row["requesting_agency_request_id"],
                    ourRequestID: row["supplying_agency_request_id"],
                    title: row["title"],
                    dueDate: (row["due_date"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    shippedAt: Date(timeIntervalSince1970: row["at"])
                )
            }
        }
    }

    /// Loans whose `ship` event falls in the period, by peer and in the order they were shipped.
    static func shipmentsStatement(from start: Date, before end: Date) -> (String, StatementArguments) {
        (
            """
            SELECT t.id, t.peer_name, t.requesting_agency_id, t.requesting_agency_request_id, t.supplying_agency_request_id,
                t.title, t.due_date, e.at
            FROM event e JOIN ill_transaction t ON t.id = e.transaction_id
            WHERE e.event = 'ship' AND e.at >= ? AND e.at < ? AND t.role = 'supplier'
            ORDER BY t.peer_name, e.at, t.id
            """,
            [start.timeIntervalSince1970, end.timeIntervalSince1970]
        )
    }
}
