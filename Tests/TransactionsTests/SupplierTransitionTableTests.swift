import ISO18626
import Testing

@testable import Transactions

/// The lending side's table, pair by pair: it is strict, so the expectation table below lists every
/// (state, event, facts) triple that is accepted, and every triple it does not list must be refused.
@Suite("Supplier transition table")
struct SupplierTransitionTableTests {
    typealias Row = ExpectationRow<SupplierState, SupplierEvent, SupplierEffect>

    static let table = SupplierTransitionTable.table

    static let beforeShipping: [SupplierState] = [.requestReceived, .expectToSupply, .willSupply]
    static let atBorrower: [SupplierState] = [.loaned, .received, .overdue, .recalled, .holdReturn]
    static let onLoan: [SupplierState] = atBorrower + [.returnShipped]
    static let renewable: [SupplierState] = [.loaned, .received, .overdue]
    static let open: [SupplierState] = SupplierState.allCases.filter { !$0.isTerminal }
    static let terminal: [SupplierState] = SupplierState.allCases.filter(\.isTerminal)

    /// A StatusChange (or, for the first answer, RequestResponse) with the new state's status.
    static let change = SupplierEffect.send()

    /// Every accepted triple, and the refusals whose reason matters. ISO 18626 conventions: BRIEF.md §10.1-10.4.
    static let expectations: [Row] = [
        // Whatever the state (terminal ones too): a StatusRequest is answered with the current status,
        // a borrower's Notification changes nothing, and we may always send a note.
        Row(SupplierState.allCases, .statusRequest, .stay([.send(.statusRequestResponse)])),
        Row(SupplierState.allCases, .notification, .stay([])),
        Row(SupplierState.allCases, .notify, .stay([.send(.notification)])),

        // Received: only after shipping. Loaned -> received; repeats are recorded; a copy may be confirmed.
        Row(beforeShipping, .received, .refuse(containing: "not been shipped")),
        Row([.loaned], .received, .moveTo(.received, [])),
        Row([.received, .overdue, .recalled, .holdReturn, .copyCompleted], .received, .stay([])),

        // Cancel: before shipping it awaits our decision; once the loan is out or the copy sent it is answered No
        // at once (copyCompleted is terminal, but answering No changes nothing).
        Row(beforeShipping, .cancel, .stay([.awaitCancelDecision])),
        Row(onLoan + [.copyCompleted], .cancel, .stay([.send(.cancelResponse, answer: false)])),

        // Renew: awaits our decision while the loan is out; refused at once when recalled or held;
        // refused as an action once the item is on its way back.
        Row(renewable, .renew, when: .loanServices, .stay([.awaitRenewalDecision])),
        Row([.recalled, .holdReturn], .renew, .stay([.send(.renewResponse, answer: false)])),
        Row([.returnShipped], .renew, .refuse(containing: "already been sent back")),

        // ShippedReturn / ShippedForward: the item is on its way back; a renewal still awaiting our answer is
        // withdrawn with it. A recalled or held loan keeps its status (returnShipped reports Loaned, and
        // Recalled -> Loaned, HoldReturn -> Loaned are not in BRIEF §10.4).
        Row(renewable, .shippedReturn, .moveTo(.returnShipped, [.clearPendingRequests])),
        Row([.recalled, .holdReturn, .returnShipped], .shippedReturn, .stay([])),
        Row(beforeShipping, .shippedReturn, .refuse(containing: "not been shipped")),
        Row(renewable, .shippedForward, .moveTo(.returnShipped, [.clearPendingRequests])),
        Row([.recalled, .holdReturn, .returnShipped], .shippedForward, .stay([])),
        Row(beforeShipping, .shippedForward, .refuse(containing: "not been shipped")),

        // 2021 HoldReturn from the borrower: recorded for staff.
        Row([.loaned, .received, .overdue, .recalled], .borrowerHoldsReturn, .stay([])),
        // Lost, from the borrower (2021) or our staff (or a loan long overdue): the loan ends without return and is
        // billed; a held return is released first. An item back damaged is checked in with the damage billed.
        Row(onLoan.filter { $0 != .holdReturn }, .lost, .moveTo(.completedWithoutReturn, [change, .clearPendingRequests, .billLoss(.lost)])),
        Row([.holdReturn], .lost,
            .moveTo(.completedWithoutReturn, [.send(status: .releaseHoldReturn), change, .clearPendingRequests, .billLoss(.lost)])),
        Row(onLoan.filter { $0 != .holdReturn }, .markLost, .moveTo(.completedWithoutReturn, [change, .clearPendingRequests, .billLoss(.lost)])),
        Row([.holdReturn], .markLost,
            .moveTo(.completedWithoutReturn, [.send(status: .releaseHoldReturn), change, .clearPendingRequests, .billLoss(.lost)])),
        Row(onLoan.filter { $0 != .holdReturn }, .markDamaged, .moveTo(.loanCompleted, [change, .clearPendingRequests, .billLoss(.damaged)])),
        Row([.holdReturn], .markDamaged,
            .moveTo(.loanCompleted, [.send(status: .releaseHoldReturn), change, .clearPendingRequests, .billLoss(.damaged)])),
        // A lost item is neither renewed nor recalled, and the refusal says why.
        Row([.completedWithoutReturn], .renew, .refuse(containing: "billed as lost")),
        Row([.completedWithoutReturn], .recall, .refuse(containing: "billed as lost")),

        // Our answer to a new request: ExpectToSupply / WillSupply / Unfilled / RetryPossible.
        Row([.requestReceived], .expectToSupply, .moveTo(.expectToSupply, [change])),
        Row([.requestReceived, .expectToSupply], .willSupply, .moveTo(.willSupply, [change])),
        Row(beforeShipping, .unfilled, .moveTo(.unfilled, [change, .clearPendingRequests])),
        Row(beforeShipping, .retryPossible, .moveTo(.retryPossible, [change, .clearPendingRequests])),

        // Shipping: never while the borrower's Cancel awaits our decision (whatever the service type); otherwise
        // a loan only for loan services, a copy only for copy services.
        Row(beforeShipping, .ship, when: .cancelPending, .refuse(containing: "has asked to cancel")),
        Row(beforeShipping, .sendCopy, when: .cancelPending, .refuse(containing: "has asked to cancel")),
        Row(beforeShipping, .ship, when: When(services: [.loan, .copyOrLoan], cancelPending: false), .moveTo(.loaned, [change])),
        Row(beforeShipping, .ship, when: When(services: [.copy], cancelPending: false), .refuse(containing: "a copy was requested")),
        Row(beforeShipping, .sendCopy, when: When(services: [.copy, .copyOrLoan], cancelPending: false),
            .moveTo(.copyCompleted, [change])),
        Row(beforeShipping, .sendCopy, when: When(services: [.loan], cancelPending: false), .refuse(containing: "a loan was requested")),

        // Our side of a loan.
        // Held returns are released on the way to the end: HoldReturn -> ReleaseHoldReturn -> LoanCompleted.
        Row(onLoan.filter { $0 != .holdReturn }, .checkIn, .moveTo(.loanCompleted, [change, .clearPendingRequests])),
        Row([.holdReturn], .checkIn, .moveTo(.loanCompleted, [.send(status: .releaseHoldReturn), change, .clearPendingRequests])),
        // A recalled loan whose new due date passes becomes overdue (BRIEF §10.4 Recalled -> Overdue).
        Row([.loaned, .received, .recalled], .markOverdue, .moveTo(.overdue, [change])),
        // An overdue reminder is a Notification on an Overdue loan and changes nothing; anywhere else it is refused
        // (the first reminder of a loan not yet Overdue is the markOverdue status change, carrying the note).
        Row([.overdue], .remind, .stay([.send(.notification)])),
        Row(open.filter { $0 != .overdue }, .remind, .refuse(containing: "the loan is not overdue")),
        // A renewal awaiting our answer is answered before we recall the loan or stop taking returns.
        Row(renewable, .recall, when: .renewalPending, .refuse(containing: "has asked to renew")),
        Row(renewable, .recall, when: .noRenewalPending, .moveTo(.recalled, [change])),
        Row(onLoan.filter { $0 != .holdReturn }, .completeWithoutReturn, .moveTo(.completedWithoutReturn, [change, .clearPendingRequests])),
        Row([.holdReturn], .completeWithoutReturn,
            .moveTo(.completedWithoutReturn, [.send(status: .releaseHoldReturn), change, .clearPendingRequests])),
        Row(renewable, .holdReturns, when: .renewalPending, .refuse(containing: "has asked to renew")),
        Row(renewable, .holdReturns, when: .noRenewalPending, .moveTo(.holdReturn, [change])),
        Row([.holdReturn], .releaseHeldReturns, .moveTo(.received, [.send(status: .releaseHoldReturn)])),

        // acceptCancel / refuseCancel only with a pending cancel, and only before shipping.
        Row(beforeShipping, .acceptCancel, when: .cancelPending,
            .moveTo(.cancelled, [.send(.cancelResponse, answer: true), .clearPendingRequests])),
        Row(beforeShipping, .refuseCancel, when: .cancelPending,
            .stay([.send(.cancelResponse, answer: false), .clearPendingRequests])),
        Row(beforeShipping, .acceptCancel, when: .noCancelPending, .refuse(containing: "has not asked to cancel")),
        Row(beforeShipping, .refuseCancel, when: .noCancelPending, .refuse(containing: "has not asked to cancel")),
        Row(onLoan, .acceptCancel, .refuse),
        Row(onLoan, .refuseCancel, .refuse),

        // grantRenewal / refuseRenewal only with a pending renewal; granting from overdue goes back to received.
        Row([.loaned], .grantRenewal, when: .renewalPending,
            .moveTo(.loaned, [.send(.renewResponse, answer: true), .clearPendingRequests])),
        Row([.received, .overdue], .grantRenewal, when: .renewalPending,
            .moveTo(.received, [.send(.renewResponse, answer: true), .clearPendingRequests])),
        Row(renewable, .refuseRenewal, when: .renewalPending,
            .stay([.send(.renewResponse, answer: false), .clearPendingRequests])),
        Row(renewable, .grantRenewal, when: .noRenewalPending, .refuse(containing: "has not asked to renew")),
        Row(renewable, .refuseRenewal, when: .noRenewalPending, .refuse(containing: "has not asked to renew")),
        Row(open.filter { !renewable.contains($0) }, .grantRenewal, .refuse(containing: "has not asked to renew")),
        Row(open.filter { !renewable.contains($0) }, .refuseRenewal, .refuse(containing: "has not asked to renew")),
    ]

