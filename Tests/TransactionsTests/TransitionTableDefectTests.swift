import Foundation
import ISO18626
import Testing

@testable import Transactions

/// The tables against ISO 18626 practice (BRIEF.md §10) and against their own stated rules: each test guards a
/// defect the review found and that is fixed.
@Suite("Transition tables against ISO 18626 practice")
struct TransitionTableDefectTests {
    static let supplierGraphs = ServiceType.allCases.map { MachineGraph(from: SupplierStateMachine(serviceType: $0)) }
    static let requesterGraphs = ServiceType.allCases.map { MachineGraph(from: RequesterStateMachine(serviceType: $0)) }

    // MARK: Supplier: pending requests that can no longer be answered

    /// The borrower's Cancel before shipping awaits our decision (cancelPending). Shipping the loan or sending the
    /// copy is refused until we accept or refuse it (whatever the service type), so the Cancel can never be left
    /// unanswered behind a shipment (BRIEF §10.2).
    @Test("Supplier: a pending cancel is always answerable; shipping waits for the decision")
    func pendingCancelStaysAnswerable() {
        var orphaned: Set<String> = []
        for graph in Self.supplierGraphs {
            for machine in graph.nodes where machine.cancelPending {
                if machine.state.isTerminal {
                    orphaned.insert("\(machine.state) (terminal, flag left set)")
                    continue
                }
                var accept = machine
                var refuse = machine
                if accept.apply(.acceptCancel).isRefused && refuse.apply(.refuseCancel).isRefused {
                    orphaned.insert("\(machine.state)")
                }
            }
        }
        #expect(orphaned.isEmpty, "cancelPending but no answer possible in: \(orphaned.sorted())")

        // The concrete cases: ship / sendCopy are refused and change nothing (the flag stays set: the Cancel still
        // awaits our answer); once the Cancel is refused, shipping goes ahead.
        for (service, event, next) in [(ServiceType.loan, SupplierEvent.ship, SupplierState.loaned), (.copy, .sendCopy, .copyCompleted),
                                       (.copyOrLoan, .ship, .loaned), (.copyOrLoan, .sendCopy, .copyCompleted)] {
            for state in [SupplierState.requestReceived, .expectToSupply, .willSupply] {
                var machine = SupplierStateMachine(state: state, serviceType: service, hasAnsweredRequest: true)
                #expect(machine.apply(.cancel).effects == [.awaitCancelDecision])
                let before = machine
                let shipped = machine.apply(event)
                #expect(shipped == .refused(reason: "the borrower has asked to cancel: accept or refuse the cancel first"), "\(event) in \(state), \(service)")
                #expect(machine == before && machine.cancelPending, "a refused \(event) changed the machine")
                #expect(machine.apply(.refuseCancel).effects == [.send(.cancelResponse, answer: false), .clearPendingRequests])
                #expect(machine.apply(event) == .applied(from: state, to: next, effects: [.send()]), "\(event) after the refused cancel")
            }
        }

        // The cancel rule comes before the service rules: with a cancel pending, the wrong kind of shipment is also
        // refused for the pending cancel.
        var loan = SupplierStateMachine(state: .willSupply, serviceType: .loan, cancelPending: true, hasAnsweredRequest: true)
        #expect(loan.apply(.sendCopy) == .refused(reason: "the borrower has asked to cancel: accept or refuse the cancel first"))
        var copy = SupplierStateMachine(state: .willSupply, serviceType: .copy, cancelPending: true, hasAnsweredRequest: true)
        #expect(copy.apply(.ship) == .refused(reason: "the borrower has asked to cancel: accept or refuse the cancel first"))
    }

