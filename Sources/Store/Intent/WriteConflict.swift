/// A write intent met a database that moved since it was decided: a transaction it updates has another
/// version now, or a row it inserts exists already (the same message stored meanwhile, the same request
/// id taken). Nothing of the intent was written; decide again on a fresh snapshot.
public struct WriteConflict: Error, Hashable, Sendable, CustomStringConvertible {
    /// The table of the row that moved.
    public var table: String?
    /// The row that moved, when known.
    public var rowID: Int64?
    /// The unique key that is taken, as the database names it (`message.deduplication_key`), when an
    /// insert met an existing row.
    public var uniqueKey: String?

    /// A row that changed (or went) since the snapshot the decision was taken on.
    public init(table: String, rowID: Int64) {
        self.table = table
        self.rowID = rowID
    }

    /// An insert that met a row with the same unique key.
    public init(uniqueKey: String?) {
        self.uniqueKey = uniqueKey
    }

    public var description: String {
        if let table, let rowID { return "\(table) \(rowID) changed while the decision was taken" }
        return "\(uniqueKey ?? "a unique key") was taken while the decision was taken"
    }
}

/// A decision asked for something that must be decided inside the single writer because it spans
/// transactions (the copyright ledger's count-and-insert, a new title cluster, replacing the holdings):
/// the recording writer refuses it, and the decision is run again inside ``TransactionStore/write(_:)``.
public struct SerialDecisionRequired: Error, Hashable, Sendable, CustomStringConvertible {
    /// What a decision may ask for that only the single writer decides.
    public enum Operation: String, Hashable, Sendable {
        case replacingHoldings = "replacing the holdings"
        case newTitleCluster = "a new copyright title cluster"
        case linkingTitleCluster = "linking a copyright title cluster"
        case countingLedger = "counting the copyright ledger"
        case newLedgerEntry = "a new copyright ledger entry"
        case holdingPeerQueue = "holding a peer's outbox queue"
        case moneyLedger = "the charges ledger and invoices"
        case reminders = "the overdue reminders sent"
    }

    /// What the decision asked for.
    public var operation: Operation

    /// Creates the refusal.
    public init(_ operation: Operation) {
        self.operation = operation
    }

    public var description: String { "\(operation.rawValue) is decided inside the writer" }
}
