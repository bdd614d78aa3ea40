public import Foundation
public import Transactions

/// Durable storage for transactions, their messages, their history and the outbox.
///
/// Every change happens inside ``write(_:)``: the work runs in one database transaction, so the inbound
/// message, the event, the new state and the outbound messages it causes are committed together or not at
/// all, and the call returns only once they are durable. Implementations may run the work of several
/// concurrent callers in one commit (group commit); each caller's work is still isolated (a failure undoes
/// only that caller's changes) and serialised with every other write.
public protocol TransactionStore: Sendable {
    /// Runs `work` in a database transaction and returns its result once the transaction is durable.
    func write<Result: Sendable>(_ work: @escaping @Sendable (any StoreWriter) throws -> Result) async throws -> Result

    /// Runs `work` on a consistent snapshot, off the writer and concurrently with other decisions, with a
    /// writer that records what it would write instead of writing it. Ids of new rows are assigned now.
    /// - Throws: ``SerialDecisionRequired`` when `work` asks for something that is decided only inside the
    ///   writer (run it with ``write(_:)`` instead), or what `work` throws.
    func decide<Result: Sendable>(_ work: @escaping @Sendable (any StoreWriter) throws -> Result) async throws -> DecidedWrite<Result>
    /// Writes a decided intent in the next group commit and returns once it is durable.
    /// - Throws: ``WriteConflict`` when a transaction it updates has moved to another version or a row it
    ///   inserts exists already; nothing of it was written, so decide again.
    func commit(_ intent: WriteIntent) async throws

    /// Transactions matching a filter, newest first.
    func transactions(matching filter: TransactionFilter) async throws -> [TransactionRecord]
    /// One transaction.
    func transaction(id: Int64) async throws -> TransactionRecord?
    /// A transaction's messages, oldest first.
    func messages(transactionID: Int64) async throws -> [MessageRecord]
    /// A transaction's history, oldest first.
    func events(transactionID: Int64) async throws -> [EventRecord]
    /// Outbox entries in the given states, oldest first.
    func outbox(statuses: Set<OutboxRecord.Status>) async throws -> [OutboxRecord]
    /// Pending entries due by the query's time that are first in line for their transaction (a transaction's
    /// messages go out in order: a later one waits while an earlier one is pending), each with its message,
    /// oldest first, in one read.
    func dueDeliveries(_ query: DueDeliveryQuery) async throws -> [PendingDelivery]
    /// The earliest time after `now` at which a pending entry falls due, if any.
    func nextDeliveryAttempt(after now: Date) async throws -> Date?
    /// A message by id.
    func message(id: Int64) async throws -> MessageRecord?
    /// Reviews in these states, oldest first.
    func reviews(states: Set<ReviewRecord.State>) async throws -> [ReviewRecord]
    /// Open reviews whose deadline has passed.
    func dueReviews(at now: Date) async throws -> [ReviewRecord]
    /// The copyright ledger of one calendar year, oldest first.
    func ledger(year: Int) async throws -> [LedgerEntryRecord]
    /// Title clusters by id.
    func titleClusters(ids: [Int64]) async throws -> [TitleClusterRecord]
    /// How many holdings are loaded.
    func holdingsCount() async throws -> Int
    /// Deletes ledger rows whose retention ended before `now`; returns how many.
    func purgeLedger(before now: Date) async throws -> Int
    /// Takes patron data out of what is stored about transactions that closed (reached a terminal state)
    /// before `cutoff`: every `patronInfo` element of their messages and of resolved reviews' held requests,
    /// error values about `patronInfo`, and the patron key of their policy facts. Messages that belong to no
    /// transaction (refused ones) are purged once recorded before `cutoff`. Each transaction is marked with
    /// `now` and never looked at again. Works in small batches, so messages keep flowing meanwhile.
    func purgePatronData(closedBefore cutoff: Date, at now: Date) async throws -> PatronDataPurge
    /// Every transaction created in `[start, end)` that another did not replace (a supplier-side retry
    /// supersedes the transaction it retries), with when it was first supplied, oldest first.
    func activity(createdFrom start: Date, before end: Date) async throws -> [TransactionActivityRecord]
    /// Rows holding a value this version cannot read (a state, a role, a status), at most `limit`: a scan
    /// of the coded columns of every table, run once at start so that corrupt rows are known before
    /// anything meets them.
    func unreadableRows(limit: Int) async throws -> [StoreError]
    /// One staff worklist, in the list's order.
    func worklist(_ query: WorklistQuery) async throws -> [WorklistEntry]
    /// The titles our patrons asked to borrow at least `minimumRequests` times among the requests created in
    /// `[start, end)`, most asked first, each with the copies the copyright ledger counted in that period.
    func demand(createdFrom start: Date, before end: Date, minimumRequests: Int) async throws -> [TitleDemandRecord]
    /// The loans we shipped in `[start, end)`, by peer and in the order they were shipped (packing lists).
    func shipments(shippedFrom start: Date, before end: Date) async throws -> [ShipmentRecord]
    /// Pulls with their transactions' request ids: a branch's pick list (open pulls, oldest first), or a
    /// transaction's pulls.
    func pulls(_ query: PullQuery) async throws -> [PullListing]
    /// Open pulls whose deadline is at or before `now`, soonest first.
    func duePulls(at now: Date) async throws -> [PullRecord]
    /// A transaction's overdue reminders, oldest first.
    func reminders(transactionID: Int64) async throws -> [ReminderRecord]
    /// Runs `work` on a consistent snapshot of the charges and invoices, off the writer.
    func readMoney<Result: Sendable>(_ work: @escaping @Sendable (any MoneyStoreReader) throws -> Result) async throws -> Result
}

