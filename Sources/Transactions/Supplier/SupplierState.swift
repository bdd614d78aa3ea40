public import ISO18626

/// Where a lending transaction stands, as we the supplier see it.
///
/// Most states are the ISO 18626 statuses we report; a loan's time at the borrower is split into
/// ``loaned`` (shipped), ``received`` (the borrower said it arrived) and ``returnShipped`` (the borrower said
/// it is on its way back), all reported to the peer as status Loaned.
public enum SupplierState: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The request arrived; nothing is decided yet.
    case requestReceived
    /// We expect to supply.
    case expectToSupply
    /// The item is located and will be sent.
    case willSupply
    /// The item is shipped to the borrower.
    case loaned
    /// The borrower has the item.
    case received
    /// The loan is past its due date.
    case overdue
    /// We want the item back early.
    case recalled
    /// The borrower has sent the item back.
    case returnShipped
    /// We cannot take returns for now (2021).
    case holdReturn
    /// We could supply on other terms; final for this request id.
    case retryPossible
    /// We cannot supply.
    case unfilled
    /// Cancelled at the borrower's request.
    case cancelled
    /// The copy was sent.
    case copyCompleted
    /// The loaned item is back.
    case loanCompleted
    /// Closed without the item coming back (lost, damaged).
    case completedWithoutReturn

    /// Whether the transaction is over. A terminal state never changes again.
    public var isTerminal: Bool {
        switch self {
        case .retryPossible, .unfilled, .cancelled, .copyCompleted, .loanCompleted, .completedWithoutReturn: true
        default: false
        }
    }

    /// The ISO 18626 status a peer is told for this state.
    public var status: Status {
        switch self {
        case .requestReceived: .requestReceived
        case .expectToSupply: .expectToSupply
        case .willSupply: .willSupply
        case .loaned, .received, .returnShipped: .loaned
        case .overdue: .overdue
        case .recalled: .recalled
        case .holdReturn: .holdReturn
        case .retryPossible: .retryPossible
        case .unfilled: .unfilled
        case .cancelled: .cancelled
        case .copyCompleted: .copyCompleted
        case .loanCompleted: .loanCompleted
        case .completedWithoutReturn: .completedWithoutReturn
        }
    }

    /// Whether the item is out on loan (shipped and not yet back).
    public var isOnLoan: Bool {
        switch self {
        case .loaned, .received, .overdue, .recalled, .returnShipped, .holdReturn: true
        default: false
        }
    }

    public var description: String { rawValue }
}
