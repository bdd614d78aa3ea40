public import Foundation
import GRDB
import ISO18626
import Transactions

/// The patron-data retention purge (DESIGN §7: patron data lives only where the workflow needs it).
extension SQLiteTransactionStore {
    /// How many transactions (or orphan rows) one write takes at most, so the writer is never held long.
    static let patronPurgeBatch = 100

    public func purgePatronData(closedBefore cutoff: Date, at now: Date) async throws -> PatronDataPurge {
        var total = PatronDataPurge()
        while true {
            let batch = try await write { writer in
                guard let sqlite = writer as? SQLiteStoreWriter else { return PatronDataPurge() }
                return try Self.purgeClosedTransactions(sqlite.db, closedBefore: cutoff, at: now)
            }
            total = total + batch
            if batch.transactions < Self.patronPurgeBatch { break }
        }
        let messages = try await scrubInBatches(
            select: """
                SELECT id, body, error_value FROM message
                WHERE id > ? AND transaction_id IS NULL AND recorded_at < ? AND (body LIKE '%patroninfo%' OR error_value LIKE '%patroninfo%')
                ORDER BY id LIMIT ?
                """,
            cutoff: cutoff,
            scrub: Self.scrubMessage
        )
        let drafts = try await scrubInBatches(
            select: """
                SELECT id, draft FROM review
                WHERE id > ? AND state != 'open' AND resolved_at < ? AND draft LIKE '%patroninfo%'
                ORDER BY id LIMIT ?
                """,
            cutoff: cutoff,
            scrub: Self.scrubDraft
        )
        total = total + PatronDataPurge(messages: messages, reviews: drafts)
        return total
    }

    /// One batch of closed, not yet purged transactions.
    private static func purgeClosedTransactions(_ db: Database, closedBefore cutoff: Date, at now: Date) throws -> PatronDataPurge {
        let ids = try Int64.fetchAll(
            db,
            sql: """
                SELECT id FROM ill_transaction
                WHERE closed_at IS NOT NULL AND patron_data_purged_at IS NULL AND closed_at < ?
                ORDER BY closed_at LIMIT ?
                """,
            arguments: [cutoff.timeIntervalSince1970, patronPurgeBatch]
        )
        var purge = PatronDataPurge(transactions: ids.count)
        for id in ids {
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT id, body, error_value FROM message WHERE transaction_id = ? AND (body LIKE '%patroninfo%' OR error_value LIKE '%patroninfo%')",
                arguments: [id]
            )
            for row in rows where try scrubMessage(row, db) {
                purge.messages += 1
            }
            let drafts = try Row.fetchAll(db, sql: "SELECT id, draft FROM review WHERE transaction_id = ? AND draft LIKE '%patroninfo%'", arguments: [id])
            for row in drafts where try scrubDraft(row, db) {
                purge.reviews += 1
            }
            try db.execute(sql: "UPDATE transaction_policy SET patron_key = NULL WHERE transaction_id = ?", arguments: [id])
            try db.execute(
                sql: "UPDATE ill_transaction SET patron_email = NULL, patron_data_purged_at = ? WHERE id = ?",
                arguments: [now.timeIntervalSince1970, id]
            )
        }
        return purge
    }

    /// Takes `patronInfo` out of a message's body and error value (a row with `id`, `body`, `error_value`).
    /// - Returns: whether the message changed.
    private static func scrubMessage(_ row: Row, _ db: Database) throws -> Bool {
        let body: String = row["body"]
        let errorValue: String? = row["error_value"]
        let scrubbedBody = PatronInfoElements.removing(from: body) ?? body
        let scrubbedError = errorValue.map(scrubErrorValue)
        guard scrubbedBody != body || scrubbedError != errorValue else { return false }
        try db.execute(sql: "UPDATE message SET body = ?, error_value = ? WHERE id = ?", arguments: [scrubbedBody, scrubbedError, row["id"] as Int64])
        return true
    }

    /// Takes `patronInfo` out of a held request (a row with `id`, `draft`).
    /// - Returns: whether the draft changed.
    private static func scrubDraft(_ row: Row, _ db: Database) throws -> Bool {
        guard let draft: String = row["draft"], let scrubbed = PatronInfoElements.removing(from: draft) else { return false }
        try db.execute(sql: "UPDATE review SET draft = ? WHERE id = ?", arguments: [scrubbed, row["id"] as Int64])
        return true
    }

    /// Runs `scrub` on the rows that belong to no transaction (refused messages, held requests never sent),
    /// one write per batch: `select` takes the id to start after, the cutoff and the batch size.
    /// - Returns: how many rows changed.
    private func scrubInBatches(
        select: String,
        cutoff: Date,
        scrub: @escaping @Sendable (Row, Database) throws -> Bool
    ) async throws -> Int {
        var changed = 0
        var cursor: Int64 = 0
        while true {
            let after = cursor
            let (count, last) = try await write { writer -> (Int, Int64?) in
                guard let sqlite = writer as? SQLiteStoreWriter else { return (0, nil) }
                let rows = try Row.fetchAll(sqlite.db, sql: select, arguments: [after, cutoff.timeIntervalSince1970, Self.patronPurgeBatch])
                var count = 0
                for row in rows where try scrub(row, sqlite.db) {
                    count += 1
                }
                return (count, rows.count == Self.patronPurgeBatch ? rows.last?["id"] : nil)
            }
            changed += count
            guard let last else { break }
            cursor = last
        }
        return changed
    }

    /// An error value that names a `patronInfo` path carries the patron's value: keep only the path.
    private static func scrubErrorValue(_ value: String) -> String {
        guard let range = value.range(of: "patroninfo", options: .caseInsensitive) else { return value }
        let path = value[range.lowerBound...].prefix { $0 != ":" && $0 != " " }
        return "\(path): value purged with the patron data"
    }
}
