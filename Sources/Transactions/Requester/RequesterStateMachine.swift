public import ISO18626

/// A borrowing transaction as a pure value: apply an event, get the new state and the effects to perform.
public struct RequesterStateMachine: TableDrivenMachine {
    /// The borrowing role's table.
    public static var table: RequesterTransitionTable.Table { RequesterTransitionTable.table }

    /// The current state.
    public private(set) var state: RequesterState
    /// The service we asked for.
    public let serviceType: ServiceType
    /// Whether our cancel request awaits the supplier's answer.
    public private(set) var cancelPending: Bool
    /// Whether our renewal request awaits the supplier's answer.
    public private(set) var renewalPending: Bool

    /// Restores a transaction from its stored fields (a new request starts in ``RequesterState/requested``).
    public init(
        state: RequesterState = .requested,
        serviceType: ServiceType,
        cancelPending: Bool = false,
        renewalPending: Bool = false
    ) {
        self.state = state
        self.serviceType = serviceType
        self.cancelPending = cancelPending
        self.renewalPending = renewalPending
    }

    /// Applies an event. A supplier's message is never refused (at worst recorded with a warning effect);
    /// our own action may be.
    public mutating func apply(_ event: RequesterEvent) -> Transition<RequesterState, RequesterEffect> {
        let transition = self.transition(on: event)
        guard case .applied(_, let next, let effects) = transition else { return transition }
        state = next
        perform(effects)
        return transition
    }

    private mutating func perform(_ effects: [RequesterEffect]) {
        for effect in effects {
            switch effect {
            case .markCancelPending: cancelPending = true
            case .markRenewalPending: renewalPending = true
            case .clearPendingRequests:
                cancelPending = false
                renewalPending = false
            case .sendAction, .sendRetryRequest, .alertStaff, .warnOutOfOrder: break
            }
        }
    }
}