    /// The rows that cover a triple (the expectation table itself must not overlap).
    static func rows(_ state: SupplierState, _ event: SupplierEvent, _ fact: FactCase) -> [Row] {
        expectations.filter { $0.states.contains(state) && $0.event == event && $0.when.matches(fact) }
    }

    @Test("Totality and definiteness of every (state, event) pair", arguments: SupplierState.allCases, SupplierEvent.allCases)
    func definite(state: SupplierState, event: SupplierEvent) {
        TableInvariants.checkDefinite(Self.table, state, event)
    }

    @Test("Every (state, event, facts) triple has the expected outcome; anything unlisted is refused",
          arguments: SupplierState.allCases, SupplierEvent.allCases)
    func expectedOutcome(state: SupplierState, event: SupplierEvent) {
        for fact in FactCase.all {
            let rows = Self.rows(state, event, fact)
            #expect(rows.count <= 1, "the expectation table overlaps at (\(state), \(event), \(fact.testDescription))")
            let outcome = Self.table.outcome(in: state, on: event, facts: fact.facts)
            let label = "(\(state), \(event), \(fact.testDescription))"
            if let row = rows.first {
                check(outcome, against: row.expected, label)
            } else if state.isTerminal {
                check(outcome, against: .refuse(containing: "cannot change"), label)
            } else {
                check(outcome, against: .refuse, label)
            }
        }
    }

