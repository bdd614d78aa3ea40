public import Foundation

/// One step in a transaction's history: what happened, who caused it, and the state before and after.
public struct EventRecord: Hashable, Sendable {
    /// Who caused an event.
    public enum Source: String, Hashable, Sendable, CaseIterable {
        /// A peer's message.
        case peer
        /// Our staff.
        case staff
        /// illgate itself (policy, timers).
        case system
    }

    /// The store's id (0 until inserted).
    public var id: Int64
    /// The transaction.
    public var transactionID: Int64
    /// When it happened.
    public var at: Date
    /// Who caused it.
    public var source: Source
    /// The event's name (the state machine's event).
    public var event: String
    /// The state before.
    public var fromState: String
    /// The state after (the same for a recorded event).
    public var toState: String
    /// The message that carried or resulted from the event, if any.
    public var messageID: Int64?
    /// Anything worth knowing: a warning, a staff note, an alert.
    public var detail: String?

    /// Creates a record.
    public init(
        id: Int64 = 0,
        transactionID: Int64,
        at: Date,
        source: Source,
        event: String,
        fromState: String,
        toState: String,
        messageID: Int64? = nil,
        detail: String? = nil
    ) {
        self.id = id
        self.transactionID = transactionID
        self.at = at
        self.source = source
        self.event = event
        self.fromState = fromState
        self.toState = toState
        self.messageID = messageID
        self.detail = detail
    }
}
