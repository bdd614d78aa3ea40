/// The supplying agency's status for a request (`statusInfo/status`), sent in every supplying agency message.
///
/// Values are listed in the 2021-2 schema's order; ``holdReturn`` and ``releaseHoldReturn`` exist only in 2021.
public enum Status: String, ClosedCode {
    /// The supplier has the request but has decided nothing yet.
    case requestReceived = "RequestReceived"
    /// The supplier expects to fill the request, for example because its catalogue shows the item available.
    case expectToSupply = "ExpectToSupply"
    /// The supplier has located the item and will send it, but has not sent it yet.
    case willSupply = "WillSupply"
    /// The item has been sent and is on loan to the requester.
    case loaned = "Loaned"
    /// The loan is past its due date.
    case overdue = "Overdue"
    /// The supplier wants the loaned item back before its due date.
    case recalled = "Recalled"
    /// The supplier cannot fill the request as it stands but might with other details or later;
    /// the requester may send a new request of type Retry. Terminal for this request id.
    case retryPossible = "RetryPossible"
    /// The supplier cannot fill the request; the requester should try another supplier.
    case unfilled = "Unfilled"
    /// 2021 only: the supplier cannot accept returns for the time being.
    case holdReturn = "HoldReturn"
    /// 2021 only: the supplier ends a hold on returns and asks for the held items back now.
    case releaseHoldReturn = "ReleaseHoldReturn"
    /// A non-returnable item (such as a copy) has been sent; the transaction is finished.
    case copyCompleted = "CopyCompleted"
    /// The loaned item is back at the supplier; the transaction is finished.
    case loanCompleted = "LoanCompleted"
    /// The transaction was closed without the item coming back, for example because it was lost.
    case completedWithoutReturn = "CompletedWithoutReturn"
    /// The request was cancelled at the requester's wish.
    case cancelled = "Cancelled"

    /// The element the status appears in: `status`.
    public static var elementName: String { "status" }

    /// Whether no further status can follow for this request id.
    ///
    /// True for ``retryPossible``, ``unfilled``, ``cancelled``, ``copyCompleted``, ``loanCompleted``
    /// and ``completedWithoutReturn``.
    public var isTerminal: Bool {
        switch self {
        case .retryPossible, .unfilled, .cancelled, .copyCompleted, .loanCompleted, .completedWithoutReturn:
            true
        case .requestReceived, .expectToSupply, .willSupply, .loaned, .overdue, .recalled, .holdReturn,
            .releaseHoldReturn:
            false
        }
    }

    /// Whether the value exists only in the 2021 edition (``holdReturn``, ``releaseHoldReturn``),
    /// so a v1.2 schema rejects it.
    public var isOnlyIn2021: Bool {
        switch self {
        case .holdReturn, .releaseHoldReturn: true
        default: false
        }
    }
}
