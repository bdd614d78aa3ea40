public import Foundation
public import ISO18626

/// A peer's confirmation of a delivered message, as ``StoreWriter/record(_:)-(DeliveryConfirmation)`` stores
/// it: the outbox entry settled (delivered, or rejected with the reason) and the confirmation kept with the
/// message.
public struct DeliveryConfirmation: Hashable, Sendable {
    /// The outbox entry.
    public var entryID: Int64
    /// The message it delivered.
    public var messageID: Int64
    /// The confirmation as received.
    public var confirmation: String
    /// Its `messageStatus`: OK settles the entry as delivered, ERROR as rejected.
    public var status: MessageStatus
    /// The first error of an ERROR confirmation.
    public var error: ErrorData?
    /// Why the entry was rejected, shown by `illgate outbox list` (`nil` when delivered).
    public var rejection: String?
    /// When the confirmation arrived.
    public var at: Date

    /// Creates a record of a confirmation.
    public init(entryID: Int64, messageID: Int64, confirmation: String, status: MessageStatus, error: ErrorData?, rejection: String?, at: Date) {
        self.entryID = entryID
        self.messageID = messageID
        self.confirmation = confirmation
        self.status = status
        self.error = error
        self.rejection = rejection
        self.at = at
    }
}
