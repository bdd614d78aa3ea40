public import Foundation

/// What ``TransactionStore/dueDeliveries(_:)`` selects: pending entries due by ``now`` that are first in
/// line for their transaction, at most ``perPeer`` for each peer and ``limit`` in all, oldest first.
public struct DueDeliveryQuery: Hashable, Sendable {
    /// Entries whose next attempt is at or before this time.
    public var now: Date
    /// At most this many entries for one peer, so one peer's backlog cannot crowd out the others.
    public var perPeer: Int
    /// At most this many entries in all.
    public var limit: Int
    /// Entries to leave out (those already being delivered).
    public var excluding: Set<Int64>

    /// Creates a query.
    public init(now: Date, perPeer: Int = 64, limit: Int = 64, excluding: Set<Int64> = []) {
        self.now = now
        self.perPeer = perPeer
        self.limit = limit
        self.excluding = excluding
    }
}
