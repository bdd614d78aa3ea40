public import Foundation
import GRDB
import ISO18626

/// The outbox as the dispatcher reads it: due deliveries with their messages, and when the next one falls due.
extension SQLiteTransactionStore {
    public func dueDeliveries(_ query: DueDeliveryQuery) async throws -> [PendingDelivery] {
        try await read { db in
            let outboxColumns = try db.columns(in: "outbox").count
            let messageColumns = try db.columns(in: "message").count
            let excluded = String(decoding: try JSONEncoder().encode(query.excluding.sorted()), as: UTF8.self)
            // One entry per transaction (its oldest pending one, so a transaction's messages go out in order),
            // ranked within each peer so that no peer takes more than its share of the round.
            let rows = try Row.fetchCursor(
                db.cachedStatement(
                    sql: """
                        SELECT o.*, m.* FROM (
                            SELECT d.id, ROW_NUMBER() OVER (PARTITION BY d.peer_name ORDER BY d.next_attempt_at, d.id) AS peer_rank
                            FROM outbox d
                            WHERE d.status = 'pending' AND d.next_attempt_at <= ?
                              AND d.id = (SELECT MIN(id) FROM outbox WHERE transaction_id = d.transaction_id AND status = 'pending')
                              AND d.id NOT IN (SELECT value FROM json_each(?))
                        ) due
                        JOIN outbox o ON o.id = due.id
                        JOIN message m ON m.id = o.message_id
                        WHERE due.peer_rank <= ?
                        ORDER BY o.next_attempt_at, o.id
                        LIMIT ?
                        """
                ),
                arguments: [query.now.timeIntervalSince1970, excluded, query.perPeer, query.limit],
                adapter: ScopeAdapter([
                    "entry": RangeRowAdapter(0..<outboxColumns),
                    "message": RangeRowAdapter(outboxColumns..<(outboxColumns + messageColumns)),
                ])
            )
            // Rows of a cursor are read in place, not copied: each is made into records before the next.
            var deliveries: [PendingDelivery] = []
            while let row = try rows.next() {
                guard let entry = row.scopes["entry"], let message = row.scopes["message"] else { continue }
                deliveries.append(PendingDelivery(entry: try OutboxRecord(row: entry), message: try MessageRecord(row: message)))
            }
            return deliveries
        }
    }

    public func nextDeliveryAttempt(after now: Date) async throws -> Date? {
        try await read { db in
            try Double.fetchOne(
                db.cachedStatement(sql: "SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending' AND next_attempt_at > ?"),
                arguments: [now.timeIntervalSince1970]
            ).map(Date.init(timeIntervalSince1970:))
        }
    }
}

/// The outbox inside a write.
extension SQLiteStoreWriter {
    func record(_ failure: FailedDeliveryAttempt) throws -> Bool {
        try db.executeCached(
            sql: """
                UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, status = ?
                WHERE id = ? AND status = 'pending' AND attempts = ?
                """,
            arguments: [
                failure.reason, failure.nextAttemptAt.timeIntervalSince1970,
                (failure.deadLetter ? OutboxRecord.Status.dead : .pending).rawValue,
                failure.entryID, failure.previousAttempts,
            ]
        )
        let recorded = db.changesCount > 0
        if recorded, let peer = failure.holdsQueueOfPeer, !failure.deadLetter {
            // The rest of the peer's due queue waits for the same moment, without an attempt of its own.
            _ = try holdQueue(ofPeer: peer, until: failure.nextAttemptAt)
        }
        return recorded
    }

    func holdQueue(ofPeer peer: String, until instant: Date) throws -> Int {
        try db.executeCached(
            sql: "UPDATE outbox SET next_attempt_at = ? WHERE status = 'pending' AND next_attempt_at < ? AND peer_name = ?",
            arguments: [instant.timeIntervalSince1970, instant.timeIntervalSince1970, peer]
        )
        return db.changesCount
    }

    func record(_ confirmation: DeliveryConfirmation) throws -> Bool {
        let delivered = confirmation.status == .ok
        try db.executeCached(
            sql: """
                UPDATE outbox SET attempts = attempts + 1, status = ?, delivered_at = ?, last_error = ?
                WHERE id = ?
                """,
            arguments: [
                (delivered ? OutboxRecord.Status.delivered : .rejected).rawValue, confirmation.at.timeIntervalSince1970,
                confirmation.rejection, confirmation.entryID,
            ]
        )
        guard db.changesCount > 0 else { return false }
        try db.executeCached(
            sql: "UPDATE message SET confirmation = ?, confirmation_status = ?, error_type = ?, error_value = ? WHERE id = ?",
            arguments: [
                confirmation.confirmation, confirmation.status.rawValue, confirmation.error?.errorType.rawValue,
                confirmation.error?.errorValue, confirmation.messageID,
            ]
        )
        return true
    }
}
