public import Foundation

/// A delivery attempt that failed, as ``StoreWriter/record(_:)`` stores it.
public struct FailedDeliveryAttempt: Hashable, Sendable {
    /// The outbox entry.
    public var entryID: Int64
    /// The attempts the entry had before this one; the record is skipped if the entry has moved on.
    public var previousAttempts: Int
    /// What went wrong, shown by `illgate outbox list`.
    public var reason: String
    /// When the next attempt is due (ignored when dead-lettered).
    public var nextAttemptAt: Date
    /// Whether the entry is dead-lettered instead of retried.
    public var deadLetter: Bool
    /// The peer whose whole queue waits until ``nextAttemptAt`` too, when the failure says the peer is down
    /// or asked us to wait (no answer, 5xx, 408, 429): its other due messages are not tried one by one
    /// against a peer that cannot take them; this one is the probe.
    public var holdsQueueOfPeer: String?

    /// Creates a record of a failed attempt.
    public init(entryID: Int64, previousAttempts: Int, reason: String, nextAttemptAt: Date, deadLetter: Bool, holdsQueueOfPeer: String? = nil) {
        self.entryID = entryID
        self.previousAttempts = previousAttempts
        self.reason = reason
        self.nextAttemptAt = nextAttemptAt
        self.deadLetter = deadLetter
        self.holdsQueueOfPeer = holdsQueueOfPeer
    }
}
