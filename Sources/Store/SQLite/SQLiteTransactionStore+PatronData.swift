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
        total = total + (try await scrubRows(table: "message", column: "body", condition: "transaction_id IS NULL AND recorded_at < ?", cutoff: cutoff))
        total = total + (try await scrubRows(table: "review", column: "draft", condition: "state != 'open' AND resolved_at < ?", cutoff: cutoff))
        return total
    }

    /// The terminal states of both roles, as an SQL condition on `ill_transaction`.
    private static let closedCondition: String = {
        let supplier = SupplierState.allCases.filter(\.isTerminal).map { "'\($0.rawValue)'" }.joined(separator: ",")
        let requester = RequesterState.allCases.filter(\.isTerminal).map { "'\($0.rawValue)'" }.joined(separator: ",")
        return "((role = 'supplier' AND state IN (\(supplier))) OR (role = 'requester' AND state IN (\(requester))))"
    }()

    /// One batch of closed, not yet purged transactions.
    private static func purgeClosedTransactions(_ db: Database, closedBefore cutoff: Date, at now: Date) throws -> PatronDataPurge {
        let ids = try Int64.fetchAll(
            db,
            sql: """
                SELECT id FROM ill_transaction
                WHERE patron_data_purged_at IS NULL AND updated_at < ? AND \(closedCondition)
                ORDER BY id LIMIT ?
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
            for row in try Row.fetchAll(db, sql: "SELECT id, draft FROM review WHERE transaction_id = ? AND draft LIKE '%patroninfo%'", arguments: [id]) {
                let draft: String = row["draft"]
                guard let scrubbed = PatronInfoElements.removing(from: draft) else { continue }
                try db.execute(sql: "UPDATE review SET draft = ? WHERE id = ?", arguments: [scrubbed, row["id"] as Int64])
                purge.reviews += 1
            }
            try db.execute(sql: "UPDATE transaction_policy SET patron_key = NULL WHERE transaction_id = ?", arguments: [id])
            try db.execute(sql: "UPDATE ill_transaction SET patron_data_purged_at = ? WHERE id = ?", arguments: [now.timeIntervalSince1970, id])
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

    /// Takes `patronInfo` out of rows that belong to no transaction (refused messages, held requests never
    /// sent), in batches by id.
    private func scrubRows(table: String, column: String, condition: String, cutoff: Date) async throws -> PatronDataPurge {
        var purged = 0
        var cursor: Int64 = 0
        while true {
            let after = cursor
            let (count, last) = try await write { writer -> (Int, Int64?) in
                guard let sqlite = writer as? SQLiteStoreWriter else { return (0, nil) }
                let isMessage = table == "message"
                let rows = try Row.fetchAll(
                    sqlite.db,
                    sql: """
                        SELECT id, \(isMessage ? "body, error_value" : column) FROM \(table)
                        WHERE id > ? AND \(condition) AND (\(column) LIKE '%patroninfo%'\(isMessage ? " OR error_value LIKE '%patroninfo%'" : ""))
                        ORDER BY id LIMIT ?
                        """,
                    arguments: [after, cutoff.timeIntervalSince1970, Self.patronPurgeBatch]
                )
                var count = 0
                for row in rows {
                    if isMessage {
                        if try Self.scrubMessage(row, sqlite.db) { count += 1 }
                        continue
                    }
                    guard let text: String = row[column], let scrubbed = PatronInfoElements.removing(from: text) else { continue }
                    try sqlite.db.execute(sql: "UPDATE \(table) SET \(column) = ? WHERE id = ?", arguments: [scrubbed, row["id"] as Int64])
                    count += 1
                }
                return (count, rows.count == Self.patronPurgeBatch ? rows.last?["id"] : nil)
            }
            purged += count
            guard let last else { break }
            cursor = last
        }
        return table == "review" ? PatronDataPurge(reviews: purged) : PatronDataPurge(messages: purged)
    }

    /// An error value that names a `patronInfo` path carries the patron's value: keep only the path.
    private static func scrubErrorValue(_ value: String) -> String {
        guard let range = value.range(of: "patroninfo", options: .caseInsensitive) else { return value }
        let path = value[range.lowerBound...].prefix { $0 != ":" && $0 != " " }
        return "\(path): value purged with the patron data"
    }
}