    @Test("Every rule of the table is covered by the expectation table")
    func everyRuleIsExpected() {
        for rule in Self.table.rules {
            let covered = FactCase.all.contains { fact in
                fact.facts.satisfies(rule.condition) && !Self.rows(rule.state, rule.event, fact).isEmpty
            }
            let isRefusal = if case .refuse = rule.outcome { true } else { false }
            #expect(covered || isRefusal, "rule (\(rule.state), \(rule.event), \(rule.condition)) has no expectation")
        }
    }

    @Test("Terminal states are final", arguments: SupplierState.allCases.filter(\.isTerminal))
    func terminalIsFinal(state: SupplierState) {
        TableInvariants.checkFinal(Self.table, state)
        // Besides answering a status request and exchanging notes, a terminal state accepts only a copy's Received
        // (recorded) and a Cancel after the copy was sent (answered No).
        for event in SupplierEvent.allCases where ![.statusRequest, .notification, .notify].contains(event) {
            for fact in FactCase.all {
                let outcome = Self.table.outcome(in: state, on: event, facts: fact.facts)
                if state == .copyCompleted, event == .received {
                    #expect(outcome == .record([]))
                } else if state == .copyCompleted, event == .cancel {
                    #expect(outcome == .record([.send(.cancelResponse, answer: false)]))
                } else if state == .completedWithoutReturn, event == .renew || event == .recall {
                    check(outcome, against: .refuse(containing: "billed as lost"), "(\(state), \(event))")
                } else {
                    check(outcome, against: .refuse(containing: "cannot change"), "(\(state), \(event), \(fact.testDescription))")
                }
            }
        }
    }

