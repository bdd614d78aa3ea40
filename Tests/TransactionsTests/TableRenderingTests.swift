import ISO18626
import Testing

@testable import Transactions

/// The tables as text and as Graphviz: every rule shows up, and the digraph has an edge for each state change.
@Suite("Table rendering")
struct TableRenderingTests {
    /// The edge lines the digraph must contain: one per rule that changes the state.
    static func expectedEdges<S, E, F>(_ table: TransitionTable<S, E, F>) -> [String] {
        table.rules.compactMap { rule in
            guard case .moveTo(let next, _) = rule.outcome, next != rule.state else { return nil }
            let label = rule.condition == .always ? "\(rule.event)" : "\(rule.event) [\(rule.condition)]"
            return "  \"\(rule.state)\" -> \"\(next)\" [label=\"\(label)\"];"
        }
    }

    static func checkGraphviz<S, E, F>(_ table: TransitionTable<S, E, F>, isTerminal: (S) -> Bool, title: String) {
        let dot = table.graphviz(title: title, isTerminal: isTerminal)
        let lines = dot.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "digraph \"\(title)\" {")
        #expect(lines.last == "}")
        #expect(dot.filter { $0 == "{" }.count == dot.filter { $0 == "}" }.count)

        let edges = lines.filter { $0.contains(" -> ") }
        let expected = expectedEdges(table)
        #expect(!expected.isEmpty)
        #expect(edges == expected, "the edges are exactly the state-changing rules, in order")
        for line in expected {
            #expect(lines.contains(line), "missing edge \(line)")
        }
        for edge in edges {
            // Every edge joins two states of the table, and never loops.
            let parts = edge.split(separator: "\"")
            #expect(parts.count >= 4)
            if parts.count >= 4 {
                #expect(parts[1] != parts[3], "self loop \(edge)")
                #expect(S.allCases.contains { "\($0)" == parts[1] } && S.allCases.contains { "\($0)" == parts[3] }, "\(edge)")
            }
        }
        // Terminal states are drawn with a double border, and only they.
        for state in S.allCases {
            #expect(lines.contains("  \"\(state)\" [peripheries=2];") == isTerminal(state), "\(state)")
        }
    }

    static func checkText<S, E, F>(_ table: TransitionTable<S, E, F>, title: String) {
        let text = table.textDescription(title: title)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "# \(title)")
        #expect(lines.count == table.rules.count + 3, "a header, a column line, one line per rule, the default")
        #expect(lines.last?.hasPrefix("(any other pair)") == true)
        let ruleLines = Array(lines.dropFirst(2).dropLast())
        for rule in table.rules {
            let prefix = "\(rule.state)\t\(rule.event)\t\(rule.condition)\t"
            let matching = ruleLines.filter { $0.hasPrefix(prefix) }
            #expect(matching.count == 1, "rule \(prefix) listed \(matching.count) times")
            if let line = matching.first {
                switch rule.outcome {
                case .moveTo(let next, _): #expect(line.dropFirst(prefix.count).hasPrefix("-> \(next)"), "\(line)")
                case .record: #expect(line.dropFirst(prefix.count).hasPrefix("record"), "\(line)")
                case .refuse(let reason): #expect(line.hasSuffix("refuse: \(reason)"), "\(line)")
                }
            }
        }
    }

    @Test("Supplier Graphviz: a digraph with an edge for every state-changing rule")
    func supplierGraphviz() {
        Self.checkGraphviz(SupplierTransitionTable.table, isTerminal: \.isTerminal, title: "illgate supplier")
        let dot = SupplierTransitionTable.table.graphviz(title: "x", isTerminal: \.isTerminal)
        #expect(dot.contains("\"requestReceived\" -> \"loaned\" [label=\"ship [loanService]\"];"))
        #expect(dot.contains("\"overdue\" -> \"received\" [label=\"grantRenewal [renewalPending]\"];"))
        #expect(!dot.contains("\"loaned\" -> \"loaned\""), "granting a renewal in loaned is no edge")
    }

    @Test("Requester Graphviz: a digraph with an edge for every state-changing rule")
    func requesterGraphviz() {
        Self.checkGraphviz(RequesterTransitionTable.table, isTerminal: \.isTerminal, title: "illgate requester")
        let dot = RequesterTransitionTable.table.graphviz(title: "x", isTerminal: \.isTerminal)
        #expect(dot.contains("\"copyDelivered\" -> \"completed\" [label=\"markReceived\"];"))
    }

    @Test("Supplier text: every rule listed once")
    func supplierText() {
        Self.checkText(SupplierTransitionTable.table, title: "supplier")
    }

    @Test("Requester text: every rule listed once")
    func requesterText() {
        Self.checkText(RequesterTransitionTable.table, title: "requester")
    }

    @Test("Effects describe themselves")
    func effectDescriptions() {
        #expect(SupplierEffect.send(.cancelResponse, answer: false).description == "send CancelResponse N")
        #expect(SupplierEffect.send(status: .releaseHoldReturn).description == "send ReleaseHoldReturn StatusChange")
        #expect(RequesterEffect.sendAction(.shippedReturn).description == "send ShippedReturn")
        #expect(RequesterEffect.warnOutOfOrder.description == "warn: out of order")
    }
}
