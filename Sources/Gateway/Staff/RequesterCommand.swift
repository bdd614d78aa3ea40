public import Transactions

/// A borrowing action by our staff.
public struct RequesterCommand: Sendable {
    /// What to do.
    public var event: RequesterEvent
    /// A note for the supplier's staff.
    public var note: String?

    /// Creates a command.
    public init(_ event: RequesterEvent, note: String? = nil) {
        self.event = event
        self.note = note
    }
}
