/// A write intent met a database that moved since it was decided: a transaction it updates has another
/// version now, or a row it inserts exists already (the same message stored meanwhile, the same request
/// id taken). Nothing of the intent was written; decide again on a fresh snapshot.
public struct WriteConflict: Error, Hashable, Sendable, CustomStringConvertible {
    /// Which row moved, for the log.
    public var row: String

    /// Creates a conflict.
    public init(row: String) {
        self.row = row
    }

    public var description: String { "\(row) changed while the decision was taken" }
}

/// A decision asked for something that must be decided inside the single writer because it spans
/// transactions (the copyright ledger's count-and-insert, a new title cluster, replacing the holdings):
/// the recording writer refuses it, and the decision is run again inside ``TransactionStore/write(_:)``.
public struct SerialDecisionRequired: Error, Hashable, Sendable, CustomStringConvertible {
    /// What the decision asked for.
    public var operation: String

    /// Creates the refusal.
    public init(operation: String) {
        self.operation = operation
    }

    public var description: String { "\(operation) is decided inside the writer" }
}
