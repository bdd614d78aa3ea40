import ISO18626

/// The borrowing side's transition table.
///
/// Lenient towards the supplier, who is the authority on its own status and whose systems are known to be
/// sloppy (Alma sends empty statuses on notes, ReShare RequestReceived on notifications): a supplier's
/// message that does not fit the state is recorded with a warning, never refused. Strict towards our own
/// staff: an action that makes no sense in the state is refused with the reason.
public enum RequesterTransitionTable {
    /// The table type.
    public typealias Table = TransitionTable<RequesterState, RequesterEvent, RequesterEffect>
    typealias Rule = Table.Rule

    /// The table.
    public static let table = Table(rules: rules) { state, event in
        if event.isFromPeer {
            return .record([.warnOutOfOrder])
        }
        if state.isTerminal {
            return .refuse("the transaction is \(state) and cannot change")
        }
        return .refuse("\(event) is not possible while the transaction is \(state)")
    }

    private static let waiting: [RequesterState] = [.requested, .expectToSupply, .willSupply]
    private static let holding: [RequesterState] = [.received, .withPatron]
    private static let onLoan: [RequesterState] = [.shipped] + holding

    private static func each(
        _ states: [RequesterState],
        _ event: RequesterEvent,
        when condition: TransitionCondition = .always,
        _ outcome: Rule.Outcome
    ) -> [Rule] {
        states.map { Rule($0, event, when: condition, outcome) }
    }

