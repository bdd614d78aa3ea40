import ISO18626
import Testing

@testable import Transactions

/// Checks that hold for both roles' tables, written once.
enum TableInvariants {
    /// Totality and definiteness for one (state, event) pair, over every fact combination:
    /// - the rules `rules(in:on:)` returns are exactly the table's rules for the pair, in order;
    /// - no two rules for the pair have the same condition, and none is dead (each one is the rule chosen
    ///   for at least one fact combination);
    /// - the outcome is that of the first rule whose condition holds, or the default when none does;
    /// - a refusal always carries a reason.
    static func checkDefinite<State, Event, Effect>(
        _ table: TransitionTable<State, Event, Effect>,
        _ state: State,
        _ event: Event,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let rules = table.rules(in: state, on: event)
        let written = table.rules.filter { $0.state == state && $0.event == event }
        #expect(rules == written, "(\(state), \(event)): index disagrees with the rule list", sourceLocation: sourceLocation)

        let conditions = rules.map(\.condition)
        #expect(
            Set(conditions).count == conditions.count,
            "(\(state), \(event)): two rules with the same condition: \(conditions)",
            sourceLocation: sourceLocation
        )

        var chosen = Set<Int>()
        for fact in FactCase.all {
            let outcome = table.outcome(in: state, on: event, facts: fact.facts)
            if let index = rules.firstIndex(where: { fact.facts.satisfies($0.condition) }) {
                chosen.insert(index)
                #expect(outcome == rules[index].outcome, "(\(state), \(event), \(fact.testDescription))", sourceLocation: sourceLocation)
            }
            if case .refuse(let reason) = outcome {
                let blank = reason.allSatisfy { $0.isWhitespace }
                #expect(
                    !blank,
                    "(\(state), \(event), \(fact.testDescription)): refusal without a reason",
                    sourceLocation: sourceLocation
                )
            }
        }
        for (index, rule) in rules.enumerated() where !chosen.contains(index) {
            Issue.record("(\(state), \(event)): rule \(rule.condition) -> \(rule.outcome) is never chosen (dead)", sourceLocation: sourceLocation)
        }
    }

    /// In a terminal state no event, with any facts, moves to another state.
    static func checkFinal<State, Event, Effect>(
        _ table: TransitionTable<State, Event, Effect>,
        _ state: State,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for event in Event.allCases {
            for rule in table.rules(in: state, on: event) {
                if case .moveTo(let next, _) = rule.outcome {
                    #expect(next == state, "terminal \(state) has a rule \(event) -> \(next)", sourceLocation: sourceLocation)
                }
            }
            for fact in FactCase.all {
                if case .moveTo(let next, _) = table.outcome(in: state, on: event, facts: fact.facts) {
                    #expect(next == state, "terminal \(state) moves to \(next) on \(event) (\(fact.testDescription))", sourceLocation: sourceLocation)
                }
            }
        }
    }
}
