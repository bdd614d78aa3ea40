extension TransitionTable {
    /// The table as text: one line per (state, event) pair that a rule covers, then the default.
    public func textDescription(title: String) -> String {
        var lines = ["# \(title)", "state\tevent\tcondition\toutcome"]
        for state in State.allCases {
            for event in Event.allCases {
                for rule in rules(in: state, on: event) {
                    lines.append("\(state)\t\(event)\t\(rule.condition)\t\(Self.describe(rule.outcome))")
                }
            }
        }
        lines.append("(any other pair)\t\t\t\(Self.describe(fallbackSample))")
        return lines.joined(separator: "\n")
    }

    /// The table as a Graphviz digraph: an edge for each rule that changes the state, labelled with the event.
    public func graphviz(title: String, isTerminal: (State) -> Bool) -> String {
        var lines = ["digraph \"\(title)\" {", "  rankdir=LR;", "  node [shape=box, style=rounded];"]
        for state in State.allCases where isTerminal(state) {
            lines.append("  \"\(state)\" [peripheries=2];")
        }
        for rule in rules {
            guard case .moveTo(let next, _) = rule.outcome, next != rule.state else { continue }
            let label = rule.condition == .always ? "\(rule.event)" : "\(rule.event) [\(rule.condition)]"
            lines.append("  \"\(rule.state)\" -> \"\(next)\" [label=\"\(label)\"];")
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    private var fallbackSample: Rule.Outcome {
        .refuse("refused, or for a peer's message in a lenient role recorded with a warning")
    }

    private static func list(_ effects: [Effect]) -> String {
        effects.isEmpty ? "" : " [" + effects.map { "\($0)" }.joined(separator: "; ") + "]"
    }

    private static func describe(_ outcome: Rule.Outcome) -> String {
        switch outcome {
        case .moveTo(let state, let effects): "-> \(state)" + list(effects)
        case .record(let effects): "record" + list(effects)
        case .refuse(let reason): "refuse: \(reason)"
        }
    }
}
