/// What a requesting agency message asks or tells the supplier (`action`).
///
/// Values are listed in the 2021-2 schema's order; ``holdReturn`` and ``lost`` exist only in 2021.
public enum Action: String, ClosedCode {
    /// The requester asks for the current status; the supplier answers with a StatusRequestResponse.
    case statusRequest = "StatusRequest"
    /// The requester has received the item.
    case received = "Received"
    /// The requester asks to cancel the request; the supplier answers with a CancelResponse.
    case cancel = "Cancel"
    /// The requester asks for a longer loan; the supplier answers with a RenewResponse.
    case renew = "Renew"
    /// 2021 only: the requester cannot return the item for the time being.
    case holdReturn = "HoldReturn"
    /// The requester has sent the item back to the supplier.
    case shippedReturn = "ShippedReturn"
    /// The requester has sent the item on to the address given in the supplier's return information.
    case shippedForward = "ShippedForward"
    /// A free-text message in `note` that changes nothing in the transaction.
    case notification = "Notification"
    /// 2021 only: the item has been lost while at the requester.
    case lost = "Lost"

    /// The element the action appears in: `action`.
    public static var elementName: String { "action" }

    /// Whether the value exists only in the 2021 edition (``holdReturn``, ``lost``), so a v1.2 schema rejects it.
    public var isOnlyIn2021: Bool {
        switch self {
        case .holdReturn, .lost: true
        default: false
        }
    }
}
