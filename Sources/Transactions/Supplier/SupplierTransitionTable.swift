import ISO18626

/// The lending side's transition table: every borrower action and every decision of ours, in every state.
///
/// Strict, because here we are the authority: an action that makes no sense in the current state is
/// refused (the gateway answers it with an ERROR confirmation), and terminal states never change.
/// Loans and copies part ways at shipping: a loan goes through ``SupplierState/loaned`` and comes back,
/// a copy ends in ``SupplierState/copyCompleted``; CopyOrLoan requests may take either path.
public enum SupplierTransitionTable {
    /// The table type.
    public typealias Table = TransitionTable<SupplierState, SupplierEvent, SupplierEffect>
    typealias Rule = Table.Rule

    /// The table.
    public static let table = Table(rules: rules) { state, event in
        if state.isTerminal {
            return .refuse("the transaction is \(state.status) and cannot change")
        }
        return .refuse("\(event) is not possible while the transaction is \(state)")
    }

    private static let beforeShipping: [SupplierState] = [.requestReceived, .expectToSupply, .willSupply]
    private static let atBorrower: [SupplierState] = [.loaned, .received, .overdue, .recalled, .holdReturn]
    private static let onLoan: [SupplierState] = atBorrower + [.returnShipped]
    private static let notHeld: [SupplierState] = onLoan.filter { $0 != .holdReturn }

    private static func send(_ reason: ReasonForMessage = .statusChange, answer: Bool? = nil, status: Status? = nil) -> SupplierEffect {
        .sendStatus(reason: reason, answer: answer, status: status)
    }

    private static func each(
        _ states: [SupplierState],
        _ event: SupplierEvent,
        when condition: TransitionCondition = .always,
        _ outcome: (SupplierState) -> Rule.Outcome
    ) -> [Rule] {
        states.map { Rule($0, event, when: condition, outcome($0)) }
    }

