import Foundation
import ISO18626
import Testing

@testable import Transactions

/// The borrowing machine: the ISO 18626 flows from our side, the flags, refusals, and how a supplying agency
/// message becomes an event.
@Suite("Requester state machine")
struct RequesterStateMachineTests {
    @discardableResult
    static func run(
        _ machine: inout RequesterStateMachine,
        _ steps: [(RequesterEvent, RequesterState)],
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> [[RequesterEffect]] {
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
            #expect(!effects.contains(.warnOutOfOrder), "\(event) in \(from) warned", sourceLocation: sourceLocation)
            return effects.map(\.normalised)
        }
    }

    // MARK: Flows

    @Test("Loan flow: requested, willSupply, shipped, received, withPatron, received, returnShipped, completed")
    func loanFlow() {
        var machine = RequesterStateMachine(serviceType: .loan)
        let effects = Self.run(&machine, [
            (.supplierReceivedRequest, .requested),
            (.supplierWillSupply, .willSupply),
            (.supplierLoaned, .shipped),
            (.markReceived, .received),
            (.checkOutToPatron, .withPatron),
            (.supplierOverdue, .withPatron),
            (.checkInFromPatron, .received),
            (.shipReturn, .returnShipped),
            (.supplierLoaned, .returnShipped),
            (.supplierLoanCompleted, .completed),
            (.supplierLoanCompleted, .completed),
        ])
        #expect(effects == [
            [], [], [.clearPendingRequests], [.sendAction(.received)], [], [.alertStaff("")], [],
            [.sendAction(.shippedReturn)], [], [.clearPendingRequests], [],
        ])
        #expect(machine.apply(.statusRequest).isRefused)
    }

    @Test("Copy flow: copyDelivered, CopyCompleted repeated quietly, then completed when we confirm receipt",
          arguments: [ServiceType.copy, .copyOrLoan])
    func copyFlow(service: ServiceType) {
        var machine = RequesterStateMachine(serviceType: service)
        let effects = Self.run(&machine, [
            (.supplierExpectsToSupply, .expectToSupply),
            (.supplierCopyCompleted, .copyDelivered),
            (.statusRequest, .copyDelivered),
            (.supplierCopyCompleted, .copyDelivered),
            (.markReceived, .completed),
            (.supplierCopyCompleted, .completed),
        ])
        #expect(effects == [[], [.clearPendingRequests], [.sendAction(.statusRequest)], [], [.sendAction(.received)], []])
    }

    @Test("A copy request that receives a Loaned status only warns")
    func loanedForCopyWarns() {
        var machine = RequesterStateMachine(state: .willSupply, serviceType: .copy)
        #expect(machine.apply(.supplierLoaned) == .applied(from: .willSupply, to: .willSupply, effects: [.warnOutOfOrder]))
        #expect(machine.apply(.markReceived).isRefused, "a copy is not received before it is delivered")
    }

    @Test("RetryPossible: conditions offered, then a retry request")
    func retryFlow() {
        var machine = RequesterStateMachine(serviceType: .copyOrLoan)
        let effects = Self.run(&machine, [(.supplierRetryPossible, .conditionsOffered), (.retry, .retried)])
        #expect(effects == [[.clearPendingRequests], [.sendRetryRequest]])
        #expect(machine.apply(.retry).isRefused)
    }

    @Test("RetryPossible: we may drop the request instead, without a message (RetryPossible is final at the supplier)")
    func retryDropped() {
        var machine = RequesterStateMachine(state: .conditionsOffered, serviceType: .loan)
        #expect(machine.apply(.statusRequest).isRefused)
        #expect(machine.apply(.cancel) == .applied(from: .conditionsOffered, to: .cancelled, effects: []))
    }

    @Test("Unfilled ends the transaction", arguments: [RequesterState.requested, .expectToSupply, .willSupply, .conditionsOffered])
    func unfilled(state: RequesterState) {
        var machine = RequesterStateMachine(state: state, serviceType: .loan, cancelPending: state != .conditionsOffered)
        #expect(machine.apply(.supplierUnfilled) == .applied(from: state, to: .unfilled, effects: [.clearPendingRequests]))
        #expect(!machine.cancelPending)
        for event in RequesterEvent.allCases where !event.isFromPeer {
            var copy = machine
            #expect(copy.apply(event).isRefused, "\(event) after Unfilled")
        }
    }

    @Test("Cancel answered Yes", arguments: [RequesterState.requested, .expectToSupply, .willSupply])
    func cancelYes(state: RequesterState) {
        var machine = RequesterStateMachine(state: state, serviceType: .loan)
        #expect(machine.apply(.cancel) == .applied(from: state, to: state, effects: [.sendAction(.cancel), .markCancelPending]))
        #expect(machine.cancelPending)
        #expect(machine.apply(.cancel).isRefused, "a second cancel while the first awaits its answer")
        #expect(machine.apply(.supplierCancelled) == .applied(from: state, to: .cancelled, effects: [.clearPendingRequests]))
        #expect(!machine.cancelPending)
    }

    @Test("Cancel answered No", arguments: [RequesterState.requested, .expectToSupply, .willSupply])
    func cancelNo(state: RequesterState) {
        var machine = RequesterStateMachine(state: state, serviceType: .copy)
        _ = machine.apply(.cancel)
        let transition = machine.apply(.supplierRefusedCancel)
        #expect(transition.effects.map(\.normalised) == [.clearPendingRequests, .alertStaff("")])
        #expect(machine.state == state && !machine.cancelPending)
        #expect(machine.apply(.cancel).effects == [.sendAction(.cancel), .markCancelPending], "we may ask again")
    }

    @Test("Cancel after shipping is refused", arguments: [RequesterState.shipped, .received, .withPatron])
    func cancelAfterShipping(state: RequesterState) {
        var machine = RequesterStateMachine(state: state, serviceType: .loan)
        guard case .refused(let reason) = machine.apply(.cancel) else {
            Issue.record("cancel accepted in \(state)")
            return
        }
        #expect(reason.contains("shipped"))
    }

    @Test("Renewal answered Yes, then No", arguments: [RequesterState.shipped, .received, .withPatron])
    func renewal(state: RequesterState) {
        var machine = RequesterStateMachine(state: state, serviceType: .loan)
        #expect(machine.apply(.requestRenewal) == .applied(from: state, to: state, effects: [.sendAction(.renew), .markRenewalPending]))
        #expect(machine.renewalPending)
        #expect(machine.apply(.requestRenewal).isRefused, "a second renewal while the first awaits its answer")
        #expect(machine.apply(.supplierRenewed) == .applied(from: state, to: state, effects: [.clearPendingRequests]))
        #expect(!machine.renewalPending)
        #expect(machine.apply(.supplierRenewed).effects == [.warnOutOfOrder], "an answer nobody asked for")

        _ = machine.apply(.requestRenewal)
        let refused = machine.apply(.supplierRefusedRenewal)
        #expect(refused.effects.map(\.normalised) == [.clearPendingRequests, .alertStaff("")])
        #expect(!machine.renewalPending && machine.state == state)
    }

    @Test("Recall and overdue notices alert staff without leaving the state", arguments: [RequesterEvent.supplierRecalled, .supplierOverdue])
    func recallAndOverdue(event: RequesterEvent) {
        for state in [RequesterState.shipped, .received, .withPatron] {
            var machine = RequesterStateMachine(state: state, serviceType: .loan)
            #expect(machine.apply(event).effects.map(\.normalised) == [.alertStaff("")])
            #expect(machine.state == state)
        }
    }

    @Test("Received before the Loaned status arrives (loan services only)", arguments: ServiceType.allCases)
    func receivedEarly(service: ServiceType) {
        var machine = RequesterStateMachine(state: .willSupply, serviceType: service)
        let transition = machine.apply(.markReceived)
        if service == .copy {
            #expect(transition.isRefused)
        } else {
            #expect(transition == .applied(from: .willSupply, to: .received, effects: [.sendAction(.received)]))
            #expect(machine.apply(.supplierLoaned) == .applied(from: .received, to: .received, effects: []))
        }
    }

    // MARK: Whole-machine properties

    @Test("Every restored machine and event: refusals change nothing, supplier messages are never refused, flags follow the effects",
          arguments: RequesterState.allCases)
    func machineProperties(state: RequesterState) {
        for before in RestoredMachines.requester where before.state == state {
            for event in RequesterEvent.allCases {
                var machine = before
                let transition = machine.apply(event)
                let outcome = RequesterTransitionTable.table.outcome(in: before.state, on: event, facts: before.facts)
                let label = "\(event) on \(before)"
                #expect(machine.serviceType == before.serviceType)
                switch (outcome, transition) {
                case (.refuse(let reason), .refused(let refusal)):
                    #expect(!event.isFromPeer, "\(label): a supplier's message refused")
                    #expect(reason == refusal && !reason.isEmpty, "\(label)")
                    #expect(machine == before, "a refused \(label) changed the machine")
                case (.moveTo(let next, let written), .applied(let from, let to, let effects)):
                    #expect(from == before.state && to == next && machine.state == next && effects == written, "\(label)")
                    Self.checkFlags(written, before, machine, label)
                case (.record(let written), .applied(let from, let to, let effects)):
                    #expect(from == before.state && to == before.state && machine.state == before.state && effects == written, "\(label)")
                    Self.checkFlags(written, before, machine, label)
                default:
                    Issue.record("\(label): table says \(outcome), machine did \(transition)")
                }
            }
        }
    }

    static func checkFlags(_ effects: [RequesterEffect], _ before: RequesterStateMachine, _ after: RequesterStateMachine, _ label: String) {
        if effects.contains(.clearPendingRequests) {
            #expect(!after.cancelPending && !after.renewalPending, "\(label): flags not cleared")
        } else {
            #expect(after.cancelPending == (before.cancelPending || effects.contains(.markCancelPending)), "\(label)")
            #expect(after.renewalPending == (before.renewalPending || effects.contains(.markRenewalPending)), "\(label)")
        }
    }

    @Test("The machine's facts follow the service type")
    func facts() {
        #expect(RequesterStateMachine(serviceType: .loan).facts == TransitionFacts(allowsLoan: true, allowsCopy: false))
        #expect(RequesterStateMachine(serviceType: .copy).facts == TransitionFacts(allowsLoan: false, allowsCopy: true))
        #expect(RequesterStateMachine(serviceType: .copyOrLoan, cancelPending: true).facts
            == TransitionFacts(allowsLoan: true, allowsCopy: true, cancelPending: true))
        #expect(RequesterStateMachine(serviceType: .copy).state == .requested)
    }
}

