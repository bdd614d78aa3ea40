public import Foundation
import GRDB
import ISO18626
import Transactions

/// The embedded default store: one SQLite file through GRDB, in WAL mode with full synchronous commits,
/// versioned migrations, and group commit for concurrent writers.
public final class SQLiteTransactionStore: TransactionStore {
    let pool: DatabasePool
    private let committer: GroupCommitter
    /// Ids for new transactions, messages and reviews, handed out before their rows are written.
    let rowIDs: RowIDAllocator

    /// Opens (creating if needed) the database file and brings its schema up to date.
    /// - Parameters:
    ///   - path: the SQLite file; its directory must exist.
    ///   - statementObserver: called with the text of every SQL statement any connection runs, bound
    ///     values left out (for diagnostics and for tests that count what a message costs).
    public init(path: String, statementObserver: (@Sendable (String) -> Void)? = nil) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL with FULL: a commit is on disk when it returns, and readers never block the writer. (The
            // writer's setting is made again after the pool is open: see below.)
            try db.executeCached(sql: "PRAGMA synchronous = FULL")
            if let statementObserver {
                db.trace { event in
                    if case .statement(let statement) = event { statementObserver(statement.sql) }
                }
            }
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB turns WAL on after `prepareDatabase` and sets `synchronous = NORMAL` with it, under which a
            // commit is not synced and an acknowledged message can vanish in a power loss (the lost-write test
            // found it). FULL again, on the one connection that writes, before anything is written.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try SQLiteMigrations.migrator.migrate(pool)
            rowIDs = try pool.read { db in try RowIDAllocator(db) }
        } catch {
            throw StoreError.cannotOpen(path: path, underlying: error)
        }
        committer = GroupCommitter(writer: pool)
    }

    /// Runs a read on a snapshot of the database.
    func read<Result: Sendable>(_ work: @escaping @Sendable (Database) throws -> Result) async throws -> Result {
        try await pool.read(work)
    }

    public func write<Result: Sendable>(_ work: @escaping @Sendable (any StoreWriter) throws -> Result) async throws -> Result {
        try await committer.submit { [rowIDs] db in try work(SQLiteStoreWriter(db: db, ids: rowIDs)) }
    }

    public func decide<Result: Sendable>(_ work: @escaping @Sendable (any StoreWriter) throws -> Result) async throws -> DecidedWrite<Result> {
        try decideOnSnapshot(work)
    }

    /// Runs the decision on a reader connection in the calling thread. A decision is a few indexed reads
    /// and CPU work (no waiting on anything but the page cache), so it runs where it was asked for rather
    /// than hopping to a reader queue and back; at most one reader per cooperative thread is ever in use,
    /// well inside the pool's limit, so it never waits for a reader either.
    private func decideOnSnapshot<Result: Sendable>(_ work: @escaping @Sendable (any StoreWriter) throws -> Result) throws -> DecidedWrite<Result> {
        try pool.read { [rowIDs] db in
            let recorder = IntentRecorder(snapshot: SQLiteStoreWriter(db: db, ids: rowIDs), ids: rowIDs)
            let result = try work(recorder)
            return DecidedWrite(result: result, intent: recorder.intent)
        }
    }

    /// Closes the database's connections now rather than when the store is released, so that another store
    /// (or process) can open the file knowing nothing of this one is still open. Use the store no more after.
    /// - Throws: ``StoreError`` when a connection cannot be closed because a read or write is still running.
    public func close() throws {
        do {
            try pool.close()
        } catch {
            throw StoreError.cannotClose(underlying: error)
        }
    }

    /// How group commit has grouped the writes so far (for benchmarks and diagnostics).
    public var commitStatistics: CommitStatistics {
        committer.statistics
    }

    public func commit(_ intent: WriteIntent) async throws {
        try await committer.submit { [rowIDs] db in
            do {
                try SQLiteStoreWriter(db: db, ids: rowIDs).apply(intent)
            } catch let error as DatabaseError where error.isUniquenessViolation {
                try rowIDs.resynchronise(db)
                throw WriteConflict(uniqueKey: error.message)
            }
        }
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
                sql: "SELECT \(TransactionRecord.selectedColumns) FROM ill_transaction \(whereClause) ORDER BY id DESC LIMIT ?",
                arguments: arguments
            ).map(TransactionRecord.init(row:))
        }
    }

    public func transaction(id: Int64) async throws -> TransactionRecord? {
        try await pool.read { [rowIDs] db in try SQLiteStoreWriter(db: db, ids: rowIDs).transaction(id: id) }
    }

    public func messages(transactionID: Int64) async throws -> [MessageRecord] {
        try await pool.read { [rowIDs] db in try SQLiteStoreWriter(db: db, ids: rowIDs).messages(transactionID: transactionID) }
    }

    public func events(transactionID: Int64) async throws -> [EventRecord] {
        try await pool.read { db in
            try Row.fetchAllCached(db, sql: "SELECT * FROM event WHERE transaction_id = ? ORDER BY id", arguments: [transactionID])
                .map(EventRecord.init(row:))
        }
    }

    public func message(id: Int64) async throws -> MessageRecord? {
        try await pool.read { [rowIDs] db in try SQLiteStoreWriter(db: db, ids: rowIDs).message(id: id) }
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
    /// Where new transactions, messages and reviews get their ids.
    let ids: RowIDAllocator

    func transaction(id: Int64) throws -> TransactionRecord? {
        try Row.fetchOneCached(db, sql: "SELECT \(TransactionRecord.selectedColumns) FROM ill_transaction WHERE id = ?", arguments: [id])
            .map(TransactionRecord.init(row:))
    }

    func transaction(role: TransactionRole, requestingAgencyID: String, requestID: String) throws -> TransactionRecord? {
        try Row.fetchOneCached(
            db,
            sql: """
                SELECT \(TransactionRecord.selectedColumns) FROM ill_transaction
                WHERE role = ? AND requesting_agency_id = ? AND requesting_agency_request_id = ? AND superseded = 0
                """,
            arguments: [role.rawValue, requestingAgencyID, requestID]
        ).map(TransactionRecord.init(row:))
    }

    func insert(_ transaction: TransactionRecord) throws -> TransactionRecord {
        var stored = transaction
        stored.id = ids.allocate(.transaction)
        stored.version = 0
        try insertTransactionRow(stored)
        return stored
    }

    /// Inserts a transaction with the id it already has.
    func insertTransactionRow(_ transaction: TransactionRecord) throws {
        try db.executeCached(
            sql: """
                INSERT INTO ill_transaction (id, role, state, service_type, requesting_agency_id, requesting_agency_request_id,
                    supplying_agency_id, supplying_agency_request_id, peer_name, edition, cancel_pending, renewal_pending,
                    has_answered_request, due_date, last_status, title, previous_transaction_id, superseded, created_at, updated_at,
                    pickup_location, patron_email, closed_at, supplied_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [transaction.id] + transaction.columns
                + [transaction.patronEmail, transaction.closedAt, transaction.suppliedAt, transaction.version]
        )
    }

    /// Rewrites the whole row (staff actions and housekeeping, which run inside the writer and read the
    /// row they change there); the version moves on so a decision taken on the old one is taken again.
    func update(_ transaction: TransactionRecord) throws {
        try db.executeCached(
            sql: """
                UPDATE ill_transaction SET role = ?, state = ?, service_type = ?, requesting_agency_id = ?,
                    requesting_agency_request_id = ?, supplying_agency_id = ?, supplying_agency_request_id = ?, peer_name = ?,
                    edition = ?, cancel_pending = ?, renewal_pending = ?, has_answered_request = ?, due_date = ?, last_status = ?,
                    title = ?, previous_transaction_id = ?, superseded = ?, created_at = ?, updated_at = ?, pickup_location = ?,
                    closed_at = COALESCE(closed_at, ?), supplied_at = COALESCE(supplied_at, ?), version = version + 1
                WHERE id = ?
                """,
            arguments: transaction.columns + [transaction.closedAt, transaction.suppliedAt, transaction.id]
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
        var stored = message
        stored.id = ids.allocate(.message)
        try insertMessageRows([stored])
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
        try insertEventRows([event])
    }

    func enqueue(_ entry: OutboxRecord) throws -> OutboxRecord {
        try insertOutboxRows([entry])
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
