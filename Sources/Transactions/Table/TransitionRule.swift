/// One row of a transition table: what an event does to a transaction in a given state.
public struct TransitionRule<State: Hashable & Sendable, Event: Hashable & Sendable, Effect: Hashable & Sendable>:
    Hashable, Sendable
{
    /// The state the rule applies in.
    public var state: State
    /// The event.
    public var event: Event
    /// A condition that must hold besides the state, or `.always`.
    public var condition: TransitionCondition
    /// What happens.
    public var outcome: Outcome

    /// What a rule does.
    public enum Outcome: Hashable, Sendable {
        /// Move to a state (possibly the same one) and perform the effects.
        case moveTo(State, [Effect])
        /// Change nothing but record the event (a note, a repeated status) and perform the effects.
        case record([Effect])
        /// Refuse the event, with a reason a peer's or our staff would understand.
        case refuse(String)
    }

    /// Creates a rule.
    public init(_ state: State, _ event: Event, when condition: TransitionCondition = .always, _ outcome: Outcome) {
        self.state = state
        self.event = event
        self.condition = condition
        self.outcome = outcome
    }
}

/// A condition on a transaction's details, beyond its state, that a rule needs.
public enum TransitionCondition: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// No condition.
    case always
    /// The requested service includes loans (Loan or CopyOrLoan).
    case loanService
    /// The requested service includes copies (Copy or CopyOrLoan).
    case copyService
    /// The requester has asked to cancel and is waiting for the answer.
    case cancelPending
    /// The requester has asked to renew and is waiting for the answer.
    case renewalPending

    public var description: String { rawValue }
}

/// The facts about a transaction that ``TransitionCondition``s test.
public struct TransitionFacts: Hashable, Sendable {
    /// Whether loans are in scope for the request.
    public var allowsLoan: Bool
    /// Whether copies are in scope for the request.
    public var allowsCopy: Bool
    /// Whether a cancel request awaits its answer.
    public var cancelPending: Bool
    /// Whether a renewal request awaits its answer.
    public var renewalPending: Bool

    /// Creates facts.
    public init(allowsLoan: Bool, allowsCopy: Bool, cancelPending: Bool = false, renewalPending: Bool = false) {
        self.allowsLoan = allowsLoan
        self.allowsCopy = allowsCopy
        self.cancelPending = cancelPending
        self.renewalPending = renewalPending
    }

    /// Whether the condition holds.
    public func satisfies(_ condition: TransitionCondition) -> Bool {
        switch condition {
        case .always: true
        case .loanService: allowsLoan
        case .copyService: allowsCopy
        case .cancelPending: cancelPending
        case .renewalPending: renewalPending
        }
    }
}
