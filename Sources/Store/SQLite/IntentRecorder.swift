public import Foundation
import GRDB
public import Transactions

/// A ``StoreWriter`` for deciding off the writer: reads come from a consistent snapshot (with the
/// decision's own changes laid over them), writes are recorded, and ``intent`` turns them into the rows
/// the single writer applies. Used only inside one ``SQLiteTransactionStore/decide(_:)`` call, on the
/// reader connection's thread.
///
/// What spans transactions and must be counted at commit time (the copyright ledger's count-and-insert,
/// new title clusters, replacing the holdings) is refused with ``SerialDecisionRequired``, so the decision
/// runs again inside the writer.
final class IntentRecorder: StoreWriter {
    private let snapshot: SQLiteStoreWriter
    private let ids: RowIDAllocator

    private var transactions = RecordedRows<TransactionRecord>()
    private var messages = RecordedRows<MessageRecord>()
    private var events: [EventRecord] = []
    private var queued: [OutboxRecord] = []
    private var outboxUpdates: [Int64: OutboxRecord] = [:]
    private var outboxOrder: [Int64] = []
    private var facts: [Int64: TransactionPolicyRecord] = [:]
    private var factsOrder: [Int64] = []
    private var reviews = RecordedRows<ReviewRecord>()
    private var ledger: [Int64: LedgerEntryRecord] = [:]
    private var ledgerOrder: [Int64] = []
    private var pulls = RecordedRows<PullRecord>()

    init(snapshot: SQLiteStoreWriter, ids: RowIDAllocator) {
        self.snapshot = snapshot
        self.ids = ids
    }

    /// The recorded changes as rows to write: parents before children, each row once.
    var intent: WriteIntent {
        var operations: [WriteIntent.Operation] = []
        for change in transactions.changes {
            if let original = change.original {
                let changed = TransactionColumn.changed(from: original, to: change.current)
                if !changed.isEmpty {
                    operations.append(.updateTransaction(change.current, changed: changed, expectedVersion: original.version))
                }
            } else {
                operations.append(.insertTransaction(change.current))
            }
        }
        let newMessages = messages.changes.compactMap { $0.original == nil ? $0.current : nil }
        if !newMessages.isEmpty { operations.append(.insertMessages(newMessages)) }
        for change in messages.changes {
            if let original = change.original, original != change.current {
                operations.append(.updateMessage(change.current))
            }
        }
        if !events.isEmpty { operations.append(.appendEvents(events)) }
        if !queued.isEmpty { operations.append(.enqueue(queued)) }
        for id in outboxOrder { if let entry = outboxUpdates[id] { operations.append(.updateOutboxEntry(entry)) } }
        for id in factsOrder { if let record = facts[id] { operations.append(.savePolicyFacts(record)) } }
        for change in reviews.changes {
            if change.original == nil {
                operations.append(.insertReview(change.current))
            } else if change.original != change.current {
                operations.append(.updateReview(change.current))
            }
        }
        for id in ledgerOrder { if let entry = ledger[id] { operations.append(.updateLedgerEntry(entry)) } }
        for change in pulls.changes {
            if change.original == nil {
                operations.append(.insertPull(change.current))
            } else if change.original != change.current {
                operations.append(.updatePull(change.current))
            }
        }
        return WriteIntent(operations: operations)
    }

    // MARK: Transactions

    func transaction(id: Int64) throws -> TransactionRecord? {
        if let current = transactions[id] { return current }
        return try snapshot.transaction(id: id)
    }

    func transaction(role: TransactionRole, requestingAgencyID: String, requestID: String) throws -> TransactionRecord? {
        func matches(_ record: TransactionRecord) -> Bool {
            record.role == role && record.requestingAgencyID == requestingAgencyID && record.requestingAgencyRequestID == requestID
                && !record.superseded
        }
        if let recorded = transactions.changes.first(where: { matches($0.current) }) {
            return recorded.current
        }
        guard let stored = try snapshot.transaction(role: role, requestingAgencyID: requestingAgencyID, requestID: requestID) else {
            return nil
        }
        return transactions[stored.id] == nil ? stored : nil
    }

    func insert(_ transaction: TransactionRecord) throws -> TransactionRecord {
        var stored = transaction
        stored.id = ids.allocate(.transaction)
        stored.version = 0
        transactions.insert(stored, id: stored.id)
        return stored
    }

