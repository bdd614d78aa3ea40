/// The rows one decision writes, worked out before the write: what the single writer applies, in one
/// go, after checking that every transaction it updates still has the version the decision read.
///
/// A decision (an inbound message, a staff action) runs against a consistent snapshot with a recording
/// ``StoreWriter`` (see ``TransactionStore/decide(_:)``); the recorder turns its calls into these
/// operations: a new transaction becomes one insert with its final values however often the decision
/// changed it, an existing one one update of the columns that changed, guarded by its version. Ids of
/// new rows are assigned by the store before the write, so messages, events and outbox rows can refer
/// to them and the encoded messages can carry them.
public struct WriteIntent: Sendable {
    /// One row change, in the order the writer applies them (parents before children).
    public enum Operation: Sendable {
        /// A new transaction, with its store-assigned id and final values.
        case insertTransaction(TransactionRecord)
        /// An existing transaction's changed columns; refused with ``WriteConflict`` unless the row still
        /// has `expectedVersion`.
        case updateTransaction(TransactionRecord, changed: [TransactionColumn], expectedVersion: Int64)
        /// New messages, with their store-assigned ids.
        case insertMessages([MessageRecord])
        /// An existing message rewritten (a confirmation recorded).
        case updateMessage(MessageRecord)
        /// History lines.
        case appendEvents([EventRecord])
        /// Outbound messages queued for delivery.
        case enqueue([OutboxRecord])
        /// An existing outbox entry changed.
        case updateOutboxEntry(OutboxRecord)
        /// A transaction's policy facts, inserted or replaced.
        case savePolicyFacts(TransactionPolicyRecord)
        /// A new review, with its store-assigned id.
        case insertReview(ReviewRecord)
        /// An existing review changed.
        case updateReview(ReviewRecord)
        /// An existing copyright-ledger entry changed (moved along a rota, filled, released).
        case updateLedgerEntry(LedgerEntryRecord)
        /// A new pull, with its store-assigned id.
        case insertPull(PullRecord)
        /// An existing pull changed.
        case updatePull(PullRecord)
    }

    /// The operations, in the order they are applied.
    public var operations: [Operation]

    /// Creates an intent.
    public init(operations: [Operation] = []) {
        self.operations = operations
    }

    /// Whether the decision writes nothing.
    public var isEmpty: Bool { operations.isEmpty }

    /// Whether committing it queues messages for delivery.
    public var queuesDeliveries: Bool {
        operations.contains { if case .enqueue(let entries) = $0 { !entries.isEmpty } else { false } }
    }

    /// What committing it may give the outbox dispatcher to do: the peers whose queues it adds to or
    /// changes.
    public var outboxChanges: OutboxChanges {
        var peers: Set<String> = []
        for operation in operations {
            switch operation {
            case .enqueue(let entries): peers.formUnion(entries.map(\.peerName))
            case .updateOutboxEntry(let entry): peers.insert(entry.peerName)
            default: continue
            }
        }
        return peers.isEmpty ? .none : .peers(peers)
    }
}
