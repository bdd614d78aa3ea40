/// Where a borrowing transaction stands, as we the requester see it.
///
/// The supplier's statuses move us along, but the states are ours: where the item is and what we wait for.
/// Overdue and recall notices are recorded (and raised to staff) without leaving the state the item is in.
public enum RequesterState: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The request is sent (or queued for sending); the supplier has not answered.
    case requested
    /// The supplier expects to supply.
    case expectToSupply
    /// The supplier will supply.
    case willSupply
    /// The supplier offered other terms (RetryPossible); staff decide whether to retry.
    case conditionsOffered
    /// The supplier shipped the loan; it is on its way to us.
    case shipped
    /// The loan is in our hands.
    case received
    /// The loan is checked out to our patron.
    case withPatron
    /// We sent the loan back.
    case returnShipped
    /// We reported the loan lost or damaged and wait for the supplier's bill (CompletedWithoutReturn).
    case awaitingBill
    /// The supplier sent the copy; we have not confirmed it arrived.
    case copyDelivered
    /// Done: the loan is back at the supplier, or the copy arrived.
    case completed
    /// The supplier cannot supply.
    case unfilled
    /// Cancelled.
    case cancelled
    /// Closed without the loan going back (lost, damaged).
    case completedWithoutReturn
    /// Superseded by a retry request with the supplier's terms.
    case retried

    /// Whether the transaction is over. A terminal state never changes again.
    public var isTerminal: Bool {
        switch self {
        case .completed, .unfilled, .cancelled, .completedWithoutReturn, .retried: true
        default: false
        }
    }

    /// Whether we hold the loaned item.
    public var holdsItem: Bool {
        self == .received || self == .withPatron
    }

    public var description: String { rawValue }
}