    func update(_ transaction: TransactionRecord) throws {
        // The version stays the one read: it is what the commit checks.
        var changed = transaction
        try transactions.update(transaction.id) { original in
            changed.version = original?.version ?? 0
            return changed
        } original: {
            guard let stored = try snapshot.transaction(id: transaction.id) else {
                throw WriteConflict(table: "ill_transaction", rowID: transaction.id)
            }
            return stored
        }
    }

    // MARK: Messages

    func inboundMessage(deduplicationKey: String) throws -> MessageRecord? {
        if let recorded = messages.changes.first(where: { $0.current.direction == .inbound && $0.current.deduplicationKey == deduplicationKey }) {
            return recorded.current
        }
        return try snapshot.inboundMessage(deduplicationKey: deduplicationKey).map { messages[$0.id] ?? $0 }
    }

    func message(id: Int64) throws -> MessageRecord? {
        if let current = messages[id] { return current }
        return try snapshot.message(id: id)
    }

    func messages(transactionID: Int64) throws -> [MessageRecord] {
        let stored = try snapshot.messages(transactionID: transactionID).map { messages[$0.id] ?? $0 }
        let storedIDs = Set(stored.map(\.id))
        let added = messages.changes.map(\.current).filter { !storedIDs.contains($0.id) && $0.transactionID == transactionID }
        return (stored.filter { $0.transactionID == transactionID } + added).sorted { $0.id < $1.id }
    }

    func insert(_ message: MessageRecord) throws -> MessageRecord {
        var stored = message
        stored.id = ids.allocate(.message)
        messages.insert(stored, id: stored.id)
        return stored
    }

    func update(_ message: MessageRecord) throws {
        try messages.replace(message, id: message.id, row: "message") { try snapshot.message(id: message.id) }
    }

    // MARK: History and outbox

    func append(_ event: EventRecord) throws {
        events.append(event)
    }

    func enqueue(_ entry: OutboxRecord) throws -> OutboxRecord {
        queued.append(entry)
        return entry
    }

    func update(_ entry: OutboxRecord) throws {
        if outboxUpdates[entry.id] == nil { outboxOrder.append(entry.id) }
        outboxUpdates[entry.id] = entry
    }

    func outboxEntry(id: Int64) throws -> OutboxRecord? {
        if let entry = outboxUpdates[id] { return entry }
        return try snapshot.outboxEntry(id: id)
    }

    // MARK: Policy facts, holdings and history counts

    func holdings(matching lookup: HoldingLookup) throws -> [HoldingRecord] {
        try snapshot.holdings(matching: lookup)
    }

    func replaceHoldings(with records: [HoldingRecord]) throws {
        throw SerialDecisionRequired(.replacingHoldings)
    }

    func policyFacts(transactionID: Int64) throws -> TransactionPolicyRecord? {
        if let record = facts[transactionID] { return record }
        return try snapshot.policyFacts(transactionID: transactionID)
    }

    func save(_ record: TransactionPolicyRecord) throws {
        if facts[record.transactionID] == nil { factsOrder.append(record.transactionID) }
        facts[record.transactionID] = record
    }

    func count(_ query: HistoryQuery) throws -> Int {
        try snapshot.count(query)
    }

    func latestTransactionID(_ query: HistoryQuery) throws -> Int64? {
        try snapshot.latestTransactionID(query)
    }

    // MARK: Copyright ledger

    func titleClusters(issns: [String], titleKeys: [String]) throws -> [TitleClusterRecord] {
        try snapshot.titleClusters(issns: issns, titleKeys: titleKeys)
    }

    func createTitleCluster(kind: String, displayTitle: String, issns: [String], titleKeys: [String]) throws -> Int64 {
        throw SerialDecisionRequired(.newTitleCluster)
    }

    func extendTitleCluster(id: Int64, issns: [String], titleKeys: [String]) throws {
        throw SerialDecisionRequired(.linkingTitleCluster)
    }

    func titleCluster(id: Int64) throws -> TitleClusterRecord? {
        try snapshot.titleCluster(id: id)
    }

    func ledgerCount(titleID: Int64, scope: String, year: Int, includeReserved: Bool) throws -> Int {
        throw SerialDecisionRequired(.countingLedger)
    }

    func insert(_ entry: LedgerEntryRecord) throws -> LedgerEntryRecord {
        throw SerialDecisionRequired(.newLedgerEntry)
    }

