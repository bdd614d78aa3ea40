import Foundation
import GRDB

extension SQLiteStoreWriter {
    /// Writes a decided intent: each row once, new rows of a kind in one statement, each transaction
    /// update limited to the columns that changed and refused unless the row still has the version the
    /// decision read.
    /// - Throws: ``WriteConflict`` when a transaction moved on; a uniqueness violation when a row exists
    ///   already (the caller turns it into a conflict). The caller's savepoint undoes what was written.
    func apply(_ intent: WriteIntent) throws {
        for operation in intent.operations {
            switch operation {
            case .insertTransaction(let transaction):
                try insertTransactionRow(transaction)
            case .updateTransaction(let transaction, let changed, let expectedVersion):
                try updateTransaction(transaction, changed: changed, expectedVersion: expectedVersion)
            case .insertMessages(let messages):
                try insertMessageRows(messages)
            case .updateMessage(let message):
                try update(message)
            case .appendEvents(let events):
                try insertEventRows(events)
            case .enqueue(let entries):
                try insertOutboxRows(entries)
            case .updateOutboxEntry(let entry):
                try update(entry)
            case .savePolicyFacts(let facts):
                try save(facts)
            case .insertReview(let review):
                try insertReviewRow(review)
            case .updateReview(let review):
                try update(review)
            case .updateLedgerEntry(let entry):
                try update(entry)
            case .insertPull(let pull):
                try insertPullRow(pull)
            case .updatePull(let pull):
                try update(pull)
            }
        }
    }

    /// Updates the changed columns of a transaction decided on `expectedVersion`.
    private func updateTransaction(_ transaction: TransactionRecord, changed: [TransactionColumn], expectedVersion: Int64) throws {
        var assignments = changed.map { "\($0.rawValue) = ?" }
        var values: [(any DatabaseValueConvertible)?] = changed.map { transaction.value(of: $0) }
        if changed.contains(.state), let closedAt = transaction.closedAt {
            assignments.append("closed_at = COALESCE(closed_at, ?)")
            values.append(closedAt)
        }
        if changed.contains(.state), let suppliedAt = transaction.suppliedAt {
            assignments.append("supplied_at = COALESCE(supplied_at, ?)")
            values.append(suppliedAt)
        }
        assignments.append("version = version + 1")
        values += [transaction.id, expectedVersion]
        try db.cachedStatement(sql: "UPDATE ill_transaction SET \(assignments.joined(separator: ", ")) WHERE id = ? AND version = ?")
            .execute(arguments: StatementArguments(values))
        guard db.changesCount == 1 else {
            throw WriteConflict(table: "ill_transaction", rowID: transaction.id)
        }
    }

    /// Inserts messages that have their ids, as few statements as the bind limit allows.
    func insertMessageRows(_ messages: [MessageRecord]) throws {
        try insertRows(
            into: "message",
            columns: "id, transaction_id, direction, kind, peer_name, deduplication_key, summary, header_timestamp, recorded_at, body, "
                + "confirmation, confirmation_status, error_type, error_value",
            width: 14,
            rows: messages.map { [$0.id] + $0.columns }
        )
    }

    /// Appends history lines in as few statements as the bind limit allows.
    func insertEventRows(_ events: [EventRecord]) throws {
        try insertRows(
            into: "event",
            columns: "transaction_id, at, source, event, from_state, to_state, message_id, detail",
            width: 8,
            rows: events.map { event in
                [
                    event.transactionID, event.at.timeIntervalSince1970, event.source.rawValue, event.event, event.fromState,
                    event.toState, event.messageID, event.detail,
                ]
            }
        )
    }

    /// Queues outbound messages in as few statements as the bind limit allows.
    func insertOutboxRows(_ entries: [OutboxRecord]) throws {
        try insertRows(
            into: "outbox",
            columns: "transaction_id, message_id, peer_name, status, attempts, next_attempt_at, last_error, created_at, delivered_at",
            width: 9,
            rows: entries.map(\.columns)
        )
    }

    /// Rows per multi-row INSERT: well inside SQLite's bind-variable limit for the widest table.
    private static let rowsPerStatement = 64

    private func insertRows(into table: String, columns: String, width: Int, rows: [StatementArguments]) throws {
        var start = rows.startIndex
        while start < rows.endIndex {
            let end = min(start + Self.rowsPerStatement, rows.endIndex)
            let row = "(" + sqlBindMarkers(width) + ")"
            let statement = try db.cachedStatement(
                sql: "INSERT INTO \(table) (\(columns)) VALUES " + Array(repeating: row, count: end - start).joined(separator: ", ")
            )
            var arguments = StatementArguments()
            for values in rows[start..<end] { arguments += values }
            try statement.execute(arguments: arguments)
            start = end
        }
    }
}