    /// A Renew in loaned/received/overdue awaits our decision (renewalPending). Recalling the item or stopping
    /// returns is refused until we grant or refuse it; the borrower sending the item back (ShippedReturn /
    /// ShippedForward) withdraws it and clears the flag. So no reachable machine holds a renewal it cannot answer.
    @Test("Supplier: a pending renewal is always answerable; recall and hold wait for the decision, a return withdraws it")
    func pendingRenewalStaysAnswerable() {
        var orphaned: Set<String> = []
        for graph in Self.supplierGraphs {
            for machine in graph.nodes where machine.renewalPending {
                if machine.state.isTerminal {
                    orphaned.insert("\(machine.state) (terminal, flag left set)")
                    continue
                }
                var grant = machine
                var refuse = machine
                if grant.apply(.grantRenewal).isRefused && refuse.apply(.refuseRenewal).isRefused {
                    orphaned.insert("\(machine.state)")
                }
            }
        }
        #expect(orphaned.isEmpty, "renewalPending but no answer possible in: \(orphaned.sorted())")

        for state in [SupplierState.loaned, .received, .overdue] {
            // Recall and hold: refused, nothing changes; after the answer they go ahead.
            for (event, next) in [(SupplierEvent.recall, SupplierState.recalled), (.holdReturns, .holdReturn)] {
                var machine = SupplierStateMachine(state: state, serviceType: .loan, hasAnsweredRequest: true)
                #expect(machine.apply(.renew).effects == [.awaitRenewalDecision])
                let before = machine
                #expect(machine.apply(event) == .refused(reason: "the borrower has asked to renew: grant or refuse the renewal first"),
                        "\(event) in \(state)")
                #expect(machine == before && machine.renewalPending)
                #expect(machine.apply(.refuseRenewal).effects == [.send(.renewResponse, answer: false), .clearPendingRequests])
                #expect(machine.apply(event) == .applied(from: state, to: next, effects: [.send()]), "\(event) after the refused renewal")
            }
            // The borrower sends the item back: the renewal request is withdrawn.
            for event in [SupplierEvent.shippedReturn, .shippedForward] {
                var machine = SupplierStateMachine(state: state, serviceType: .loan, hasAnsweredRequest: true)
                _ = machine.apply(.renew)
                #expect(machine.apply(event) == .applied(from: state, to: .returnShipped, effects: [.clearPendingRequests]))
                #expect(!machine.renewalPending)
                #expect(machine.apply(.grantRenewal).isRefused && machine.apply(.refuseRenewal).isRefused, "nothing left to answer")
            }
        }
    }

    // MARK: Supplier: status sequence against BRIEF §10.4

    /// BRIEF §10.4's consolidated table of valid supplier status changes (plus §10.1's ReleaseHoldReturn -> Loaned).
    static let validStatusChanges: [Status: Set<Status>] = [
        .requestReceived: [.expectToSupply, .willSupply, .loaned, .copyCompleted, .retryPossible, .unfilled, .cancelled],
        .expectToSupply: [.willSupply, .loaned, .copyCompleted, .retryPossible, .unfilled, .cancelled],
        .willSupply: [.loaned, .copyCompleted, .retryPossible, .unfilled, .cancelled],
        .loaned: [.overdue, .recalled, .loanCompleted, .completedWithoutReturn, .holdReturn],
        .overdue: [.loaned, .recalled, .loanCompleted, .completedWithoutReturn, .holdReturn],
        .recalled: [.overdue, .loanCompleted, .completedWithoutReturn],
        .holdReturn: [.releaseHoldReturn],
        .releaseHoldReturn: [.overdue, .loanCompleted, .completedWithoutReturn, .loaned],
    ]

    /// The status changes a peer sees along every reachable transition (the status of the state, and a
    /// ReleaseHoldReturn sent on the way).
    static func statusChanges() -> Set<String> {
        var changes: Set<String> = []
        for graph in supplierGraphs {
            for (machine, edges) in graph.edges {
                for edge in edges where edge.next.state != machine.state {
                    var path = [machine.state.status]
                    var probe = machine
                    for case .sendStatus(_, _, let status?) in probe.apply(edge.event).effects { path.append(status) }
                    path.append(edge.next.state.status)
                    for (from, to) in zip(path, path.dropFirst()) where from != to {
                        changes.insert("\(from) -> \(to) [\(machine.state) --\(edge.event)--> \(edge.next.state)]")
                    }
                }
            }
        }
        return changes
    }

    /// Decided: a recalled or held loan keeps its status when the borrower sends the item back (no Recalled ->
    /// Loaned or HoldReturn -> Loaned, which CrossLink's rank check rejects), a recall is not followed by a hold
    /// (no Recalled -> HoldReturn), and checking in or closing a held loan releases the hold first (HoldReturn ->
    /// ReleaseHoldReturn -> LoanCompleted / CompletedWithoutReturn).
    @Test("Supplier: every status change the table makes is in BRIEF §10.4's list")
    func statusChangesAreValid() {
        let invalid = Self.statusChanges().filter { change in
            let parts = change.split(separator: " ")
            guard let from = Status(rawValue: String(parts[0])), let to = Status(rawValue: String(parts[2])) else { return true }
            return !(Self.validStatusChanges[from]?.contains(to) ?? false)
        }
        #expect(invalid.isEmpty, "not in BRIEF §10.4:\n\(invalid.sorted().joined(separator: "\n"))")
        // The decided cases, concretely.
        for state in [SupplierState.recalled, .holdReturn] {
            for event in [SupplierEvent.shippedReturn, .shippedForward] {
                var machine = SupplierStateMachine(state: state, serviceType: .loan, hasAnsweredRequest: true)
                #expect(machine.apply(event) == .applied(from: state, to: state, effects: []), "\(event) in \(state)")
            }
        }
        var held = SupplierStateMachine(state: .holdReturn, serviceType: .loan, hasAnsweredRequest: true)
        #expect(held.apply(.checkIn).effects == [.sendStatus(reason: .statusChange, answer: nil, status: .releaseHoldReturn),
                                                 .sendStatus(reason: .statusChange, answer: nil, status: nil), .clearPendingRequests])
        #expect(held.state == .loanCompleted)
    }

    /// Including Recalled -> Overdue (a recalled loan whose new due date passes: `markOverdue` in recalled).
    /// (CrossLink ranks Overdue below Recalled and would reject it; Koha does not offer it.)
    @Test("Supplier: every status change in BRIEF §10.4's list is possible")
    func listedStatusChangesArePossible() {
        let made = Set(Self.statusChanges().map { $0.split(separator: " ").prefix(3).joined(separator: " ") })
        var missing: [String] = []
        for (from, targets) in Self.validStatusChanges {
            for to in targets where !made.contains("\(from) -> \(to)") {
                // After a ReleaseHoldReturn the transaction reports Loaned again (state received): what may follow
                // ReleaseHoldReturn is what may follow Loaned.
                if from == .releaseHoldReturn, to == .loaned || made.contains("\(Status.loaned) -> \(to)") { continue }
                missing.append("\(from) -> \(to)")
            }
        }
        #expect(missing.isEmpty, "impossible: \(missing.sorted())")
        var machine = SupplierStateMachine(state: .recalled, serviceType: .loan, hasAnsweredRequest: true)
        #expect(machine.apply(.markOverdue) == .applied(from: .recalled, to: .overdue, effects: [.send()]))
    }

    /// After a loan has shipped, a Cancel is answered CancelResponse N automatically (BRIEF §10.2); after a copy has
    /// been sent (copyCompleted) too: answering No changes nothing, so the terminal state is kept.
    @Test("Supplier: a Cancel after the copy was sent is answered No, like one after the loan shipped",
          arguments: [ServiceType.copy, .copyOrLoan])
    func cancelAfterCopySent(service: ServiceType) {
        var machine = SupplierStateMachine(state: .copyCompleted, serviceType: service, hasAnsweredRequest: true)
        let transition = machine.apply(.cancel)
        #expect(transition == .applied(from: .copyCompleted, to: .copyCompleted, effects: [.send(.cancelResponse, answer: false)]))
        #expect(machine.state == .copyCompleted && !machine.cancelPending)
        #expect(machine.apply(.acceptCancel).isRefused, "nothing to decide")
    }

    // MARK: Requester

    /// The statuses a supplier may report while we are in each state where we may ask for the status.
    static let fittingStatuses: [RequesterState: [Status]] = [
        .requested: [.requestReceived],
        .expectToSupply: [.expectToSupply],
        .willSupply: [.willSupply],
        .shipped: [.loaned, .overdue, .recalled, .holdReturn],
        .received: [.loaned, .overdue, .recalled, .holdReturn],
        .withPatron: [.loaned, .overdue, .recalled, .holdReturn],
        .returnShipped: [.loaned, .overdue, .recalled, .holdReturn],
        .copyDelivered: [.copyCompleted],
    ]

    /// A supplier's message is warned about only when it does not fit the state: the answer to our StatusRequest
    /// that repeats the current status is recorded quietly (Loaned in shipped, WillSupply in willSupply, and
    /// CopyCompleted in copyDelivered).
    @Test("Requester: the answer to our StatusRequest that fits our state is recorded without a warning",
          arguments: fittingStatuses.keys.sorted { $0.rawValue < $1.rawValue })
    func statusAnswerFitsState(state: RequesterState) {
        var asking = RequesterStateMachine(state: state, serviceType: .copyOrLoan)
        #expect(asking.apply(.statusRequest).effects == [.sendAction(.statusRequest)], "we may ask in \(state)")
        for status in Self.fittingStatuses[state] ?? [] {
            let answer = RequesterEventMappingTests.message(.statusRequestResponse, status)
            var machine = asking
            let transition = machine.apply(RequesterEvent(message: answer))
            #expect(!transition.effects.contains(.warnOutOfOrder), "StatusRequestResponse \(status) in \(state) is warned as out of order")
            #expect(machine.state == state)
        }
    }

    /// A repeat of the final status (a retransmitted or re-sent StatusChange, or a Cancelled StatusChange after a
    /// CancelResponse Y) fits the terminal state: recorded quietly, nothing changes.
    @Test("Requester: a repeat of the status that ended the transaction is recorded without a warning")
    func repeatedFinalStatus() {
        let repeats: [(RequesterState, RequesterEvent, ServiceType)] = [
            (.conditionsOffered, .supplierRetryPossible, .loan),
            (.unfilled, .supplierUnfilled, .loan),
            (.cancelled, .supplierCancelled, .loan),
            (.completed, .supplierLoanCompleted, .loan),
            (.completed, .supplierCopyCompleted, .copy),
            (.completedWithoutReturn, .supplierCompletedWithoutReturn, .loan),
        ]
        for (state, event, service) in repeats {
            var machine = RequesterStateMachine(state: state, serviceType: service)
            let before = machine
            #expect(machine.apply(event) == .applied(from: state, to: state, effects: []), "\(event) in \(state)")
            #expect(machine == before)
        }
    }

    /// BRIEF §10.2: a supplier that has already shipped answers a Cancel with CancelResponse N *and status Loaned*
    /// (2017 use case D.2.1, CrossLink illmock), or CopyCompleted for a copy. RequesterEvent(message:) maps it to
    /// supplierLoaned / supplierCopyCompleted, so we follow the shipment and the pending cancel is answered. When the
    /// shipment's StatusChange comes first, the CancelResponse N that follows is recorded quietly either way.
    @Test("Requester: a CancelResponse N with status Loaned or CopyCompleted follows the shipment, and is no surprise after it")
    func cancelRefusedBecauseShipped() {
        let loaned = RequesterEventMappingTests.message(.cancelResponse, .loaned, answer: false)
        let copied = RequesterEventMappingTests.message(.cancelResponse, .copyCompleted, answer: false)
        let bare = RequesterEventMappingTests.message(.cancelResponse, .willSupply, answer: false)

        var machine = RequesterStateMachine(state: .willSupply, serviceType: .loan)
        _ = machine.apply(.cancel)
        #expect(machine.apply(RequesterEvent(message: loaned)) == .applied(from: .willSupply, to: .shipped, effects: [.clearPendingRequests]))
        #expect(!machine.cancelPending)

        var copy = RequesterStateMachine(state: .willSupply, serviceType: .copy)
        _ = copy.apply(.cancel)
        #expect(copy.apply(RequesterEvent(message: copied)) == .applied(from: .willSupply, to: .copyDelivered, effects: [.clearPendingRequests]))
        #expect(!copy.cancelPending)

        // The shipment first, then the answer to our cancel (with the shipped status, or with another one).
        for (service, shipment, answers, state) in [
            (ServiceType.loan, RequesterEvent.supplierLoaned, [loaned, bare], RequesterState.shipped),
            (.copy, .supplierCopyCompleted, [copied, bare], .copyDelivered),
        ] {
            for answer in answers {
                var other = RequesterStateMachine(state: .willSupply, serviceType: service)
                _ = other.apply(.cancel)
                _ = other.apply(shipment)
                let late = other.apply(RequesterEvent(message: answer))
                // With the shipped status it repeats the shipment; without, it is the refusal, answering nothing new.
                let effects: [RequesterEffect] = answer == bare ? [.clearPendingRequests] : []
                #expect(late == .applied(from: state, to: state, effects: effects), "a CancelResponse N after \(shipment): \(late)")
                #expect(!other.cancelPending && other.state == state)
            }
        }
    }

    /// We asked to cancel, then marked the loan received before its Loaned status arrived (markReceived from
    /// willSupply keeps cancelPending: the supplier has not answered yet). The supplier's CancelResponse N, with
    /// status Loaned (mapped to supplierLoaned) or without a shipped status (supplierRefusedCancel), answers it in
    /// received, withPatron and returnShipped: the flag is cleared, quietly.
    @Test("Requester: the supplier's answer to our cancel clears the pending flag after we marked the loan received early")
    func cancelAnsweredAfterEarlyReceipt() {
        var left: Set<String> = []
        let paths: [(RequesterState, [RequesterEvent])] = [
            (.received, []), (.withPatron, [.checkOutToPatron]), (.returnShipped, [.shipReturn]),
        ]
        for (state, steps) in paths {
            for status in [Status.loaned, .willSupply] {
                var machine = RequesterStateMachine(state: .willSupply, serviceType: .loan)
                _ = machine.apply(.cancel)
                #expect(machine.apply(.markReceived) == .applied(from: .willSupply, to: .received, effects: [.sendAction(.received)]))
                for step in steps { #expect(!machine.apply(step).isRefused) }
                #expect(machine.state == state && machine.cancelPending)
                let answer = RequesterEventMappingTests.message(.cancelResponse, status, answer: false)
                let transition = machine.apply(RequesterEvent(message: answer))
                #expect(machine.state == state)
                if machine.cancelPending || transition.effects.contains(.warnOutOfOrder) {
                    left.insert("\(state): CancelResponse N \(status)")
                }
            }
        }
        #expect(left.isEmpty, "cancelPending left set or warned: \(left.sorted())")
    }
}
