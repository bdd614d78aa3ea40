import ISO18626
import Testing

@testable import Transactions

/// The lending machine: what it sends, the flags it keeps, and that a refusal changes nothing.
@Suite("Supplier state machine")
struct SupplierStateMachineTests {
    /// Applies events in order, expecting each to be accepted into the given state; returns the effects of each.
    @discardableResult
    static func run(
        _ machine: inout SupplierStateMachine,
        _ steps: [(SupplierEvent, SupplierState)],
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> [[SupplierEffect]] {
        steps.map { event, expected in
            let from = machine.state
            let transition = machine.apply(event)
            guard case .applied(let was, let now, let effects) = transition else {
                Issue.record("\(event) in \(from) refused: \(transition)", sourceLocation: sourceLocation)
                return []
            }
            #expect(was == from, sourceLocation: sourceLocation)
            #expect(now == expected, "\(event) in \(from)", sourceLocation: sourceLocation)
            #expect(machine.state == expected, sourceLocation: sourceLocation)
            return effects
        }
    }

    // MARK: RequestResponse, then StatusChange

    /// Each possible first answer, with the service type it needs.
    static let firstAnswers: [(SupplierEvent, ServiceType, SupplierState)] = [
        (.expectToSupply, .loan, .expectToSupply),
        (.willSupply, .copy, .willSupply),
        (.unfilled, .copyOrLoan, .unfilled),
        (.retryPossible, .loan, .retryPossible),
        (.ship, .loan, .loaned),
        (.sendCopy, .copy, .copyCompleted),
    ]

    @Test("The first status answer goes out as RequestResponse", arguments: firstAnswers.indices)
    func firstAnswerIsRequestResponse(index: Int) {
        let (event, service, next) = Self.firstAnswers[index]
        var machine = SupplierStateMachine(serviceType: service)
        #expect(!machine.hasAnsweredRequest)
        let transition = machine.apply(event)
        guard case .applied(.requestReceived, next, let effects) = transition else {
            Issue.record("\(event): \(transition)")
            return
        }
        #expect(effects.first == .send(.requestResponse))
        #expect(!effects.contains(.send(.statusChange)))
        #expect(machine.hasAnsweredRequest)
    }

    @Test("Later status answers go out as StatusChange")
    func laterAnswersAreStatusChanges() {
        var machine = SupplierStateMachine(serviceType: .loan)
        let effects = Self.run(&machine, [
            (.expectToSupply, .expectToSupply), (.willSupply, .willSupply), (.ship, .loaned), (.markOverdue, .overdue),
            (.recall, .recalled), (.checkIn, .loanCompleted),
        ])
        #expect(effects == [
            [.send(.requestResponse)], [.send()], [.send()], [.send()], [.send()], [.send(), .clearPendingRequests],
        ])
    }

    @Test("A StatusRequestResponse or a Notification is not the first answer")
    func statusRequestAndNotesDoNotCount() {
        var machine = SupplierStateMachine(serviceType: .copy)
        #expect(machine.apply(.statusRequest) == .applied(from: .requestReceived, to: .requestReceived, effects: [.send(.statusRequestResponse)]))
        #expect(!machine.hasAnsweredRequest)
        #expect(machine.apply(.notify) == .applied(from: .requestReceived, to: .requestReceived, effects: [.send(.notification)]))
        #expect(!machine.hasAnsweredRequest)
        #expect(machine.apply(.notification) == .applied(from: .requestReceived, to: .requestReceived, effects: []))
        #expect(machine.apply(.cancel) == .applied(from: .requestReceived, to: .requestReceived, effects: [.awaitCancelDecision]))
        #expect(!machine.hasAnsweredRequest)
        #expect(machine.apply(.refuseCancel) == .applied(
            from: .requestReceived, to: .requestReceived, effects: [.send(.cancelResponse, answer: false), .clearPendingRequests]))
        // A CancelResponse is an answer (it is not turned into a RequestResponse, but no RequestResponse may follow).
        #expect(machine.hasAnsweredRequest)
        #expect(machine.apply(.sendCopy) == .applied(from: .requestReceived, to: .copyCompleted, effects: [.send()]))
    }

    @Test("A restored machine that has answered sends StatusChange")
    func restoredAnsweredMachine() {
        var machine = SupplierStateMachine(state: .requestReceived, serviceType: .loan, hasAnsweredRequest: true)
        #expect(machine.apply(.willSupply).effects == [.send()])
    }

    @Test("Accepted events: effects, flags and first-answer bookkeeping, for every restored machine and event",
          arguments: SupplierState.allCases)
    func acceptedEventsBookkeeping(state: SupplierState) {
        for before in RestoredMachines.supplier where before.state == state {
            for event in SupplierEvent.allCases {
                var machine = before
                let transition = machine.apply(event)
                let outcome = SupplierTransitionTable.table.outcome(in: before.state, on: event, facts: before.facts)
                let label = "\(event) on \(before)"
                #expect(machine.serviceType == before.serviceType)
                switch (outcome, transition) {
                case (.refuse(let reason), .refused(let refusal)):
                    #expect(reason == refusal, "\(label)")
                    #expect(machine == before, "a refused \(label) changed the machine")
                case (.moveTo(let next, let written), .applied(let from, let to, let effects)):
                    #expect(from == before.state && to == next && machine.state == next, "\(label)")
                    Self.checkEffects(written, effects, before, machine, label)
                case (.record(let written), .applied(let from, let to, let effects)):
                    #expect(from == before.state && to == before.state && machine.state == before.state, "\(label)")
                    Self.checkEffects(written, effects, before, machine, label)
                default:
                    Issue.record("\(label): table says \(outcome), machine did \(transition)")
                }
            }
        }
    }

    /// The machine returns the table's effects, the first StatusChange turned into a RequestResponse while
    /// nothing has been answered, and updates its flags as the effects say.
    static func checkEffects(
        _ written: [SupplierEffect],
        _ effects: [SupplierEffect],
        _ before: SupplierStateMachine,
        _ after: SupplierStateMachine,
        _ label: String
    ) {
        #expect(effects.count == written.count, "\(label)")
        var answered = before.hasAnsweredRequest
        for (written, effect) in zip(written, effects) {
            guard case .sendStatus(let reason, let answer, let status) = written else {
                #expect(effect == written, "\(label)")
                continue
            }
            if reason == .statusChange && !answered {
                #expect(effect == .sendStatus(reason: .requestResponse, answer: answer, status: status), "\(label)")
            } else {
                #expect(effect == written, "\(label)")
            }
            if reason != .notification && reason != .statusRequestResponse { answered = true }
        }
        #expect(after.hasAnsweredRequest == answered, "\(label): hasAnsweredRequest")
        let requestResponses = effects.filter { if case .sendStatus(.requestResponse, _, _) = $0 { true } else { false } }
        #expect(requestResponses.count <= (before.hasAnsweredRequest ? 0 : 1), "\(label): RequestResponse after an answer")

        if written.contains(.clearPendingRequests) {
            #expect(!after.cancelPending && !after.renewalPending, "\(label): flags not cleared")
        } else {
            #expect(after.cancelPending == (before.cancelPending || written.contains(.awaitCancelDecision)), "\(label)")
            #expect(after.renewalPending == (before.renewalPending || written.contains(.awaitRenewalDecision)), "\(label)")
        }
    }

    // MARK: Pending requests

    @Test("A Cancel sets cancelPending; accepting cancels and clears it", arguments: [SupplierState.requestReceived, .expectToSupply, .willSupply])
    func cancelAccepted(state: SupplierState) {
        var machine = SupplierStateMachine(state: state, serviceType: .loan, hasAnsweredRequest: state != .requestReceived)
        #expect(machine.apply(.cancel).effects == [.awaitCancelDecision])
        #expect(machine.cancelPending && machine.state == state)
        #expect(machine.apply(.cancel).effects == [.awaitCancelDecision], "a repeated Cancel is recorded")
        let transition = machine.apply(.acceptCancel)
        #expect(transition == .applied(from: state, to: .cancelled, effects: [.send(.cancelResponse, answer: true), .clearPendingRequests]))
        #expect(!machine.cancelPending && machine.state == .cancelled)
        #expect(machine.apply(.acceptCancel).isRefused)
    }

    @Test("Refusing a Cancel answers No, clears the flag and stays", arguments: [SupplierState.requestReceived, .expectToSupply, .willSupply])
    func cancelRefused(state: SupplierState) {
        var machine = SupplierStateMachine(state: state, serviceType: .copy, cancelPending: true, hasAnsweredRequest: true)
        #expect(machine.apply(.refuseCancel) == .applied(
            from: state, to: state, effects: [.send(.cancelResponse, answer: false), .clearPendingRequests]))
        #expect(!machine.cancelPending)
        #expect(machine.apply(.refuseCancel).isRefused, "answered already")
        #expect(machine.apply(.acceptCancel).isRefused, "answered already")
    }

    @Test("Unfilled and RetryPossible clear a pending cancel", arguments: [SupplierEvent.unfilled, .retryPossible])
    func closingClearsPendingCancel(event: SupplierEvent) {
        var machine = SupplierStateMachine(state: .willSupply, serviceType: .loan, cancelPending: true, hasAnsweredRequest: true)
        #expect(!machine.apply(event).isRefused)
        #expect(!machine.cancelPending && machine.state.isTerminal)
    }

    @Test("A Cancel after shipping is answered No at once and sets nothing", arguments: [SupplierState.loaned, .received, .overdue, .recalled, .holdReturn, .returnShipped])
    func cancelAfterShipping(state: SupplierState) {
        var machine = SupplierStateMachine(state: state, serviceType: .loan, hasAnsweredRequest: true)
        #expect(machine.apply(.cancel) == .applied(from: state, to: state, effects: [.send(.cancelResponse, answer: false)]))
        #expect(!machine.cancelPending)
    }

    @Test("A Renew sets renewalPending; granting answers Yes and clears it", arguments: [SupplierState.loaned, .received, .overdue])
    func renewalGranted(state: SupplierState) {
        var machine = SupplierStateMachine(state: state, serviceType: .copyOrLoan, hasAnsweredRequest: true)
        #expect(machine.apply(.renew) == .applied(from: state, to: state, effects: [.awaitRenewalDecision]))
        #expect(machine.renewalPending)
        let next: SupplierState = state == .overdue ? .received : state
        #expect(machine.apply(.grantRenewal) == .applied(
            from: state, to: next, effects: [.send(.renewResponse, answer: true), .clearPendingRequests]))
        #expect(!machine.renewalPending)
        #expect(machine.apply(.grantRenewal).isRefused, "answered already")
    }

    @Test("Refusing a Renew answers No, clears the flag and stays", arguments: [SupplierState.loaned, .received, .overdue])
    func renewalRefused(state: SupplierState) {
        var machine = SupplierStateMachine(state: state, serviceType: .loan, hasAnsweredRequest: true)
        _ = machine.apply(.renew)
        #expect(machine.apply(.refuseRenewal) == .applied(
            from: state, to: state, effects: [.send(.renewResponse, answer: false), .clearPendingRequests]))
        #expect(!machine.renewalPending && machine.state == state)
    }

    @Test("A Renew while recalled or holding returns is answered No at once", arguments: [SupplierState.recalled, .holdReturn])
    func renewRefusedAutomatically(state: SupplierState) {
        var machine = SupplierStateMachine(state: state, serviceType: .loan, hasAnsweredRequest: true)
        #expect(machine.apply(.renew) == .applied(from: state, to: state, effects: [.send(.renewResponse, answer: false)]))
        #expect(!machine.renewalPending)
    }

    @Test("A Renew for a copy is refused")
    func renewForCopyRefused() {
        var machine = SupplierStateMachine(state: .loaned, serviceType: .copy, hasAnsweredRequest: true)
        #expect(machine.apply(.renew).isRefused)
    }

    // MARK: Refusals change nothing

    @Test("A refused event leaves the machine unchanged, for every restored machine", arguments: SupplierEvent.allCases)
    func refusalChangesNothing(event: SupplierEvent) {
        var refusals = 0
        for before in RestoredMachines.supplier {
            var machine = before
            if case .refused(let reason) = machine.apply(event) {
                refusals += 1
                #expect(!reason.isEmpty)
                #expect(machine == before, "refused \(event) changed \(before) into \(machine)")
            }
        }
        // Status requests and notes are accepted everywhere; every other event is refused somewhere.
        let neverRefused: Set<SupplierEvent> = [.statusRequest, .notification, .notify]
        #expect((refusals == 0) == neverRefused.contains(event), "\(event): \(refusals) refusals")
    }

    // MARK: Whole flows

    @Test("Loan flow: WillSupply, Loaned, Received, renewals, overdue, ShippedReturn withdrawing a renewal, checked in")
    func loanFlow() {
        var machine = SupplierStateMachine(serviceType: .loan)
        let effects = Self.run(&machine, [
            (.statusRequest, .requestReceived),
            (.willSupply, .willSupply),
            (.ship, .loaned),
            (.received, .received),
            (.renew, .received),
            (.grantRenewal, .received),
            (.markOverdue, .overdue),
            (.renew, .overdue),
            (.refuseRenewal, .overdue),
            (.renew, .overdue),
            (.grantRenewal, .received),
            (.cancel, .received),
            (.renew, .received),
            (.shippedReturn, .returnShipped),
            (.statusRequest, .returnShipped),
            (.checkIn, .loanCompleted),
            (.statusRequest, .loanCompleted),
        ])
        #expect(effects == [
            [.send(.statusRequestResponse)],
            [.send(.requestResponse)],
            [.send()],
            [],
            [.awaitRenewalDecision],
            [.send(.renewResponse, answer: true), .clearPendingRequests],
            [.send()],
            [.awaitRenewalDecision],
            [.send(.renewResponse, answer: false), .clearPendingRequests],
            [.awaitRenewalDecision],
            [.send(.renewResponse, answer: true), .clearPendingRequests],
            [.send(.cancelResponse, answer: false)],
            [.awaitRenewalDecision],
            [.clearPendingRequests],
            [.send(.statusRequestResponse)],
            [.send(), .clearPendingRequests],
            [.send(.statusRequestResponse)],
        ])
        #expect(!machine.cancelPending && !machine.renewalPending)
    }

    @Test("Loan flow with a recall, a refused renewal and a hold on returns")
    func recallAndHoldFlow() {
        var machine = SupplierStateMachine(serviceType: .copyOrLoan)
        let effects = Self.run(&machine, [
            (.expectToSupply, .expectToSupply),
            (.ship, .loaned),
            (.holdReturns, .holdReturn),
            (.renew, .holdReturn),
            (.releaseHeldReturns, .received),
            (.recall, .recalled),
            (.renew, .recalled),
            (.completeWithoutReturn, .completedWithoutReturn),
        ])
        #expect(effects == [
            [.send(.requestResponse)],
            [.send()],
            [.send()],
            [.send(.renewResponse, answer: false)],
            [.send(status: .releaseHoldReturn)],
            [.send()],
            [.send(.renewResponse, answer: false)],
            [.send(), .clearPendingRequests],
        ])
        // Recalled -> HoldReturn is not in BRIEF §10.4: a recall already asks for the item back.
        var recalled = SupplierStateMachine(state: .recalled, serviceType: .loan, hasAnsweredRequest: true)
        #expect(recalled.apply(.holdReturns).isRefused)
    }

    @Test("Copy flow: ExpectToSupply, copy sent, Received recorded")
    func copyFlow() {
        var machine = SupplierStateMachine(serviceType: .copy)
        #expect(machine.apply(.ship).isRefused)
        let effects = Self.run(&machine, [
            (.expectToSupply, .expectToSupply), (.sendCopy, .copyCompleted), (.received, .copyCompleted),
        ])
        #expect(effects == [[.send(.requestResponse)], [.send()], []])
        #expect(machine.apply(.shippedReturn).isRefused)
        #expect(machine.apply(.checkIn).isRefused)
    }

    @Test("Received, ShippedReturn and ShippedForward before shipping are refused",
          arguments: [SupplierEvent.received, .shippedReturn, .shippedForward])
    func borrowerActionsBeforeShipping(event: SupplierEvent) {
        for state in [SupplierState.requestReceived, .expectToSupply, .willSupply] {
            var machine = SupplierStateMachine(state: state, serviceType: .loan)
            guard case .refused(let reason) = machine.apply(event) else {
                Issue.record("\(event) accepted in \(state)")
                continue
            }
            #expect(reason.contains("not been shipped"))
        }
    }
}
