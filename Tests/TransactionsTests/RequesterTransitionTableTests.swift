import ISO18626
import Testing

@testable import Transactions

/// The borrowing side's table, pair by pair: lenient towards the supplier (its messages are never refused;
/// those that do not fit are recorded with a warning), strict towards our own staff.
@Suite("Requester transition table")
struct RequesterTransitionTableTests {
    typealias Row = ExpectationRow<RequesterState, RequesterEvent, RequesterEffect>

    static let table = RequesterTransitionTable.table

    static let waiting: [RequesterState] = [.requested, .expectToSupply, .willSupply]
    static let holding: [RequesterState] = [.received, .withPatron]
    static let onLoan: [RequesterState] = [.shipped] + holding
    static let loanOut: [RequesterState] = onLoan + [.returnShipped]
    static let open: [RequesterState] = RequesterState.allCases.filter { !$0.isTerminal }
    static let peerEvents: [RequesterEvent] = RequesterEvent.allCases.filter(\.isFromPeer)
    static let ownEvents: [RequesterEvent] = RequesterEvent.allCases.filter { !$0.isFromPeer }

    /// A staff alert (its wording is not part of the expectation).
    static let alert = RequesterEffect.alertStaff("")

    /// Every triple that has an explicit rule. Any other supplier message is recorded with a warning; any other
    /// action of ours is refused.
    static let expectations: [Row] = [
        // The supplier's answers while we wait.
        Row(waiting, .supplierReceivedRequest, .stay([])),
        Row([.requested], .supplierExpectsToSupply, .moveTo(.expectToSupply, [])),
        Row([.expectToSupply], .supplierExpectsToSupply, .stay([])),
        Row([.requested, .expectToSupply], .supplierWillSupply, .moveTo(.willSupply, [])),
        Row([.willSupply], .supplierWillSupply, .stay([])),
        Row(waiting, .supplierRetryPossible, .moveTo(.conditionsOffered, [.clearPendingRequests])),
        Row(waiting + [.conditionsOffered], .supplierUnfilled, .moveTo(.unfilled, [.clearPendingRequests])),
        Row(waiting, .supplierCancelled, .moveTo(.cancelled, [.clearPendingRequests])),
        Row(waiting, .supplierRefusedCancel, .stay([.clearPendingRequests, alert])),

        // Shipping: loans and copies part ways.
        Row(waiting, .supplierLoaned, when: .loanServices, .moveTo(.shipped, [.clearPendingRequests])),
        Row(waiting, .supplierCopyCompleted, when: .copyServices, .moveTo(.copyDelivered, [.clearPendingRequests])),
        // After an early markReceived our cancel is still pending: a CancelResponse N with status Loaned answers it.
        Row(loanOut, .supplierLoaned, when: .cancelPending, .stay([.clearPendingRequests])),
        Row(loanOut, .supplierLoaned, when: .noCancelPending, .stay([])),

        // While the loan is out.
        Row(onLoan, .supplierOverdue, .stay([alert])),
        Row(onLoan, .supplierRecalled, .stay([alert])),
        Row([.returnShipped], .supplierOverdue, .stay([])),
        Row([.returnShipped], .supplierRecalled, .stay([])),
        Row(onLoan, .supplierRenewed, when: .renewalPending, .stay([.clearPendingRequests])),
        Row(onLoan, .supplierRefusedRenewal, when: .renewalPending, .stay([.clearPendingRequests, alert])),
        Row(loanOut, .supplierHoldsReturns, .stay([alert])),
        Row(loanOut, .supplierReleasesReturns, .stay([alert])),
        Row(loanOut, .supplierLoanCompleted, .moveTo(.completed, [.clearPendingRequests])),
        Row(loanOut, .supplierCompletedWithoutReturn, .moveTo(.completedWithoutReturn, [.clearPendingRequests])),

        // The supplier repeating the status we are already in (an answer to our StatusRequest, a re-sent
        // StatusChange, a Cancelled StatusChange after a CancelResponse Y) is recorded quietly.
        Row([.copyDelivered], .supplierCopyCompleted, .stay([])),
        Row([.conditionsOffered], .supplierRetryPossible, .stay([])),
        Row([.unfilled], .supplierUnfilled, .stay([])),
        Row([.cancelled], .supplierCancelled, .stay([])),
        Row([.completed], .supplierLoanCompleted, .stay([])),
        Row([.completed], .supplierCopyCompleted, .stay([])),
        Row([.completedWithoutReturn], .supplierCompletedWithoutReturn, .stay([])),

        // A refused cancel arriving after the shipment it was refused for: it answers our question, no alert.
        Row(loanOut + [.copyDelivered], .supplierRefusedCancel, .stay([.clearPendingRequests])),

        // Notes never change anything, in any state.
        Row(RequesterState.allCases, .supplierNotification, .stay([])),

        // Our own actions.
        Row([.shipped] + waiting, .markReceived, when: .loanServices, .moveTo(.received, [.sendAction(.received)])),
        Row([.copyDelivered], .markReceived, .moveTo(.completed, [.sendAction(.received)])),
        Row([.received], .checkOutToPatron, .moveTo(.withPatron, [])),
        Row([.withPatron], .checkInFromPatron, .moveTo(.received, [])),
        Row(holding, .shipReturn, .moveTo(.returnShipped, [.sendAction(.shippedReturn)])),
        Row(onLoan, .requestRenewal, when: .renewalPending, .refuse(containing: "already awaits")),
        Row(onLoan, .requestRenewal, when: .noRenewalPending, .stay([.sendAction(.renew), .markRenewalPending])),
        Row(waiting, .cancel, when: .cancelPending, .refuse(containing: "already awaits")),
        Row(waiting, .cancel, when: .noCancelPending, .stay([.sendAction(.cancel), .markCancelPending])),
        Row([.conditionsOffered], .cancel, .moveTo(.cancelled, [])),
        Row(onLoan, .cancel, .refuse(containing: "shipped")),
        Row(open.filter { $0 != .conditionsOffered }, .statusRequest, .stay([.sendAction(.statusRequest)])),
        Row(open, .notify, .stay([.sendAction(.notification)])),
        // Lost or damaged: the supplier is told and we wait for its bill; the item may still go back.
        Row(onLoan, .reportLost, .moveTo(.awaitingBill, [.sendAction(.lost)])),
        Row(onLoan, .reportDamaged, .moveTo(.awaitingBill, [.sendAction(.notification)])),
        Row([.returnShipped], .reportDamaged, .stay([.sendAction(.notification)])),
        Row([.awaitingBill], .requestRenewal, .refuse(containing: "reported lost or damaged")),
        Row([.awaitingBill], .shipReturn, .moveTo(.returnShipped, [.sendAction(.shippedReturn)])),
        Row([.awaitingBill], .supplierRecalled, .stay([alert])),
        Row([.awaitingBill], .supplierOverdue, .stay([])),
        Row([.awaitingBill], .supplierLoaned, .stay([])),
        Row([.awaitingBill], .supplierCompletedWithoutReturn, .moveTo(.completedWithoutReturn, [.clearPendingRequests])),
        Row([.awaitingBill], .supplierLoanCompleted, .moveTo(.completed, [.clearPendingRequests])),
        Row([.conditionsOffered], .retry, .moveTo(.retried, [.sendRetryRequest])),
    ]