    @Test("The terminal states are exactly ISO 18626's terminal statuses")
    func terminalStatesMatchStatuses() {
        #expect(Set(Self.terminal) == [.retryPossible, .unfilled, .cancelled, .copyCompleted, .loanCompleted, .completedWithoutReturn])
        for state in SupplierState.allCases {
            #expect(state.isTerminal == state.status.isTerminal, "\(state)")
        }
        #expect(SupplierState.allCases.filter(\.isOnLoan) == [.loaned, .received, .overdue, .recalled, .returnShipped, .holdReturn])
        for state in [SupplierState.loaned, .received, .returnShipped] {
            #expect(state.status == .loaned)
        }
    }

    @Test("A status request is answered in every state, with any facts, by a StatusRequestResponse only")
    func statusRequestAnsweredEverywhere() {
        for state in SupplierState.allCases {
            for fact in FactCase.all {
                #expect(Self.table.outcome(in: state, on: .statusRequest, facts: fact.facts) == .record([.send(.statusRequestResponse)]))
            }
        }
    }

    @Test("A borrower's Notification never changes anything", arguments: SupplierState.allCases)
    func notificationChangesNothing(state: SupplierState) {
        for fact in FactCase.all {
            #expect(Self.table.outcome(in: state, on: .notification, facts: fact.facts) == .record([]))
        }
    }

    @Test("The borrower's events are exactly its ISO 18626 actions")
    func peerEventsAreActions() {
        let fromPeer = SupplierEvent.allCases.filter(\.isFromPeer)
        #expect(Set(fromPeer) == Set(Action.allCases.map(SupplierEvent.init(action:))))
        #expect(fromPeer.count == Action.allCases.count)
        let expected: [Action: SupplierEvent] = [
            .statusRequest: .statusRequest, .received: .received, .cancel: .cancel, .renew: .renew,
            .shippedReturn: .shippedReturn, .shippedForward: .shippedForward, .notification: .notification,
            .holdReturn: .borrowerHoldsReturn, .lost: .lost,
        ]
        for action in Action.allCases {
            #expect(SupplierEvent(action: action) == expected[action], "\(action)")
        }
    }

    @Test("The machine's facts follow the service type")
    func factsFollowServiceType() {
        #expect(SupplierStateMachine(serviceType: .loan).facts == TransitionFacts(allowsLoan: true, allowsCopy: false))
        #expect(SupplierStateMachine(serviceType: .copy).facts == TransitionFacts(allowsLoan: false, allowsCopy: true))
        #expect(SupplierStateMachine(serviceType: .copyOrLoan).facts == TransitionFacts(allowsLoan: true, allowsCopy: true))
        #expect(
            SupplierStateMachine(serviceType: .loan, cancelPending: true, renewalPending: true).facts
                == TransitionFacts(allowsLoan: true, allowsCopy: false, cancelPending: true, renewalPending: true)
        )
        for condition in TransitionCondition.allCases {
            #expect(TransitionFacts(allowsLoan: true, allowsCopy: true, cancelPending: true, renewalPending: true).satisfies(condition))
            #expect(TransitionFacts(allowsLoan: false, allowsCopy: false).satisfies(condition) == (condition == .always))
        }
    }
}
