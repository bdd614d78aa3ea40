import ISO18626
import Testing

@testable import Transactions

// Shared vocabulary for the transition-table tests: the facts a rule can depend on, the outcome a test
// expects, and breadth-first search over the two state machines.

/// One combination of the facts a transition condition can test: the requested service and the two
/// pending flags. There are 12; every exhaustive test runs over all of them.
struct FactCase: Hashable, Sendable, CustomTestStringConvertible {
    var serviceType: ServiceType
    var cancelPending: Bool
    var renewalPending: Bool

    /// The facts, as the machines compute them from their stored fields.
    var facts: TransitionFacts {
        SupplierStateMachine(serviceType: serviceType, cancelPending: cancelPending, renewalPending: renewalPending).facts
    }

    var testDescription: String {
        "\(serviceType)\(cancelPending ? "+cancelPending" : "")\(renewalPending ? "+renewalPending" : "")"
    }

    /// All 12 combinations.
    static let all: [FactCase] = ServiceType.allCases.flatMap { service in
        [false, true].flatMap { cancel in
            [false, true].map { renew in FactCase(serviceType: service, cancelPending: cancel, renewalPending: renew) }
        }
    }
}

/// Which fact combinations a row of an expectation table covers: every non-nil field must match.
struct When: Hashable, Sendable, CustomStringConvertible {
    var services: Set<ServiceType>? = nil
    var cancelPending: Bool? = nil
    var renewalPending: Bool? = nil

    func matches(_ fact: FactCase) -> Bool {
        (services?.contains(fact.serviceType) ?? true)
            && (cancelPending.map { $0 == fact.cancelPending } ?? true)
            && (renewalPending.map { $0 == fact.renewalPending } ?? true)
    }

    static let any = When()
    /// Loan or CopyOrLoan.
    static let loanServices = When(services: [.loan, .copyOrLoan])
    /// Copy or CopyOrLoan.
    static let copyServices = When(services: [.copy, .copyOrLoan])
    static let copyOnly = When(services: [.copy])
    static let loanOnly = When(services: [.loan])
    static let cancelPending = When(cancelPending: true)
    static let noCancelPending = When(cancelPending: false)
    static let renewalPending = When(renewalPending: true)
    static let noRenewalPending = When(renewalPending: false)

    var description: String {
        var parts: [String] = []
        if let services { parts.append(services.map(\.rawValue).sorted().joined(separator: "|")) }
        if let cancelPending { parts.append(cancelPending ? "cancelPending" : "!cancelPending") }
        if let renewalPending { parts.append(renewalPending ? "renewalPending" : "!renewalPending") }
        return parts.isEmpty ? "any" : parts.joined(separator: ",")
    }
}

/// What a test expects a (state, event, facts) triple to do.
enum Expected<State: Hashable & Sendable, Effect: Hashable & Sendable>: Hashable, Sendable {
    /// Move to the state with exactly these effects.
    case moveTo(State, [Effect])
    /// Stay (a recorded event) with exactly these effects.
    case stay([Effect])
    /// Refuse, with a reason containing the text (any non-empty reason when the text is empty).
    case refuse(containing: String)

    static var refuse: Self { .refuse(containing: "") }
}

/// One row of an expectation table: the outcome for a list of states, an event and the facts `when` covers.
struct ExpectationRow<State: Hashable & Sendable, Event: Hashable & Sendable, Effect: Hashable & Sendable>: Sendable {
    var states: [State]
    var event: Event
    var when: When
    var expected: Expected<State, Effect>

    init(_ states: [State], _ event: Event, when: When = .any, _ expected: Expected<State, Effect>) {
        self.states = states
        self.event = event
        self.when = when
        self.expected = expected
    }
}

/// Checks a table's outcome against an expectation, recording an issue that names the triple.
func check<State, Event, Effect>(
    _ outcome: TransitionRule<State, Event, Effect>.Outcome,
    against expected: Expected<State, Effect>,
    normalise: (Effect) -> Effect = { $0 },
    _ label: @autoclosure () -> String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    switch (outcome, expected) {
    case (.moveTo(let next, let effects), .moveTo(let expectedNext, let expectedEffects)):
        #expect(next == expectedNext, "\(label()): moves to \(next)", sourceLocation: sourceLocation)
        #expect(effects.map(normalise) == expectedEffects, "\(label()): effects \(effects)", sourceLocation: sourceLocation)
    case (.record(let effects), .stay(let expectedEffects)):
        #expect(effects.map(normalise) == expectedEffects, "\(label()): effects \(effects)", sourceLocation: sourceLocation)
    case (.refuse(let reason), .refuse(let fragment)):
        #expect(!reason.isEmpty, "\(label()): empty refusal reason", sourceLocation: sourceLocation)
        if !fragment.isEmpty {
            #expect(reason.contains(fragment), "\(label()): reason '\(reason)' lacks '\(fragment)'", sourceLocation: sourceLocation)
        }
    default:
        Issue.record("\(label()): expected \(expected), got \(outcome)", sourceLocation: sourceLocation)
    }
}