extension TransactionStore {
    /// Decides on a snapshot (``decide(_:)``) and commits the result (``commit(_:)``), deciding again when
    /// the rows it was decided on moved meanwhile; a decision that must be taken inside the writer (or one
    /// that keeps meeting conflicts) runs there. Returns once what was decided is durable.
    /// - Parameter attempts: how many snapshot decisions to try before deciding inside the writer.
    public func decideAndCommit<Result: Sendable>(
        attempts: Int = 3,
        _ work: @escaping @Sendable (any StoreWriter) throws -> Result
    ) async throws -> Result {
        try await decideAndCommitReportingOutbox(attempts: attempts, work).result
    }

    /// ``decideAndCommit(attempts:_:)``, also telling which peers' outbox queues the committed write
    /// changed (``OutboxChanges/unknown`` when it was decided inside the writer).
    public func decideAndCommitReportingOutbox<Result: Sendable>(
        attempts: Int = 3,
        _ work: @escaping @Sendable (any StoreWriter) throws -> Result
    ) async throws -> (result: Result, outbox: OutboxChanges) {
        for _ in 0..<attempts {
            let decided: DecidedWrite<Result>
            do {
                decided = try await decide(work)
            } catch is SerialDecisionRequired {
                break
            } catch is WriteConflict {
                continue  // a row the decision read vanished under it: decide again on a fresh snapshot
            }
            guard !decided.intent.isEmpty else { return (decided.result, .none) }
            do {
                try await commit(decided.intent)
                return (decided.result, decided.intent.outboxChanges)
            } catch is WriteConflict {
                continue
            }
        }
        return (try await write(work), .unknown)
    }
}

/// Reads and writes inside one database transaction of ``TransactionStore/write(_:)``.
/// Valid only during that call.
public protocol StoreWriter: PolicyStoreWriter, MoneyStoreWriter, PullStoreWriter, ReminderStoreWriter {
    /// The transaction with this id.
    func transaction(id: Int64) throws -> TransactionRecord?
    /// The current (not superseded) transaction for a role and a borrower's request id.
    func transaction(role: TransactionRole, requestingAgencyID: String, requestID: String) throws -> TransactionRecord?
    /// Stores a new transaction and returns it with its id.
    func insert(_ transaction: TransactionRecord) throws -> TransactionRecord
    /// Saves a transaction's changed fields.
    func update(_ transaction: TransactionRecord) throws
    /// An earlier inbound message with this deduplication key.
    func inboundMessage(deduplicationKey: String) throws -> MessageRecord?
    /// A message by id.
    func message(id: Int64) throws -> MessageRecord?
    /// A transaction's messages, oldest first.
    func messages(transactionID: Int64) throws -> [MessageRecord]
    /// Stores a message and returns it with its id.
    func insert(_ message: MessageRecord) throws -> MessageRecord
    /// Saves a message's changed fields (its confirmation).
    func update(_ message: MessageRecord) throws
    /// Appends to a transaction's history.
    func append(_ event: EventRecord) throws
    /// Queues an outbound message for delivery.
    func enqueue(_ entry: OutboxRecord) throws -> OutboxRecord
    /// Saves an outbox entry's changed fields.
    func update(_ entry: OutboxRecord) throws
    /// An outbox entry by id.
    func outboxEntry(id: Int64) throws -> OutboxRecord?
    /// Records a failed delivery attempt in one statement: one more attempt, the reason, and the next
    /// attempt's time or the dead letter. Returns `false` (and changes nothing) if the entry is no longer
    /// pending with the attempts the caller saw (an operator retried or dropped it meanwhile).
    func record(_ failure: FailedDeliveryAttempt) throws -> Bool
    /// Moves a peer's due pending messages to `instant` (the peer is held until its next attempt); returns
    /// how many moved.
    func holdQueue(ofPeer peer: String, until instant: Date) throws -> Int
    /// Records a peer's confirmation: the entry delivered or rejected (one more attempt), the confirmation
    /// kept with the message. Returns `false` (and changes nothing) if there is no such entry.
    func record(_ confirmation: DeliveryConfirmation) throws -> Bool
}

/// What ``TransactionStore/transactions(matching:)`` selects.
public struct TransactionFilter: Hashable, Sendable {
    /// Only this role.
    public var role: TransactionRole?
    /// Only this state.
    public var state: String?
    /// Only transactions due before this time.
    public var dueBefore: Date?
    /// At most this many.
    public var limit: Int

    /// Creates a filter.
    public init(role: TransactionRole? = nil, state: String? = nil, dueBefore: Date? = nil, limit: Int = 100) {
        self.role = role
        self.state = state
        self.dueBefore = dueBefore
        self.limit = limit
    }
}