    func update(_ entry: LedgerEntryRecord) throws {
        if ledger[entry.id] == nil { ledgerOrder.append(entry.id) }
        ledger[entry.id] = entry
    }

    func ledgerEntries(transactionID: Int64) throws -> [LedgerEntryRecord] {
        let stored = try snapshot.ledgerEntries(transactionID: transactionID).map { ledger[$0.id] ?? $0 }
        let storedIDs = Set(stored.map(\.id))
        let movedHere = ledgerOrder.compactMap { id in
            ledger[id].flatMap { !storedIDs.contains(id) && $0.transactionID == transactionID ? $0 : nil }
        }
        return (stored.filter { $0.transactionID == transactionID } + movedHere).sorted { $0.id < $1.id }
    }

    func ledgerEntries(ids: [Int64]) throws -> [LedgerEntryRecord] {
        try snapshot.ledgerEntries(ids: ids).map { ledger[$0.id] ?? $0 }
    }

    func unpaidRoyalties(requestedBefore date: Date) throws -> [LedgerEntryRecord] {
        try snapshot.unpaidRoyalties(requestedBefore: date).map { ledger[$0.id] ?? $0 }
    }

    // MARK: Review queue

    func insert(_ review: ReviewRecord) throws -> ReviewRecord {
        var stored = review
        stored.id = ids.allocate(.review)
        reviews.insert(stored, id: stored.id)
        return stored
    }

    func update(_ review: ReviewRecord) throws {
        try reviews.replace(review, id: review.id, row: "review") { try snapshot.review(id: review.id) }
    }

    func review(id: Int64) throws -> ReviewRecord? {
        if let current = reviews[id] { return current }
        return try snapshot.review(id: id)
    }

    func openReview(transactionID: Int64) throws -> ReviewRecord? {
        if let recorded = reviews.changes.reversed().first(where: { $0.current.transactionID == transactionID && $0.current.state == .open }) {
            return recorded.current
        }
        guard let stored = try snapshot.openReview(transactionID: transactionID) else { return nil }
        guard let current = reviews[stored.id] else { return stored }
        return current.state == .open ? current : nil
    }

    // MARK: Pulls

    func insert(_ pull: PullRecord) throws -> PullRecord {
        var stored = pull
        stored.id = ids.allocate(.pull)
        pulls.insert(stored, id: stored.id)
        return stored
    }

    func update(_ pull: PullRecord) throws {
        try pulls.replace(pull, id: pull.id, row: "pull") { try snapshot.pull(id: pull.id) }
    }

    func pulls(transactionID: Int64) throws -> [PullRecord] {
        let stored = try snapshot.pulls(transactionID: transactionID).map { pulls[$0.id] ?? $0 }
        let storedIDs = Set(stored.map(\.id))
        let added = pulls.changes.map(\.current).filter { !storedIDs.contains($0.id) && $0.transactionID == transactionID }
        return (stored + added).sorted { $0.id < $1.id }
    }
}

/// Rows of one table a decision inserted or changed: each as it was read (nil when new) and as the
/// decision left it, in the order first touched.
private struct RecordedRows<Record> {
    struct Change {
        var original: Record?
        var current: Record
    }

    private var positions: [Int64: Int] = [:]
    private(set) var changes: [Change] = []

    /// The row as the decision left it, if it touched it.
    subscript(id: Int64) -> Record? {
        positions[id].map { changes[$0].current }
    }

    /// A new row (its id already assigned).
    mutating func insert(_ record: Record, id: Int64) {
        positions[id] = changes.count
        changes.append(Change(original: nil, current: record))
    }

    /// A row replaced whole; a row the snapshot does not have is a conflict (the decision is taken again).
    mutating func replace(_ record: Record, id: Int64, row table: String, read: () throws -> Record?) throws {
        try update(id, { _ in record }) {
            guard let stored = try read() else { throw WriteConflict(table: table, rowID: id) }
            return stored
        }
    }

    /// A changed row: `change` gets the row as first read (nil when new); `original` reads it the first time.
    mutating func update(_ id: Int64, _ change: (Record?) -> Record, original: () throws -> Record) rethrows {
        if let position = positions[id] {
            changes[position].current = change(changes[position].original)
            return
        }
        let read = try original()
        positions[id] = changes.count
        changes.append(Change(original: read, current: change(read)))
    }
}
