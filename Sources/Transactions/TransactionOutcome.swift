/// Where a transaction stands for statistics: still being worked on, supplied (the item was shipped or the
/// copy delivered, whatever happened after), or ended without supply.
public enum TransactionOutcome: String, Hashable, Sendable, CaseIterable {
    /// Not answered yet, or promised but not shipped.
    case open
    /// Shipped or delivered.
    case supplied
    /// The supplier could not supply.
    case unfilled
    /// The supplier offered other terms (RetryPossible); on our borrowing side the request was retried or
    /// waits for staff to accept the terms.
    case conditions
    /// Cancelled before supply.
    case cancelled
}

extension SupplierState {
    /// This state's outcome for statistics.
    public var outcome: TransactionOutcome {
        switch self {
        case .requestReceived, .expectToSupply, .willSupply: .open
        case .loaned, .received, .overdue, .recalled, .returnShipped, .holdReturn, .copyCompleted, .loanCompleted, .completedWithoutReturn: .supplied
        case .unfilled: .unfilled
        case .retryPossible: .conditions
        case .cancelled: .cancelled
        }
    }
}

extension RequesterState {
    /// This state's outcome for statistics.
    public var outcome: TransactionOutcome {
        switch self {
        case .requested, .expectToSupply, .willSupply: .open
        case .shipped, .received, .withPatron, .returnShipped, .awaitingBill, .copyDelivered, .completed, .completedWithoutReturn: .supplied
        case .unfilled: .unfilled
        case .conditionsOffered, .retried: .conditions
        case .cancelled: .cancelled
        }
    }
}

extension TransactionRole {
    /// The states of this role whose outcome is `outcome`, by raw value.
    public func states(withOutcome outcome: TransactionOutcome) -> [String] {
        switch self {
        case .supplier: SupplierState.allCases.filter { $0.outcome == outcome }.map(\.rawValue)
        case .requester: RequesterState.allCases.filter { $0.outcome == outcome }.map(\.rawValue)
        }
    }
}
