public import Store

/// What ending a pull did to its lending request: the pull closed (arrived, cancelled or timed out), and
/// then either a new pull at the next branch, or the request answered Unfilled `NotOnShelf`, or nothing more
/// (the copy arrived, and the request waits on the ship worklist).
public struct PullOutcome: Hashable, Sendable {
    /// The lending transaction, as it now is.
    public var transaction: TransactionRecord
    /// The pull that was open, now closed.
    public var closed: PullRecord
    /// The pull made at the next branch, if one was tried.
    public var next: PullRecord?
    /// Whether the request was answered Unfilled (no branch left with a lendable copy).
    public var answeredUnfilled: Bool

    /// Creates an outcome.
    public init(transaction: TransactionRecord, closed: PullRecord, next: PullRecord? = nil, answeredUnfilled: Bool = false) {
        self.transaction = transaction
        self.closed = closed
        self.next = next
        self.answeredUnfilled = answeredUnfilled
    }
}