    static let rules: [Rule] = {
        var rules: [Rule] = []
        let open = RequesterState.allCases.filter { !$0.isTerminal }

        // The supplier's answers while we wait.
        rules += each(waiting, .supplierReceivedRequest, .record([]))
        rules += [Rule(.requested, .supplierExpectsToSupply, .moveTo(.expectToSupply, []))]
        rules += [Rule(.expectToSupply, .supplierExpectsToSupply, .record([]))]
        rules += each([.requested, .expectToSupply], .supplierWillSupply, .moveTo(.willSupply, []))
        rules += [Rule(.willSupply, .supplierWillSupply, .record([]))]
        rules += each(waiting, .supplierRetryPossible, .moveTo(.conditionsOffered, [.clearPendingRequests]))
        rules += each(waiting + [.conditionsOffered], .supplierUnfilled, .moveTo(.unfilled, [.clearPendingRequests]))
        rules += each(waiting, .supplierCancelled, .moveTo(.cancelled, [.clearPendingRequests]))
        rules += each(waiting, .supplierRefusedCancel, .record([.clearPendingRequests, .alertStaff("the supplier refused to cancel")]))

        // Shipping: loans and copies part ways.
        rules += each(waiting, .supplierLoaned, when: .loanService, .moveTo(.shipped, [.clearPendingRequests]))
        rules += each(waiting, .supplierCopyCompleted, when: .copyService, .moveTo(.copyDelivered, [.clearPendingRequests]))
        // A CancelResponse N with status Loaned maps to supplierLoaned: after we marked the loan received early
        // (markReceived from willSupply keeps our cancel pending) it is the answer to our cancel, and clears it.
        rules += each(onLoan + [.returnShipped], .supplierLoaned, when: .cancelPending, .record([.clearPendingRequests]))
        rules += each(onLoan + [.returnShipped], .supplierLoaned, .record([]))

        // While we have the loan.
        rules += each(onLoan, .supplierOverdue, .record([.alertStaff("the supplier says the loan is overdue")]))
        rules += each(onLoan, .supplierRecalled, .record([.alertStaff("the supplier recalls the loan: send it back")]))
        rules += each([.returnShipped], .supplierOverdue, .record([]))
        rules += each([.returnShipped], .supplierRecalled, .record([]))
        rules += each(onLoan, .supplierRenewed, when: .renewalPending, .record([.clearPendingRequests]))
        rules += each(onLoan, .supplierRefusedRenewal, when: .renewalPending,
            .record([.clearPendingRequests, .alertStaff("the supplier refused the renewal")]))
        rules += each(onLoan + [.returnShipped], .supplierHoldsReturns, .record([.alertStaff("the supplier cannot take returns for now")]))
        rules += each(onLoan + [.returnShipped], .supplierReleasesReturns, .record([.alertStaff("the supplier takes returns again: send it back")]))
        rules += each(onLoan + [.returnShipped], .supplierLoanCompleted, .moveTo(.completed, [.clearPendingRequests]))
        rules += each(onLoan + [.returnShipped], .supplierCompletedWithoutReturn,
            .moveTo(.completedWithoutReturn, [.clearPendingRequests]))

        // The supplier repeating the status we are already in (an answer to our StatusRequest) is quiet.
        rules += [Rule(.copyDelivered, .supplierCopyCompleted, .record([]))]
        rules += [Rule(.conditionsOffered, .supplierRetryPossible, .record([]))]
        rules += [Rule(.unfilled, .supplierUnfilled, .record([]))]
        rules += [Rule(.cancelled, .supplierCancelled, .record([]))]
        rules += [Rule(.completed, .supplierLoanCompleted, .record([]))]
        rules += [Rule(.completed, .supplierCopyCompleted, .record([]))]
        rules += [Rule(.completedWithoutReturn, .supplierCompletedWithoutReturn, .record([]))]
        // A refused cancel arriving after the shipment it was refused for.
        rules += each(onLoan + [.returnShipped, .copyDelivered], .supplierRefusedCancel, .record([.clearPendingRequests]))

        // Notes never change anything.
        rules += each(RequesterState.allCases, .supplierNotification, .record([]))

        // Our own actions.
        rules += each([.shipped] + waiting, .markReceived, when: .loanService, .moveTo(.received, [.sendAction(.received)]))
        rules += [Rule(.copyDelivered, .markReceived, .moveTo(.completed, [.sendAction(.received)]))]
        rules += [Rule(.received, .checkOutToPatron, .moveTo(.withPatron, []))]
        rules += [Rule(.withPatron, .checkInFromPatron, .moveTo(.received, []))]
        rules += each(holding, .shipReturn, .moveTo(.returnShipped, [.sendAction(.shippedReturn)]))
        rules += each(onLoan, .requestRenewal, when: .renewalPending, .refuse("a renewal request already awaits the supplier's answer"))
        rules += each(onLoan, .requestRenewal, .record([.sendAction(.renew), .markRenewalPending]))
        rules += each(waiting, .cancel, when: .cancelPending, .refuse("a cancel request already awaits the supplier's answer"))
        rules += each(waiting, .cancel, .record([.sendAction(.cancel), .markCancelPending]))
        rules += [Rule(.conditionsOffered, .cancel, .moveTo(.cancelled, []))]
        rules += each(onLoan, .cancel, .refuse("the item has been shipped: it can no longer be cancelled"))
        rules += each(open.filter { $0 != .conditionsOffered }, .statusRequest, .record([.sendAction(.statusRequest)]))
        rules += each(open, .notify, .record([.sendAction(.notification)]))
        // Lost or damaged on our side: the supplier is told (Lost; a Notification for damage, which has no
        // action), and we wait for its bill. The item may still turn up and go back.
        rules += each(onLoan, .reportLost, .moveTo(.awaitingBill, [.sendAction(.lost)]))
        rules += each(onLoan, .reportDamaged, .moveTo(.awaitingBill, [.sendAction(.notification)]))
        rules += [Rule(.returnShipped, .reportDamaged, .record([.sendAction(.notification)]))]
        rules += [Rule(.awaitingBill, .requestRenewal, .refuse("the item was reported lost or damaged: it cannot be renewed"))]
        rules += [Rule(.awaitingBill, .shipReturn, .moveTo(.returnShipped, [.sendAction(.shippedReturn)]))]
        rules += [Rule(.awaitingBill, .supplierRecalled, .record([.alertStaff("the supplier recalls an item reported lost or damaged")]))]
        rules += each([.awaitingBill], .supplierOverdue, .record([]))
        rules += each([.awaitingBill], .supplierLoaned, .record([]))
        rules += [Rule(.awaitingBill, .supplierCompletedWithoutReturn, .moveTo(.completedWithoutReturn, [.clearPendingRequests]))]
        rules += [Rule(.awaitingBill, .supplierLoanCompleted, .moveTo(.completed, [.clearPendingRequests]))]
        rules += [Rule(.conditionsOffered, .retry, .moveTo(.retried, [.sendRetryRequest]))]
        return rules
    }()
}