/// How a supplying agency message becomes a requester event.
@Suite("Requester events from supplying agency messages")
struct RequesterEventMappingTests {
    static func message(_ reason: ReasonForMessage, _ status: Status?, answer: Bool? = nil) -> SupplyingAgencyMessage {
        let date = Date(timeIntervalSince1970: 1_790_000_000)
        return SupplyingAgencyMessage(
            header: Header(
                supplyingAgencyID: AgencyID(type: "ISIL", value: "DK-820010"),
                requestingAgencyID: AgencyID(type: "ISIL", value: "US-NNC"),
                timestamp: date,
                requestingAgencyRequestID: "REQ-1"
            ),
            messageInfo: MessageInfo(reasonForMessage: reason, answerYesNo: answer),
            statusInfo: StatusInfo(status: status, lastChange: date)
        )
    }

    static let statusEvents: [Status: RequesterEvent] = [
        .requestReceived: .supplierReceivedRequest,
        .expectToSupply: .supplierExpectsToSupply,
        .willSupply: .supplierWillSupply,
        .loaned: .supplierLoaned,
        .overdue: .supplierOverdue,
        .recalled: .supplierRecalled,
        .retryPossible: .supplierRetryPossible,
        .unfilled: .supplierUnfilled,
        .holdReturn: .supplierHoldsReturns,
        .releaseHoldReturn: .supplierReleasesReturns,
        .copyCompleted: .supplierCopyCompleted,
        .loanCompleted: .supplierLoanCompleted,
        .completedWithoutReturn: .supplierCompletedWithoutReturn,
        .cancelled: .supplierCancelled,
    ]

