public import ISO18626

/// What the gateway must do after a borrowing transaction's event.
public enum RequesterEffect: Hashable, Sendable {
    /// Send the supplier a requesting agency message with this action.
    case sendAction(Action)
    /// Send a new request with the supplier's terms, as a new transaction (RequestType Retry).
    case sendRetryRequest
    /// Remember that we asked to cancel.
    case markCancelPending
    /// Remember that we asked to renew.
    case markRenewalPending
    /// Our cancel or renewal request has been answered.
    case clearPendingRequests
    /// Tell staff: something needs a person (a recall, a refused renewal).
    case alertStaff(String)
    /// The supplier's message does not fit the transaction's state; it is recorded, not refused.
    case warnOutOfOrder
}

extension RequesterEffect: CustomStringConvertible {
    public var description: String {
        switch self {
        case .sendAction(let action): "send \(action)"
        case .sendRetryRequest: "send retry request"
        case .markCancelPending: "cancel pending"
        case .markRenewalPending: "renewal pending"
        case .clearPendingRequests: "clear pending"
        case .alertStaff(let alert): "alert staff: \(alert)"
        case .warnOutOfOrder: "warn: out of order"
        }
    }
}
