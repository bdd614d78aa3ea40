public import Foundation
import GRDB
import ISO18626
import Transactions

/// The embedded default store: one SQLite file through GRDB, in WAL mode with full synchronous commits,
/// versioned migrations, and group commit for concurrent writers.
public final class SQLiteTransactionStore: TransactionStore {
    private let pool: DatabasePool
    private let committer: GroupCommitter

    /// Opens (creating if needed) the database file and brings its schema up to date.
    /// - Parameter path: the SQLite file; its directory must exist.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL with FULL: a commit is on disk when it returns, and readers never block the writer.
            try db.executeCached(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try SQLiteMigrations.migrator.migrate(pool)
        } catch {
            throw StoreError("cannot open the database \(path): \(error)")
        }
        committer = GroupCommitter(writer: pool)
    }

    /// Runs a read on a snapshot of the database.
    func read<Result: Sendable>(_ work: @escaping @Sendable (Database) throws -> Result) async throws -> Result {
        try await pool.read(work)
    }

    public func write<Result: Sendable>(_ work: @escaping @Sendable (any StoreWriter) throws -> Result) async throws -> Result {
        try await committer.submit { db in try work(SQLiteStoreWriter(db: db)) }
    }

    public func transactions(matching filter: TransactionFilter) async throws -> [TransactionRecord] {
        try await pool.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let role = filter.role {
                conditions.append("role = ?")
                arguments += [role.rawValue]
            }
            if let state = filter.state {
                conditions.append("state = ?")
                arguments += [state]
            }
            if let dueBefore = filter.dueBefore {
                conditions.append("due_date < ?")
                arguments += [dueBefore.timeIntervalSince1970]
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments += [filter.limit]
            return try Row.fetchAllCached(
                db,
                sql: "SELECT * FROM ill_transaction \(whereClause) ORDER BY id DESC LIMIT ?",
                arguments: arguments
            ).map(TransactionRecord.init(row:))
        }
    }

    public func transaction(id: Int64) async throws -> TransactionRecord? {
        try await pool.read { db in try SQLiteStoreWriter(db: db).transaction(id: id) }
    }

    public func messages(transactionID: Int64) async throws -> [MessageRecord] {
        try await pool.read { db in try SQLiteStoreWriter(db: db).messages(transactionID: transactionID) }
    }

    public func events(transactionID: Int64) async throws -> [EventRecord] {
        try await pool.read { db in
            try Row.fetchAllCached(db, sql: "SELECT * FROM event WHERE transaction_id = ? ORDER BY id", arguments: [transactionID])
                .map(EventRecord.init(row:))
        }
    }

    public func dueOutbox(at now: Date, limit: Int) async throws -> [OutboxRecord] {
        try await pool.read { db in
            try Row.fetchAllCached(
                db,
                sql: """
                    SELECT o.* FROM outbox o
                    WHERE o.status = 'pending' AND o.next_attempt_at <= ?
                      AND o.id = (SELECT MIN(id) FROM outbox WHERE transaction_id = o.transaction_id AND status = 'pending')
                    ORDER BY o.next_attempt_at, o.id LIMIT ?
                    """,
                arguments: [now.timeIntervalSince1970, limit]
            ).map(OutboxRecord.init(row:))
        }
    }

    public func message(id: Int64) async throws -> MessageRecord? {
        try await pool.read { db in try SQLiteStoreWriter(db: db).message(id: id) }
    }

    public func outbox(statuses: Set<OutboxRecord.Status>) async throws -> [OutboxRecord] {
        try await pool.read { db in
            let marks = sqlBindMarkers(statuses.count)
            return try Row.fetchAllCached(
                db,
                sql: "SELECT * FROM outbox WHERE status IN (\(marks)) ORDER BY id",
                arguments: StatementArguments(statuses.map(\.rawValue))
            ).map(OutboxRecord.init(row:))
        }
    }
}

/// ``StoreWriter`` over one GRDB database connection inside a write transaction.
struct SQLiteStoreWriter: StoreWriter {
    let db: Database

    func transaction(id: Int64) throws -> TransactionRecord? {
        try Row.fetchOneCached(db, sql: "SELECT * FROM ill_transaction WHERE id = ?", arguments: [id]).map(TransactionRecord.init(row:))
    }