    static let statuses: [Status?] = [nil] + Status.allCases
    static let answers: [Bool?] = [nil, true, false]

    @Test("Every status maps to its own event")
    func everyStatusHasAnEvent() {
        #expect(Set(Self.statusEvents.keys) == Set(Status.allCases))
        #expect(Set(Self.statusEvents.values).count == Status.allCases.count)
    }

    @Test("RequestResponse, StatusRequestResponse and StatusChange: each status to its event, no status to a notification",
          arguments: [ReasonForMessage.requestResponse, .statusRequestResponse, .statusChange], statuses)
    func statusMessages(reason: ReasonForMessage, status: Status?) {
        for answer in Self.answers {
            let event = RequesterEvent(message: Self.message(reason, status, answer: answer))
            #expect(event == status.map { Self.statusEvents[$0]! } ?? .supplierNotification, "\(reason) \(String(describing: status)) \(String(describing: answer))")
            #expect(event.isFromPeer)
        }
    }

    @Test("A Notification is a notification whatever its status", arguments: statuses)
    func notifications(status: Status?) {
        for answer in Self.answers {
            #expect(RequesterEvent(message: Self.message(.notification, status, answer: answer)) == .supplierNotification)
        }
    }

    @Test("CancelResponse: Yes or status Cancelled cancels; otherwise status Loaned ships, CopyCompleted delivers, any other refuses",
          arguments: statuses)
    func cancelResponses(status: Status?) {
        #expect(RequesterEvent(message: Self.message(.cancelResponse, status, answer: true)) == .supplierCancelled,
                "Yes cancels, whatever the status")
        let no = RequesterEvent(message: Self.message(.cancelResponse, status, answer: false))
        let none = RequesterEvent(message: Self.message(.cancelResponse, status, answer: nil))
        switch status {
        case .cancelled:
            #expect(no == .supplierCancelled, "status Cancelled wins over a contradicting No")
            #expect(none == .supplierCancelled)
        case .loaned:
            // "No, it has already gone" (2017 D.2.1, CrossLink's illmock): the status says where the item is.
            #expect(no == .supplierLoaned)
            #expect(none == .supplierLoaned)
        case .copyCompleted:
            #expect(no == .supplierCopyCompleted)
            #expect(none == .supplierCopyCompleted)
        default:
            #expect(no == .supplierRefusedCancel)
            #expect(none == .supplierRefusedCancel, "no answer and no Cancelled status: not cancelled")
        }
    }

    @Test("RenewResponse: No refuses, Yes (or no answer) renews", arguments: statuses)
    func renewResponses(status: Status?) {
        #expect(RequesterEvent(message: Self.message(.renewResponse, status, answer: false)) == .supplierRefusedRenewal)
        #expect(RequesterEvent(message: Self.message(.renewResponse, status, answer: true)) == .supplierRenewed)
        #expect(RequesterEvent(message: Self.message(.renewResponse, status, answer: nil)) == .supplierRenewed)
    }

    @Test("A supplier's messages, mapped and applied, are never refused in any state")
    func mappedMessagesNeverRefused() {
        for reason in ReasonForMessage.allCases {
            for status in Self.statuses {
                for answer in Self.answers {
                    let event = RequesterEvent(message: Self.message(reason, status, answer: answer))
                    for before in RestoredMachines.requester {
                        var machine = before
                        #expect(!machine.apply(event).isRefused, "\(event) in \(before.state)")
                    }
                }
            }
        }
    }
}
