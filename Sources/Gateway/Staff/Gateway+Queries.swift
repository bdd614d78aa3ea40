public import Store

/// One transaction with its history and messages, as staff see it (`illgate tx show`).
public struct TransactionDetail: Sendable {
    /// The transaction.
    public var transaction: TransactionRecord
    /// Its history, oldest first.
    public var events: [EventRecord]
    /// Its messages, oldest first.
    public var messages: [MessageRecord]
}

/// What staff screens and the admin API read: the transport asks the gateway, never the store.
extension Gateway {
    /// Transactions matching a filter, newest first (worklists, `illgate tx list`).
    public func transactions(matching filter: TransactionFilter) async throws -> [TransactionRecord] {
        try await noting { try await store.transactions(matching: filter) }
    }

    /// One transaction, if it exists.
    /// - Throws: ``StoreError/Code/corruptValue`` (and records the row in ``corruptRows``) when the row holds a
    ///   value this version cannot read.
    public func transaction(id: Int64) async throws -> TransactionRecord? {
        try await noting { try await store.transaction(id: id) }
    }

    /// One transaction with its history and messages, if it exists.
    public func transactionDetail(id: Int64) async throws -> TransactionDetail? {
        try await noting {
            guard let transaction = try await store.transaction(id: id) else { return nil }
            async let events = store.events(transactionID: id)
            async let messages = store.messages(transactionID: id)
            return TransactionDetail(transaction: transaction, events: try await events, messages: try await messages)
        }
    }

    /// Scans the store once for rows holding a value this version cannot read and records them in
    /// ``corruptRows`` (at start, so readiness says so before anything meets them).
    /// - Returns: the rows found, at most ``CorruptRows/capacity``.
    @discardableResult
    public func noteUnreadableRows() async throws -> [StoreError] {
        let found = try await store.unreadableRows(limit: CorruptRows.capacity)
        for error in found { corruptRows.record(error) }
        return found
    }

    /// Runs a read, recording in ``corruptRows`` a row it found unreadable before passing the error on.
    private func noting<Result: Sendable>(_ read: () async throws -> Result) async throws -> Result {
        do {
            return try await read()
        } catch {
            corruptRows.record(error)
            throw error
        }
    }

    /// Reviews in these states, oldest first.
    public func reviews(states: Set<ReviewRecord.State>) async throws -> [ReviewRecord] {
        try await store.reviews(states: states)
    }

    /// Outbox entries in these states, oldest first (`illgate outbox list`).
    public func outboxEntries(statuses: Set<OutboxRecord.Status>) async throws -> [OutboxRecord] {
        try await store.outbox(statuses: statuses)
    }

    /// Whether the store answers a read (readiness): throws the store's error when it does not. A row that
    /// holds a value this version cannot read is recorded in ``corruptRows``, not thrown: the store answers.
    public func checkStorage() async throws {
        do {
            _ = try await store.transactions(matching: TransactionFilter(limit: 1))
        } catch let error where corruptRows.record(error) {
            return
        }
    }
}
