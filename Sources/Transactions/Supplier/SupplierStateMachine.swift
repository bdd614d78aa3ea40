public import ISO18626

/// A lending transaction as a pure value: apply an event, get the new state and the effects to perform.
///
/// It reads no clock, database or network; the gateway stores it, performs the effects (sending the
/// status messages it names) and commits both together.
public struct SupplierStateMachine: TableDrivenMachine {
    /// The lending role's table.
    public static var table: SupplierTransitionTable.Table { SupplierTransitionTable.table }

    /// The current state.
    public private(set) var state: SupplierState
    /// The service the borrower asked for.
    public let serviceType: ServiceType
    /// Whether a cancel request awaits our answer.
    public private(set) var cancelPending: Bool
    /// Whether a renewal request awaits our answer.
    public private(set) var renewalPending: Bool
    /// Whether our first answer to the request (the only RequestResponse allowed) has gone out.
    public private(set) var hasAnsweredRequest: Bool

    /// Restores a transaction from its stored fields (a new request starts in ``SupplierState/requestReceived``).
    public init(
        state: SupplierState = .requestReceived,
        serviceType: ServiceType,
        cancelPending: Bool = false,
        renewalPending: Bool = false,
        hasAnsweredRequest: Bool = false
    ) {
        self.state = state
        self.serviceType = serviceType
        self.cancelPending = cancelPending
        self.renewalPending = renewalPending
        self.hasAnsweredRequest = hasAnsweredRequest
    }

    /// Applies an event.
    /// - Returns: the transition made (with the messages to send), or the refusal and its reason; a refused
    ///   event leaves the machine unchanged.
    public mutating func apply(_ event: SupplierEvent) -> Transition<SupplierState, SupplierEffect> {
        let transition = self.transition(on: event)
        guard case .applied(let from, let next, let effects) = transition else { return transition }
        state = next
        return .applied(from: from, to: next, effects: perform(effects))
    }

    /// Updates the flags the effects imply and turns the first status answer into a RequestResponse.
    private mutating func perform(_ effects: [SupplierEffect]) -> [SupplierEffect] {
        effects.map { effect in
            switch effect {
            case .awaitCancelDecision: cancelPending = true
            case .awaitRenewalDecision: renewalPending = true
            case .clearPendingRequests:
                cancelPending = false
                renewalPending = false
            case .sendStatus(let reason, let answer, let status):
                if reason == .statusChange, !hasAnsweredRequest {
                    hasAnsweredRequest = true
                    return .sendStatus(reason: .requestResponse, answer: answer, status: status)
                }
                if reason != .notification && reason != .statusRequestResponse { hasAnsweredRequest = true }
            case .billLoss: break
            }
            return effect
        }
    }
}