// MARK: - Search over the machines

/// A machine that applies events; lets one breadth-first search serve both roles.
protocol EventMachine: Hashable, Sendable {
    associatedtype State: Hashable & Sendable & CaseIterable
    associatedtype Event: Hashable & Sendable & CaseIterable
    associatedtype Effect: Hashable & Sendable
    var state: State { get }
    mutating func apply(_ event: Event) -> Transition<State, Effect>
}

extension SupplierStateMachine: EventMachine {}
extension RequesterStateMachine: EventMachine {}

/// The machines reachable from `start` by accepted events, with the accepted edges.
struct MachineGraph<Machine: EventMachine> {
    var nodes: Set<Machine> = []
    var edges: [Machine: [(event: Machine.Event, next: Machine)]] = [:]

    init(from start: Machine) {
        var queue = [start]
        nodes = [start]
        var head = 0
        while head < queue.count {
            let machine = queue[head]
            head += 1
            var out: [(Machine.Event, Machine)] = []
            for event in Machine.Event.allCases {
                var next = machine
                if next.apply(event).isRefused { continue }
                out.append((event, next))
                if nodes.insert(next).inserted { queue.append(next) }
            }
            edges[machine] = out.map { (event: $0.0, next: $0.1) }
        }
    }

    /// The states of the reachable machines.
    var states: Set<Machine.State> { Set(nodes.map(\.state)) }

    /// The reachable machines from which a machine satisfying `goal` is reachable (a backward fixed point).
    func canReach(_ goal: (Machine) -> Bool) -> Set<Machine> {
        var good = Set(nodes.filter(goal))
        var changed = true
        while changed {
            changed = false
            for node in nodes where !good.contains(node) {
                if edges[node, default: []].contains(where: { good.contains($0.next) }) {
                    good.insert(node)
                    changed = true
                }
            }
        }
        return good
    }
}

/// The states reachable over the bare table from `start`, for a service type, letting the pending flags take
/// any value (an over-approximation of what the machines can do, which must agree with them on states).
func tableReachableStates<State, Event, Effect>(
    _ table: TransitionTable<State, Event, Effect>,
    from start: State,
    serviceType: ServiceType
) -> Set<State> {
    let facts = FactCase.all.filter { $0.serviceType == serviceType }.map(\.facts)
    var seen: Set<State> = [start]
    var queue = [start]
    while let state = queue.popLast() {
        for event in Event.allCases {
            for fact in facts {
                if case .moveTo(let next, _) = table.outcome(in: state, on: event, facts: fact), seen.insert(next).inserted {
                    queue.append(next)
                }
            }
        }
    }
    return seen
}

/// Restored machines of every state and every fact combination (reachable or not): what a database row can hold.
enum RestoredMachines {
    static let supplier: [SupplierStateMachine] = SupplierState.allCases.flatMap { state in
        FactCase.all.flatMap { fact in
            [false, true].map { answered in
                SupplierStateMachine(
                    state: state,
                    serviceType: fact.serviceType,
                    cancelPending: fact.cancelPending,
                    renewalPending: fact.renewalPending,
                    hasAnsweredRequest: answered
                )
            }
        }
    }

    static let requester: [RequesterStateMachine] = RequesterState.allCases.flatMap { state in
        FactCase.all.map { fact in
            RequesterStateMachine(
                state: state,
                serviceType: fact.serviceType,
                cancelPending: fact.cancelPending,
                renewalPending: fact.renewalPending
            )
        }
    }
}

extension RequesterEffect {
    /// The effect with any staff alert's text blanked, so that expectation tables do not depend on wording.
    var normalised: RequesterEffect {
        if case .alertStaff = self { return .alertStaff("") }
        return self
    }
}

extension SupplierEffect {
    /// A status message with the given reason (and optionally answer and explicit status).
    static func send(_ reason: ReasonForMessage = .statusChange, answer: Bool? = nil, status: Status? = nil) -> SupplierEffect {
        .sendStatus(reason: reason, answer: answer, status: status)
    }
}
