public import ISO18626

/// A transaction's state machine driven by its role's ``TransitionTable``: what both roles' machines share.
///
/// A conforming machine keeps its state and the facts the table's conditions test (the service asked for,
/// the pending cancel and renewal requests), and says how its role's effects change its own fields. The
/// facts, the table lookup and the resulting transition are worked out here, once, for both roles.
public protocol TableDrivenMachine: Hashable, Sendable {
    /// The role's states.
    associatedtype State: Hashable & Sendable & CaseIterable & CustomStringConvertible
    /// The events the role reacts to.
    associatedtype Event: Hashable & Sendable & CaseIterable & CustomStringConvertible
    /// What the role does besides changing state.
    associatedtype Effect: Hashable & Sendable

    /// The role's transition table.
    static var table: TransitionTable<State, Event, Effect> { get }

    /// The current state.
    var state: State { get }
    /// The service the request asked for.
    var serviceType: ServiceType { get }
    /// Whether a cancel request awaits its answer.
    var cancelPending: Bool { get }
    /// Whether a renewal request awaits its answer.
    var renewalPending: Bool { get }
}

extension TableDrivenMachine {
    /// The facts the table's conditions test.
    public var facts: TransitionFacts {
        TransitionFacts(
            allowsLoan: serviceType != .copy,
            allowsCopy: serviceType != .loan,
            cancelPending: cancelPending,
            renewalPending: renewalPending
        )
    }

    /// What the table says the event does in the current state, as a transition; changes nothing; the
    /// machine's `apply` moves to the transition's state and performs its effects.
    public func transition(on event: Event) -> Transition<State, Effect> {
        switch Self.table.outcome(in: state, on: event, facts: facts) {
        case .refuse(let reason): .refused(reason: reason)
        case .record(let effects): .applied(from: state, to: state, effects: effects)
        case .moveTo(let next, let effects): .applied(from: state, to: next, effects: effects)
        }
    }
}
