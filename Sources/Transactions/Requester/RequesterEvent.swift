public import ISO18626

/// What can happen to a borrowing transaction: the supplier's messages and our staff's actions.
public enum RequesterEvent: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    // The supplier's messages.
    /// Status RequestReceived.
    case supplierReceivedRequest
    /// Status ExpectToSupply.
    case supplierExpectsToSupply
    /// Status WillSupply.
    case supplierWillSupply
    /// Status Loaned (shipped).
    case supplierLoaned
    /// Status Overdue.
    case supplierOverdue
    /// Status Recalled.
    case supplierRecalled
    /// Status RetryPossible.
    case supplierRetryPossible
    /// Status Unfilled.
    case supplierUnfilled
    /// Status CopyCompleted.
    case supplierCopyCompleted
    /// Status LoanCompleted.
    case supplierLoanCompleted
    /// Status CompletedWithoutReturn.
    case supplierCompletedWithoutReturn
    /// Status Cancelled, or a CancelResponse saying yes.
    case supplierCancelled
    /// A CancelResponse saying no.
    case supplierRefusedCancel
    /// A RenewResponse saying yes.
    case supplierRenewed
    /// A RenewResponse saying no.
    case supplierRefusedRenewal
    /// Status HoldReturn (2021).
    case supplierHoldsReturns
    /// Status ReleaseHoldReturn (2021).
    case supplierReleasesReturns
    /// A Notification, or a message without a status.
    case supplierNotification

    // Our actions.
    /// The item arrived.
    case markReceived
    /// Lend the item to our patron.
    case checkOutToPatron
    /// The patron gave it back.
    case checkInFromPatron
    /// Send the item back.
    case shipReturn
    /// Ask the supplier to renew.
    case requestRenewal
    /// Ask the supplier to cancel (or drop a request the supplier has already closed).
    case cancel
    /// Ask the supplier for the current status.
    case statusRequest
    /// Send the supplier a note.
    case notify
    /// The item is lost on our side.
    case reportLost
    /// The item was damaged on our side.
    case reportDamaged
    /// Accept the supplier's terms and send the request again.
    case retry

    /// The event a supplying agency message stands for.
    public init(message: SupplyingAgencyMessage) {
        let info = message.messageInfo
        switch info.reasonForMessage {
        case .notification:
            self = .supplierNotification
            return
        case .cancelResponse:
            if info.answerYesNo == true || message.statusInfo.status == .cancelled {
                self = .supplierCancelled
                return
            }
            // "No, it has already gone": the status says where the item is (CrossLink's illmock, 2017 D.2.1).
            switch message.statusInfo.status {
            case .loaned: self = .supplierLoaned
            case .copyCompleted: self = .supplierCopyCompleted
            default: self = .supplierRefusedCancel
            }
            return
        case .renewResponse:
            self = info.answerYesNo == false ? .supplierRefusedRenewal : .supplierRenewed
            return
        case .requestResponse, .statusRequestResponse, .statusChange:
            break
        }
        switch message.statusInfo.status {
        case .none: self = .supplierNotification
        case .requestReceived: self = .supplierReceivedRequest
        case .expectToSupply: self = .supplierExpectsToSupply
        case .willSupply: self = .supplierWillSupply
        case .loaned: self = .supplierLoaned
        case .overdue: self = .supplierOverdue
        case .recalled: self = .supplierRecalled
        case .retryPossible: self = .supplierRetryPossible
        case .unfilled: self = .supplierUnfilled
        case .copyCompleted: self = .supplierCopyCompleted
        case .loanCompleted: self = .supplierLoanCompleted
        case .completedWithoutReturn: self = .supplierCompletedWithoutReturn
        case .cancelled: self = .supplierCancelled
        case .holdReturn: self = .supplierHoldsReturns
        case .releaseHoldReturn: self = .supplierReleasesReturns
        }
    }

    /// Whether the event comes from the supplier (rather than from us).
    public var isFromPeer: Bool {
        rawValue.hasPrefix("supplier")
    }

    public var description: String { rawValue }
}
