public import ISO18626

/// What can happen to a lending transaction: the borrower's actions and our staff's (or policy's) decisions.
public enum SupplierEvent: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    // The borrower's requesting agency messages.
    /// The borrower asks for the current status.
    case statusRequest
    /// The borrower received the item.
    case received
    /// The borrower asks to cancel.
    case cancel
    /// The borrower asks to renew.
    case renew
    /// The borrower sent the item back.
    case shippedReturn
    /// The borrower sent the item on to the return address.
    case shippedForward
    /// A note from the borrower; changes nothing.
    case notification
    /// The borrower cannot return the item for now (2021).
    case borrowerHoldsReturn
    /// The borrower lost the item (2021).
    case lost

    // Our decisions.
    /// Tell the borrower we expect to supply.
    case expectToSupply
    /// Tell the borrower we will supply.
    case willSupply
    /// Refuse: we cannot supply.
    case unfilled
    /// Offer other terms.
    case retryPossible
    /// Ship the loan.
    case ship
    /// Send the copy.
    case sendCopy
    /// The loaned item is back.
    case checkIn
    /// The loan is past due.
    case markOverdue
    /// Remind the borrower of an overdue loan (a Notification with status Overdue; the state does not change).
    case remind
    /// Ask for the item back early.
    case recall
    /// Close without return (lost, damaged, billed).
    case completeWithoutReturn
    /// The item is lost (staff say so, or the loan is long overdue): close without return and bill it.
    case markLost
    /// The item came back damaged: check it in and bill the damage.
    case markDamaged
    /// Agree to the borrower's cancel.
    case acceptCancel
    /// Refuse the borrower's cancel.
    case refuseCancel
    /// Agree to the borrower's renewal (a new due date).
    case grantRenewal
    /// Refuse the borrower's renewal.
    case refuseRenewal
    /// We cannot take returns for now (2021).
    case holdReturns
    /// We can take returns again (2021).
    case releaseHeldReturns
    /// Send the borrower a note.
    case notify

    /// The event a requesting agency message's action stands for.
    public init(action: Action) {
        switch action {
        case .statusRequest: self = .statusRequest
        case .received: self = .received
        case .cancel: self = .cancel
        case .renew: self = .renew
        case .shippedReturn: self = .shippedReturn
        case .shippedForward: self = .shippedForward
        case .notification: self = .notification
        case .holdReturn: self = .borrowerHoldsReturn
        case .lost: self = .lost
        }
    }

    /// Whether the event comes from the borrower (rather than from us).
    public var isFromPeer: Bool {
        switch self {
        case .statusRequest, .received, .cancel, .renew, .shippedReturn, .shippedForward, .notification,
            .borrowerHoldsReturn, .lost:
            true
        default: false
        }
    }

    public var description: String { rawValue }
}
