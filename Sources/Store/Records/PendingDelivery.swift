public import Foundation

/// An outbox entry that is due, with the message it carries: what the dispatcher needs for one attempt,
/// read in one query.
public struct PendingDelivery: Hashable, Sendable {
    /// The outbox entry.
    public var entry: OutboxRecord
    /// The outbound message, with the body as it is to be sent.
    public var message: MessageRecord

    /// Creates a pending delivery.
    public init(entry: OutboxRecord, message: MessageRecord) {
        self.entry = entry
        self.message = message
    }
}