    static func rows(_ state: RequesterState, _ event: RequesterEvent, _ fact: FactCase) -> [Row] {
        expectations.filter { $0.states.contains(state) && $0.event == event && $0.when.matches(fact) }
    }

    @Test("Totality and definiteness of every (state, event) pair", arguments: RequesterState.allCases, RequesterEvent.allCases)
    func definite(state: RequesterState, event: RequesterEvent) {
        TableInvariants.checkDefinite(Self.table, state, event)
    }

    @Test("Every (state, event, facts) triple has the expected outcome; unlisted supplier messages warn, our actions are refused",
          arguments: RequesterState.allCases, RequesterEvent.allCases)
    func expectedOutcome(state: RequesterState, event: RequesterEvent) {
        for fact in FactCase.all {
            let rows = Self.rows(state, event, fact)
            #expect(rows.count <= 1, "the expectation table overlaps at (\(state), \(event), \(fact.testDescription))")
            let outcome = Self.table.outcome(in: state, on: event, facts: fact.facts)
            let label = "(\(state), \(event), \(fact.testDescription))"
            if let row = rows.first {
                check(outcome, against: row.expected, normalise: \.normalised, label)
            } else if event.isFromPeer {
                check(outcome, against: .stay([.warnOutOfOrder]), label)
            } else if state.isTerminal {
                check(outcome, against: .refuse(containing: "cannot change"), label)
            } else {
                check(outcome, against: .refuse(containing: "not possible"), label)
            }
        }
    }

    @Test("Every rule of the table is covered by the expectation table")
    func everyRuleIsExpected() {
        for rule in Self.table.rules {
            let covered = FactCase.all.contains { fact in
                fact.facts.satisfies(rule.condition) && !Self.rows(rule.state, rule.event, fact).isEmpty
            }
            #expect(covered, "rule (\(rule.state), \(rule.event), \(rule.condition)) has no expectation")
        }
    }

    @Test("A supplier's message is never refused, in any state, with any facts",
          arguments: RequesterState.allCases, RequesterEvent.allCases.filter(\.isFromPeer))
    func peerNeverRefused(state: RequesterState, event: RequesterEvent) {
        for fact in FactCase.all {
            let outcome = Self.table.outcome(in: state, on: event, facts: fact.facts)
            if case .refuse(let reason) = outcome {
                Issue.record("(\(state), \(event), \(fact.testDescription)) refused: \(reason)")
            }
        }
        let refusingRules = Self.table.rules(in: state, on: event).filter { if case .refuse = $0.outcome { true } else { false } }
        #expect(refusingRules.isEmpty)
    }

    @Test("Explicit rules never warn; only the lenient default does")
    func warningsOnlyFromDefault() {
        for rule in Self.table.rules {
            let effects: [RequesterEffect] = switch rule.outcome {
            case .moveTo(_, let effects), .record(let effects): effects
            case .refuse: []
            }
            #expect(!effects.contains(.warnOutOfOrder), "(\(rule.state), \(rule.event))")
            for case .alertStaff(let text) in effects {
                #expect(!text.isEmpty, "(\(rule.state), \(rule.event)): empty staff alert")
            }
        }
    }

