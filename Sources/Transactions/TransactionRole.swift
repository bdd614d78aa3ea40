/// Which side of a transaction illgate plays.
public enum TransactionRole: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// We lend: a peer's request arrived and we answer it.
    case supplier
    /// We borrow: our staff asked a peer for an item for one of our patrons.
    case requester

    public var description: String { rawValue }
}
