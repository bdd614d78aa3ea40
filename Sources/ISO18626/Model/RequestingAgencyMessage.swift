/// A message from the requester about a request: it was received, returned, is to be renewed or cancelled, ...
public struct RequestingAgencyMessage: Hashable, Sendable {
    /// Who is writing to whom, and the transaction ids.
    public var header: Header
    /// What the requester did or asks for.
    public var action: Action
    /// Free text for the supplier's staff.
    public var note: String?

    /// Creates a requesting agency message.
    public init(header: Header, action: Action, note: String? = nil) {
        self.header = header
        self.action = action
        self.note = note
    }
}