    /// Out-of-order supplier messages, picked from the ISO 18626 flows: recorded with a warning, state unchanged.
    static let outOfOrder: [(RequesterState, RequesterEvent, ServiceType)] = [
        (.requested, .supplierLoaned, .copy),  // a loan for a copy request
        (.requested, .supplierCopyCompleted, .loan),  // a copy for a loan request
        (.willSupply, .supplierExpectsToSupply, .loan),  // going back
        (.shipped, .supplierWillSupply, .loan),
        (.shipped, .supplierCancelled, .loan),  // cancelled after shipping
        (.requested, .supplierOverdue, .loan),
        (.received, .supplierRenewed, .loan),  // no renewal pending
        (.returnShipped, .supplierRenewed, .loan),
        (.conditionsOffered, .supplierLoaned, .copyOrLoan),
        (.copyDelivered, .supplierLoaned, .copyOrLoan),
        (.completed, .supplierLoaned, .loan),  // after the end
        (.cancelled, .supplierWillSupply, .loan),
        (.unfilled, .supplierCancelled, .copy),  // a different final status after the end
        (.cancelled, .supplierUnfilled, .loan),
        (.completed, .supplierCompletedWithoutReturn, .loan),
        (.retried, .supplierRetryPossible, .copy),
        (.completedWithoutReturn, .supplierLoanCompleted, .loan),
    ]

    @Test("Out-of-order supplier messages are recorded with warnOutOfOrder and change nothing",
          arguments: outOfOrder.indices)
    func outOfOrderIsWarned(index: Int) {
        let (state, event, service) = Self.outOfOrder[index]
        var machine = RequesterStateMachine(state: state, serviceType: service)
        let before = machine
        #expect(machine.apply(event) == .applied(from: state, to: state, effects: [.warnOutOfOrder]))
        #expect(machine == before)
    }

    /// In each terminal state, the supplier messages that repeat the status that ended the transaction.
    static let finalStatusRepeats: [RequesterState: Set<RequesterEvent>] = [
        .unfilled: [.supplierUnfilled],
        .cancelled: [.supplierCancelled],
        .completed: [.supplierLoanCompleted, .supplierCopyCompleted],
        .completedWithoutReturn: [.supplierCompletedWithoutReturn],
        .retried: [],
    ]

    @Test("Terminal states: our own actions are refused; the supplier's repeat of the final status is recorded quietly, anything else warned",
          arguments: RequesterState.allCases.filter(\.isTerminal))
    func ownActionsRefusedWhenTerminal(state: RequesterState) {
        TableInvariants.checkFinal(Self.table, state)
        for event in Self.ownEvents {
            for fact in FactCase.all {
                check(Self.table.outcome(in: state, on: event, facts: fact.facts), against: .refuse(containing: "cannot change"),
                      "(\(state), \(event), \(fact.testDescription))")
            }
        }
        #expect(Self.finalStatusRepeats[state] != nil, "\(state) has no entry in finalStatusRepeats")
        let repeats = Self.finalStatusRepeats[state] ?? []
        for event in Self.peerEvents {
            for fact in FactCase.all {
                let outcome = Self.table.outcome(in: state, on: event, facts: fact.facts)
                if case .moveTo(let next, _) = outcome {
                    Issue.record("terminal \(state) moves to \(next) on \(event)")
                }
                let expected: TransitionRule<RequesterState, RequesterEvent, RequesterEffect>.Outcome =
                    event == .supplierNotification || repeats.contains(event) ? .record([]) : .record([.warnOutOfOrder])
                #expect(outcome == expected, "(\(state), \(event), \(fact.testDescription))")
            }
        }
    }

    @Test("The terminal states")
    func terminalStates() {
        #expect(Set(RequesterState.allCases.filter(\.isTerminal)) == [.completed, .unfilled, .cancelled, .completedWithoutReturn, .retried])
        #expect(RequesterState.allCases.filter(\.holdsItem) == [.received, .withPatron])
    }

    @Test("The supplier's events are exactly the supplier* cases")
    func peerEvents() {
        #expect(Set(Self.peerEvents) == [
            .supplierReceivedRequest, .supplierExpectsToSupply, .supplierWillSupply, .supplierLoaned, .supplierOverdue,
            .supplierRecalled, .supplierRetryPossible, .supplierUnfilled, .supplierCopyCompleted, .supplierLoanCompleted,
            .supplierCompletedWithoutReturn, .supplierCancelled, .supplierRefusedCancel, .supplierRenewed,
            .supplierRefusedRenewal, .supplierHoldsReturns, .supplierReleasesReturns, .supplierNotification,
        ])
        #expect(Set(Self.ownEvents) == [
            .markReceived, .checkOutToPatron, .checkInFromPatron, .shipReturn, .requestRenewal, .cancel, .statusRequest,
            .notify, .reportLost, .reportDamaged, .retry,
        ])
    }
}
