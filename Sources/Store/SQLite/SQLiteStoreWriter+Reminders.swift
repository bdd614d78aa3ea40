public import Foundation
import GRDB

/// The overdue reminders in SQLite.
extension SQLiteStoreWriter {
    func reminders(transactionID: Int64) throws -> [ReminderRecord] {
        try Self.reminders(transactionID: transactionID, db)
    }

    func insert(_ reminder: ReminderRecord) throws {
        try db.execute(
            sql: "INSERT INTO reminder (transaction_id, due_date, number, is_final, sent_at, source) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [
                reminder.transactionID, reminder.dueDate.timeIntervalSince1970, reminder.number, reminder.isFinal,
                reminder.sentAt.timeIntervalSince1970, reminder.source.rawValue,
            ]
        )
    }

    static func reminders(transactionID: Int64, _ db: Database) throws -> [ReminderRecord] {
        try Row.fetchAll(
            db,
            sql: "SELECT * FROM reminder WHERE transaction_id = ? ORDER BY sent_at, due_date, number",
            arguments: [transactionID]
        ).map { row throws(StoreError) in try ReminderRecord(row: row) }
    }
}

extension ReminderRecord {
    /// Reads a `reminder` row.
    /// - Throws: ``StoreError/Code/corruptValue`` when the source is not one this version knows.
    init(row: Row) throws(StoreError) {
        let transactionID: Int64 = row["transaction_id"]
        let stored = StoredRow(table: "reminder", id: transactionID)
        self.init(
            transactionID: transactionID,
            dueDate: Date(timeIntervalSince1970: row["due_date"]),
            number: row["number"],
            isFinal: row["is_final"],
            sentAt: Date(timeIntervalSince1970: row["sent_at"]),
            source: try stored.column("source", "a reminder source").code(row["source"] as String?, as: EventRecord.Source.self)
        )
    }
}

extension SQLiteTransactionStore {
    public func reminders(transactionID: Int64) async throws -> [ReminderRecord] {
        try await read { db in try SQLiteStoreWriter.reminders(transactionID: transactionID, db) }
    }
}

/// Whether a reminder is still due is read and written in the writer, with the message it stands for.
extension IntentRecorder {
    func reminders(transactionID: Int64) throws -> [ReminderRecord] {
        throw SerialDecisionRequired(.reminders)
    }

    func insert(_ reminder: ReminderRecord) throws {
        throw SerialDecisionRequired(.reminders)
    }
}