    static let rules: [Rule] = {
        var rules: [Rule] = []
        let all = SupplierState.allCases

        // Whatever the state: a status request is answered with the current status; a note changes nothing.
        rules += each(all, .statusRequest) { _ in .record([send(.statusRequestResponse)]) }
        rules += each(all, .notification) { _ in .record([]) }
        rules += each(all, .notify) { _ in .record([send(.notification)]) }

        // The borrower's actions.
        rules += each(beforeShipping, .received) { _ in .refuse("the item has not been shipped yet") }
        rules += [Rule(.loaned, .received, .moveTo(.received, []))]
        rules += each([.received, .overdue, .recalled, .holdReturn, .copyCompleted], .received) { _ in .record([]) }

        rules += each(beforeShipping, .cancel) { _ in .record([.awaitCancelDecision]) }
        rules += each(onLoan, .cancel) { _ in .record([send(.cancelResponse, answer: false)]) }
        // A copy already sent cannot be cancelled: answered No, like a shipped loan.
        rules += [Rule(.copyCompleted, .cancel, .record([send(.cancelResponse, answer: false)]))]

        rules += each([.loaned, .received, .overdue], .renew, when: .loanService) { _ in .record([.awaitRenewalDecision]) }
        rules += [Rule(.recalled, .renew, .record([send(.renewResponse, answer: false)]))]
        rules += [Rule(.holdReturn, .renew, .record([send(.renewResponse, answer: false)]))]
        rules += [Rule(.returnShipped, .renew, .refuse("the item has already been sent back"))]

        for action in [SupplierEvent.shippedReturn, .shippedForward] {
            // Sending the item back withdraws a renewal request still waiting for our answer.
            rules += each([.loaned, .received, .overdue], action) { _ in .moveTo(.returnShipped, [.clearPendingRequests]) }
            // A recalled or held loan keeps reporting Recalled / HoldReturn: returnShipped reports Loaned, and
            // Recalled -> Loaned or HoldReturn -> Loaned is no status change BRIEF §10.4 allows (CrossLink's rank
            // check rejects the first). The return is recorded; checking the item in completes the loan.
            rules += each([.recalled, .holdReturn, .returnShipped], action) { _ in .record([]) }
            rules += each(beforeShipping, action) { _ in .refuse("the item has not been shipped yet") }
        }
        rules += each([.loaned, .received, .overdue, .recalled], .borrowerHoldsReturn) { _ in .record([]) }
        // The borrower lost it (2021 Lost): the loan ends without return and the replacement is billed.
        rules += [Rule(.holdReturn, .lost, .moveTo(.completedWithoutReturn, [send(status: .releaseHoldReturn), send(), .clearPendingRequests, .billLoss(.lost)]))]
        rules += each(notHeld, .lost) { _ in .moveTo(.completedWithoutReturn, [send(), .clearPendingRequests, .billLoss(.lost)]) }

        // Our answers to a request.
        rules += [Rule(.requestReceived, .expectToSupply, .moveTo(.expectToSupply, [send()]))]
        rules += each([.requestReceived, .expectToSupply], .willSupply) { _ in .moveTo(.willSupply, [send()]) }
        rules += each(beforeShipping, .unfilled) { _ in .moveTo(.unfilled, [send(), .clearPendingRequests]) }
        rules += each(beforeShipping, .retryPossible) { _ in .moveTo(.retryPossible, [send(), .clearPendingRequests]) }
        // The borrower's cancel request is answered before anything is shipped.
        for event in [SupplierEvent.ship, .sendCopy] {
            rules += each(beforeShipping, event, when: .cancelPending) { _ in
                .refuse("the borrower has asked to cancel: accept or refuse the cancel first")
            }
        }
        rules += each(beforeShipping, .ship, when: .loanService) { _ in .moveTo(.loaned, [send()]) }
        rules += each(beforeShipping, .ship) { _ in .refuse("a copy was requested, not a loan: send the copy") }
        rules += each(beforeShipping, .sendCopy, when: .copyService) { _ in .moveTo(.copyCompleted, [send()]) }
        rules += each(beforeShipping, .sendCopy) { _ in .refuse("a loan was requested, not a copy: ship the item") }

        // Our side of a loan.
        // Held returns are released before the loan ends, so the borrower sees HoldReturn -> ReleaseHoldReturn ->
        // LoanCompleted / CompletedWithoutReturn (BRIEF §10.4 lists nothing else after HoldReturn).
        rules += [Rule(.holdReturn, .checkIn, .moveTo(.loanCompleted, [send(status: .releaseHoldReturn), send(), .clearPendingRequests]))]
        rules += each(notHeld, .checkIn) { _ in .moveTo(.loanCompleted, [send(), .clearPendingRequests]) }
        rules += each([.loaned, .received], .markOverdue) { _ in .moveTo(.overdue, [send()]) }
        // An overdue reminder is a note on an Overdue loan: the first one rides on the Overdue status change itself
        // (markOverdue with the reminder's note), so a reminder never reaches a loan that is not overdue.
        rules += [Rule(.overdue, .remind, .record([send(.notification)]))]
        rules += each(all.filter { !$0.isTerminal && $0 != .overdue }, .remind) { _ in
            .refuse("the loan is not overdue (reminders go only to a borrower keeping an item past its due date)")
        }
        // A renewal request waiting for our answer is answered before the loan is recalled or held.
        for event in [SupplierEvent.recall, .holdReturns] {
            rules += each([.loaned, .received, .overdue], event, when: .renewalPending) { _ in
                .refuse("the borrower has asked to renew: grant or refuse the renewal first")
            }
        }
        rules += each([.loaned, .received, .overdue], .recall) { _ in .moveTo(.recalled, [send()]) }
        rules += [Rule(.recalled, .markOverdue, .moveTo(.overdue, [send()]))]
        rules += [
            Rule(.holdReturn, .completeWithoutReturn,
                 .moveTo(.completedWithoutReturn, [send(status: .releaseHoldReturn), send(), .clearPendingRequests]))
        ]
        rules += each(notHeld, .completeWithoutReturn) { _ in
            .moveTo(.completedWithoutReturn, [send(), .clearPendingRequests])
        }
        // Lost (staff, or a loan long overdue) ends like the borrower's Lost; an item that came back damaged is
        // checked in with the damage billed.
        rules += [Rule(.holdReturn, .markLost, .moveTo(.completedWithoutReturn, [send(status: .releaseHoldReturn), send(), .clearPendingRequests, .billLoss(.lost)]))]
        rules += each(notHeld, .markLost) { _ in .moveTo(.completedWithoutReturn, [send(), .clearPendingRequests, .billLoss(.lost)]) }
        rules += [Rule(.holdReturn, .markDamaged, .moveTo(.loanCompleted, [send(status: .releaseHoldReturn), send(), .clearPendingRequests, .billLoss(.damaged)]))]
        rules += each(notHeld, .markDamaged) { _ in .moveTo(.loanCompleted, [send(), .clearPendingRequests, .billLoss(.damaged)]) }
        // A lost item stays lost: no renewal, no recall (said with the reason rather than "terminal").
        rules += [Rule(.completedWithoutReturn, .renew, .refuse("the item was billed as lost or damaged: it cannot be renewed"))]
        rules += [Rule(.completedWithoutReturn, .recall, .refuse("the item was billed as lost or damaged: there is nothing to recall"))]
        // Not from recalled: BRIEF §10.4 allows Recalled only to go on to Overdue, LoanCompleted or
        // CompletedWithoutReturn (a recall already asks for the item back).
        rules += each([.loaned, .received, .overdue], .holdReturns) { _ in .moveTo(.holdReturn, [send()]) }
        rules += [Rule(.holdReturn, .releaseHeldReturns, .moveTo(.received, [send(status: .releaseHoldReturn)]))]

        // Answers to the borrower's cancel and renewal requests.
        rules += each(beforeShipping, .acceptCancel, when: .cancelPending) { _ in
            .moveTo(.cancelled, [send(.cancelResponse, answer: true), .clearPendingRequests])
        }
        rules += each(beforeShipping, .refuseCancel, when: .cancelPending) { _ in
            .record([send(.cancelResponse, answer: false), .clearPendingRequests])
        }
        for event in [SupplierEvent.acceptCancel, .refuseCancel] {
            rules += each(all.filter { !$0.isTerminal }, event) { _ in .refuse("the borrower has not asked to cancel") }
        }
        rules += each([.loaned, .received, .overdue], .grantRenewal, when: .renewalPending) { state in
            .moveTo(state == .overdue ? .received : state, [send(.renewResponse, answer: true), .clearPendingRequests])
        }
        rules += each([.loaned, .received, .overdue], .refuseRenewal, when: .renewalPending) { _ in
            .record([send(.renewResponse, answer: false), .clearPendingRequests])
        }
        for event in [SupplierEvent.grantRenewal, .refuseRenewal] {
            rules += each(all.filter { !$0.isTerminal }, event) { _ in .refuse("the borrower has not asked to renew") }
        }
        return rules
    }()
}
