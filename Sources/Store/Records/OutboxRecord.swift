public import Foundation

/// An outbound message waiting for (or done with) delivery to its peer.
public struct OutboxRecord: Hashable, Sendable {
    /// Where a delivery stands.
    public enum Status: String, Hashable, Sendable, CaseIterable {
        /// Waiting to be sent (again).
        case pending
        /// The peer confirmed it.
        case delivered
        /// The peer answered with an ERROR confirmation: staff must look, it is not retried blindly.
        case rejected
        /// Every attempt failed; an operator may retry or drop it.
        case dead
        /// Dropped by an operator.
        case dropped
    }

    /// The store's id (0 until inserted).
    public var id: Int64
    /// The transaction, whose messages are delivered in order.
    public var transactionID: Int64
    /// The outbound message.
    public var messageID: Int64
    /// The peer to deliver to.
    public var peerName: String
    /// Where the delivery stands.
    public var status: Status
    /// Attempts made so far.
    public var attempts: Int
    /// When the next attempt is due.
    public var nextAttemptAt: Date
    /// What went wrong last.
    public var lastError: String?
    /// When it was queued.
    public var createdAt: Date
    /// When the peer confirmed it.
    public var deliveredAt: Date?

    /// Creates a record.
    public init(
        id: Int64 = 0,
        transactionID: Int64,
        messageID: Int64,
        peerName: String,
        status: Status = .pending,
        attempts: Int = 0,
        nextAttemptAt: Date,
        lastError: String? = nil,
        createdAt: Date,
        deliveredAt: Date? = nil
    ) {
        self.id = id
        self.transactionID = transactionID
        self.messageID = messageID
        self.peerName = peerName
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
    }
}
