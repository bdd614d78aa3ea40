/// A role's transition table: rules written as data, looked up by state and event.
///
/// For every (state, event) pair the table gives exactly one answer: the first rule for the pair whose
/// condition holds, or, when none does, the table's default for the pair (a refusal naming the state, or
/// for a lenient role a record-only entry). ``outcome(in:on:facts:)`` is therefore total.
public struct TransitionTable<State, Event, Effect>: Sendable
where
    State: Hashable & Sendable & CaseIterable & CustomStringConvertible,
    Event: Hashable & Sendable & CaseIterable & CustomStringConvertible,
    Effect: Hashable & Sendable
{
    /// The rule type of this table.
    public typealias Rule = TransitionRule<State, Event, Effect>

    /// The rules in order of precedence.
    public let rules: [Rule]
    private let index: [Pair: [Rule]]
    private let fallback: @Sendable (State, Event) -> Rule.Outcome

    private struct Pair: Hashable {
        var state: State
        var event: Event
    }

    /// Creates a table.
    /// - Parameters:
    ///   - rules: the rules, first match wins.
    ///   - fallback: the outcome for pairs no rule covers.
    public init(rules: [Rule], fallback: @escaping @Sendable (State, Event) -> Rule.Outcome) {
        self.rules = rules
        self.fallback = fallback
        var index: [Pair: [Rule]] = [:]
        for rule in rules { index[Pair(state: rule.state, event: rule.event), default: []].append(rule) }
        self.index = index
    }

    /// What the event does in the state, given the transaction's facts.
    public func outcome(in state: State, on event: Event, facts: TransitionFacts) -> Rule.Outcome {
        for rule in index[Pair(state: state, event: event)] ?? [] where facts.satisfies(rule.condition) {
            return rule.outcome
        }
        return fallback(state, event)
    }

    /// The rules written for one pair (empty when the pair falls to the default).
    public func rules(in state: State, on event: Event) -> [Rule] {
        index[Pair(state: state, event: event)] ?? []
    }
}