    func transaction(role: TransactionRole, requestingAgencyID: String, requestID: String) throws -> TransactionRecord? {
        try Row.fetchOneCached(
            db,
            sql: """
                SELECT * FROM ill_transaction
                WHERE role = ? AND requesting_agency_id = ? AND requesting_agency_request_id = ? AND superseded = 0
                """,
            arguments: [role.rawValue, requestingAgencyID, requestID]
        ).map(TransactionRecord.init(row:))
    }

    func insert(_ transaction: TransactionRecord) throws -> TransactionRecord {
        try db.executeCached(
            sql: """
                INSERT INTO ill_transaction (role, state, service_type, requesting_agency_id, requesting_agency_request_id,
                    supplying_agency_id, supplying_agency_request_id, peer_name, edition, cancel_pending, renewal_pending,
                    has_answered_request, due_date, last_status, title, previous_transaction_id, superseded, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: transaction.columns
        )
        var stored = transaction
        stored.id = db.lastInsertedRowID
        return stored
    }

    func update(_ transaction: TransactionRecord) throws {
        try db.executeCached(
            sql: """
                UPDATE ill_transaction SET role = ?, state = ?, service_type = ?, requesting_agency_id = ?,
                    requesting_agency_request_id = ?, supplying_agency_id = ?, supplying_agency_request_id = ?, peer_name = ?,
                    edition = ?, cancel_pending = ?, renewal_pending = ?, has_answered_request = ?, due_date = ?, last_status = ?,
                    title = ?, previous_transaction_id = ?, superseded = ?, created_at = ?, updated_at = ?
                WHERE id = ?
                """,
            arguments: transaction.columns + [transaction.id]
        )
    }

    func inboundMessage(deduplicationKey: String) throws -> MessageRecord? {
        try Row.fetchOneCached(
            db,
            sql: "SELECT * FROM message WHERE direction = 'inbound' AND deduplication_key = ?",
            arguments: [deduplicationKey]
        ).map(MessageRecord.init(row:))
    }

    func message(id: Int64) throws -> MessageRecord? {
        try Row.fetchOneCached(db, sql: "SELECT * FROM message WHERE id = ?", arguments: [id]).map(MessageRecord.init(row:))
    }

    func messages(transactionID: Int64) throws -> [MessageRecord] {
        try Row.fetchAllCached(db, sql: "SELECT * FROM message WHERE transaction_id = ? ORDER BY id", arguments: [transactionID])
            .map(MessageRecord.init(row:))
    }

    func insert(_ message: MessageRecord) throws -> MessageRecord {
        try db.executeCached(
            sql: """
                INSERT INTO message (transaction_id, direction, kind, peer_name, deduplication_key, summary, header_timestamp,
                    recorded_at, body, confirmation, confirmation_status, error_type, error_value)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: message.columns
        )
        var stored = message
        stored.id = db.lastInsertedRowID
        return stored
    }

    func update(_ message: MessageRecord) throws {
        try db.executeCached(
            sql: """
                UPDATE message SET transaction_id = ?, direction = ?, kind = ?, peer_name = ?, deduplication_key = ?, summary = ?,
                    header_timestamp = ?, recorded_at = ?, body = ?, confirmation = ?, confirmation_status = ?, error_type = ?,
                    error_value = ?
                WHERE id = ?
                """,
            arguments: message.columns + [message.id]
        )
    }

    func append(_ event: EventRecord) throws {
        try db.executeCached(
            sql: """
                INSERT INTO event (transaction_id, at, source, event, from_state, to_state, message_id, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                event.transactionID, event.at.timeIntervalSince1970, event.source.rawValue, event.event, event.fromState,
                event.toState, event.messageID, event.detail,
            ]
        )
    }

    func enqueue(_ entry: OutboxRecord) throws -> OutboxRecord {
        try db.executeCached(
            sql: """
                INSERT INTO outbox (transaction_id, message_id, peer_name, status, attempts, next_attempt_at, last_error,
                    created_at, delivered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: entry.columns
        )
        var stored = entry
        stored.id = db.lastInsertedRowID
        return stored
    }

    func update(_ entry: OutboxRecord) throws {
        try db.executeCached(
            sql: """
                UPDATE outbox SET transaction_id = ?, message_id = ?, peer_name = ?, status = ?, attempts = ?, next_attempt_at = ?,
                    last_error = ?, created_at = ?, delivered_at = ?
                WHERE id = ?
                """,
            arguments: entry.columns + [entry.id]
        )
    }

    func outboxEntry(id: Int64) throws -> OutboxRecord? {
        try Row.fetchOneCached(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]).map(OutboxRecord.init(row:))
    }
}
