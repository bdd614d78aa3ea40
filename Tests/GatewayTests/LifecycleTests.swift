import Foundation
import Gateway
import ISO18626
import Store
import Testing
import Transactions

/// Whole loan and copy lifecycles between two gateways, driven through `Gateway.handle` by delivering each
/// side's outbox to the other.
@Suite struct LifecycleTests {
    @Test func wholeLoan() async throws {
        let pair = try LibraryPair()
        var borrowing = try await pair.borrower.borrow(LibraryPair.borrowingRequest(.loan))
        #expect(borrowing.state == RequesterState.requested.rawValue)
        try await pair.deliverAll()
        var lending = try await pair.lenderTransaction(for: borrowing)
        #expect(lending.state == SupplierState.requestReceived.rawValue)
        #expect(lending.supplyingAgencyRequestID == "LEND-\(lending.id)")
        #expect(lending.title == "Moby-Dick")

        lending = try await pair.lender.perform(SupplierCommand(.willSupply), onTransaction: lending.id)
        try await pair.deliverAll()
        borrowing = try await pair.refreshed(borrowing, at: pair.borrower)
        #expect(borrowing.state == RequesterState.willSupply.rawValue)
        #expect(borrowing.supplyingAgencyRequestID == lending.supplyingAgencyRequestID)

        let due = TimestampFormat.normalized(pair.clock.now.addingTimeInterval(28 * 86_400))
        lending = try await pair.lender.perform(SupplierCommand(.ship, dueDate: due, itemIDs: ["39001000123"]), onTransaction: lending.id)
        try await pair.deliverAll()
        borrowing = try await pair.refreshed(borrowing, at: pair.borrower)
        #expect(borrowing.state == RequesterState.shipped.rawValue)
        #expect(borrowing.dueDate == due)
        #expect(borrowing.lastStatus == .loaned)

        borrowing = try await pair.borrower.perform(RequesterCommand(.markReceived), onTransaction: borrowing.id)
        borrowing = try await pair.borrower.perform(RequesterCommand(.checkOutToPatron), onTransaction: borrowing.id)
        borrowing = try await pair.borrower.perform(RequesterCommand(.checkInFromPatron), onTransaction: borrowing.id)
        try await pair.deliverAll()
        #expect(try await pair.refreshed(lending, at: pair.lender).state == SupplierState.received.rawValue)

        borrowing = try await pair.borrower.perform(RequesterCommand(.shipReturn), onTransaction: borrowing.id)
        try await pair.deliverAll()
        #expect(try await pair.refreshed(lending, at: pair.lender).state == SupplierState.returnShipped.rawValue)

        lending = try await pair.lender.perform(SupplierCommand(.checkIn), onTransaction: lending.id)
        try await pair.deliverAll()
        #expect(lending.state == SupplierState.loanCompleted.rawValue)
        #expect(try await pair.refreshed(borrowing, at: pair.borrower).state == RequesterState.completed.rawValue)

        // Every message went through and was confirmed OK, in order, and the first answer was a RequestResponse.
        let sent = try await pair.lender.store.messages(transactionID: lending.id).filter { $0.direction == .outbound }
        #expect(sent.map(\.summary) == ["WillSupply/RequestResponse", "Loaned/StatusChange", "LoanCompleted/StatusChange"])
        #expect(sent.allSatisfy { $0.confirmationStatus == .ok })
        for gateway in [pair.lender, pair.borrower] {
            #expect(try await gateway.store.outbox(statuses: [.pending, .rejected, .dead]).isEmpty)
        }
        let history = try await pair.lender.store.events(transactionID: lending.id).map(\.event)
        #expect(history == ["request:New", "willSupply", "ship", "received", "shippedReturn", "checkIn"])
    }

    @Test func wholeCopy() async throws {
        let pair = try LibraryPair()
        var borrowing = try await pair.borrower.borrow(LibraryPair.borrowingRequest(.copy, title: "Nature"))
        try await pair.deliverAll()
        var lending = try await pair.lenderTransaction(for: borrowing)
        lending = try await pair.lender.perform(SupplierCommand(.willSupply), onTransaction: lending.id)
        await #expect(throws: StaffActionError.self) {
            try await pair.lender.perform(SupplierCommand(.ship, dueDate: pair.clock.now), onTransaction: lending.id)
        }
        lending = try await pair.lender.perform(
            SupplierCommand(.sendCopy, deliveryMethod: .url, url: "https://files.example.org/c/123.pdf", itemFormat: .pdf),
            onTransaction: lending.id
        )
        try await pair.deliverAll()
        borrowing = try await pair.refreshed(borrowing, at: pair.borrower)
        #expect(borrowing.state == RequesterState.copyDelivered.rawValue)
        borrowing = try await pair.borrower.perform(RequesterCommand(.markReceived), onTransaction: borrowing.id)
        try await pair.deliverAll()
        #expect(borrowing.state == RequesterState.completed.rawValue)
        #expect(try await pair.refreshed(lending, at: pair.lender).state == SupplierState.copyCompleted.rawValue)
        let copyMessage = try #require(
            try await pair.borrower.store.messages(transactionID: borrowing.id).first { $0.summary.hasPrefix("CopyCompleted") }
        )
        #expect(copyMessage.body.contains("https://files.example.org/c/123.pdf") == false || borrowing.edition == .v2021)
    }

    @Test func unfilled() async throws {
        let pair = try LibraryPair()
        let borrowing = try await pair.borrower.borrow(LibraryPair.borrowingRequest())
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: borrowing)
        await #expect(throws: StaffActionError.self) {
            try await pair.lender.perform(SupplierCommand(.unfilled), onTransaction: lending.id)
        }
        _ = try await pair.lender.perform(SupplierCommand(.unfilled, note: "missing", reasonUnfilled: .notOnShelf), onTransaction: lending.id)
        try await pair.deliverAll()
        #expect(try await pair.refreshed(borrowing, at: pair.borrower).state == RequesterState.unfilled.rawValue)
        let answer = try #require(try await pair.borrower.store.messages(transactionID: borrowing.id).last)
        #expect(answer.body.contains("<reasonUnfilled>NotOnShelf</reasonUnfilled>"))
    }

    @Test(arguments: [Edition.v1_2, .v2021])
    func retryPossibleThenRetry(edition: Edition) async throws {
        let pair = try LibraryPair(lenderEdition: edition, borrowerEdition: edition)
        let borrowing = try await pair.borrower.borrow(LibraryPair.borrowingRequest())
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: borrowing)
        _ = try await pair.lender.perform(
            SupplierCommand(
                .retryPossible,
                reasonRetry: .costExceedsMaxCost,
                retryInfo: RetryInfo(offeredCosts: [Costs(currencyCode: .usd, monetaryValue: Decimal(string: "25.00") ?? 0)])
            ),
            onTransaction: lending.id
        )
        try await pair.deliverAll()
        #expect(try await pair.refreshed(borrowing, at: pair.borrower).state == RequesterState.conditionsOffered.rawValue)

        let retry = try await pair.borrower.perform(RequesterCommand(.retry), onTransaction: borrowing.id)
        #expect(retry.id != borrowing.id)
        #expect(retry.previousTransactionID == borrowing.id)
        #expect(try await pair.refreshed(borrowing, at: pair.borrower).state == RequesterState.retried.rawValue)
        try await pair.deliverAll()

        let retried = try await pair.lenderTransaction(for: retry)
        #expect(retried.previousTransactionID == lending.id)
        #expect(retried.state == SupplierState.requestReceived.rawValue)
        let request = try #require(try await pair.lender.store.messages(transactionID: retried.id).first)
        guard case .request(let decoded) = try ISO18626Decoder().decode(request.body).message else {
            Issue.record("not a request")
            return
        }
        #expect(decoded.serviceInfo?.requestType == .retry)
        #expect(decoded.serviceInfo?.requestingAgencyPreviousRequestID == borrowing.requestingAgencyRequestID)
        #expect(decoded.billingInfo?.maximumCosts == Costs(currencyCode: .usd, monetaryValue: 25))
    }

    /// A shipped loan, ready for renewals, overdues and recalls.
    private func shippedLoan(_ pair: LibraryPair) async throws -> (borrowing: TransactionRecord, lending: TransactionRecord) {
        var borrowing = try await pair.borrower.borrow(LibraryPair.borrowingRequest())
        try await pair.deliverAll()
        var lending = try await pair.lenderTransaction(for: borrowing)
        lending = try await pair.lender.perform(
            SupplierCommand(.ship, dueDate: pair.clock.now.addingTimeInterval(14 * 86_400)),
            onTransaction: lending.id
        )
        try await pair.deliverAll()
        borrowing = try await pair.borrower.perform(RequesterCommand(.markReceived), onTransaction: borrowing.id)
        try await pair.deliverAll()
        return (borrowing, try await pair.refreshed(lending, at: pair.lender))
    }

    @Test func renewalGrantedThenRefused() async throws {
        let pair = try LibraryPair()
        var (borrowing, lending) = try await shippedLoan(pair)

        borrowing = try await pair.borrower.perform(RequesterCommand(.requestRenewal), onTransaction: borrowing.id)
        #expect(borrowing.renewalPending)
        await #expect(throws: StaffActionError.self) {
            try await pair.borrower.perform(RequesterCommand(.requestRenewal), onTransaction: borrowing.id)
        }
        try await pair.deliverAll()
        lending = try await pair.refreshed(lending, at: pair.lender)
        #expect(lending.renewalPending)

        let newDue = TimestampFormat.normalized(pair.clock.now.addingTimeInterval(42 * 86_400))
        lending = try await pair.lender.perform(SupplierCommand(.grantRenewal, dueDate: newDue), onTransaction: lending.id)
        #expect(!lending.renewalPending)
        #expect(lending.dueDate == newDue)
        try await pair.deliverAll()
        borrowing = try await pair.refreshed(borrowing, at: pair.borrower)
        #expect(borrowing.dueDate == newDue)
        #expect(!borrowing.renewalPending)

        borrowing = try await pair.borrower.perform(RequesterCommand(.requestRenewal), onTransaction: borrowing.id)
        try await pair.deliverAll()
        _ = try await pair.lender.perform(SupplierCommand(.refuseRenewal, note: "wanted here"), onTransaction: lending.id)
        try await pair.deliverAll()
        borrowing = try await pair.refreshed(borrowing, at: pair.borrower)
        #expect(!borrowing.renewalPending)
        #expect(borrowing.dueDate == newDue)
        let history = try await pair.borrower.store.events(transactionID: borrowing.id)
        #expect(history.contains { $0.event == "supplierRefusedRenewal" && ($0.detail ?? "").contains("refused the renewal") })
    }

    @Test func cancelAcceptedAndRefused() async throws {
        let pair = try LibraryPair()
        let first = try await pair.borrower.borrow(LibraryPair.borrowingRequest())
        let second = try await pair.borrower.borrow(LibraryPair.borrowingRequest(title: "Typee"))
        try await pair.deliverAll()
        for borrowing in [first, second] {
            let cancelling = try await pair.borrower.perform(RequesterCommand(.cancel), onTransaction: borrowing.id)
            #expect(cancelling.cancelPending)
        }
        try await pair.deliverAll()

        let firstLending = try await pair.lenderTransaction(for: first)
        #expect(firstLending.cancelPending)
        _ = try await pair.lender.perform(SupplierCommand(.acceptCancel), onTransaction: firstLending.id)
        let secondLending = try await pair.lenderTransaction(for: second)
        _ = try await pair.lender.perform(SupplierCommand(.refuseCancel, note: "already on the way"), onTransaction: secondLending.id)
        try await pair.deliverAll()

        #expect(try await pair.refreshed(first, at: pair.borrower).state == RequesterState.cancelled.rawValue)
        #expect(try await pair.refreshed(firstLending, at: pair.lender).state == SupplierState.cancelled.rawValue)
        let stillOpen = try await pair.refreshed(second, at: pair.borrower)
        #expect(stillOpen.state == RequesterState.requested.rawValue)
        #expect(!stillOpen.cancelPending)
        // Without a cancel request there is nothing to answer.
        await #expect(throws: StaffActionError.self) {
            try await pair.lender.perform(SupplierCommand(.acceptCancel), onTransaction: secondLending.id)
        }
    }

    @Test func cancelAfterShippingIsAnsweredNoAutomatically() async throws {
        let pair = try LibraryPair()
        let (borrowing, lending) = try await shippedLoan(pair)
        await #expect(throws: StaffActionError.self) {
            try await pair.borrower.perform(RequesterCommand(.cancel), onTransaction: borrowing.id)
        }
        // A peer that sends Cancel anyway gets a CancelResponse No, and the loan goes on.
        let cancel = RequestingAgencyMessage(
            header: Header(
                supplyingAgencyID: LibraryPair.lenderAgency,
                requestingAgencyID: LibraryPair.borrowerAgency,
                timestamp: pair.clock.now,
                requestingAgencyRequestID: borrowing.requestingAgencyRequestID
            ),
            action: .cancel
        )
        let reply = await pair.lender.handle(
            try ISO18626Encoder().encode(.requestingAgencyMessage(cancel), edition: .v1_2),
            from: PeerContext(authenticatedPeerName: "borrower")
        )
        #expect(reply.messageStatus == .ok)
        let answers = try await pair.lender.store.messages(transactionID: lending.id).filter { $0.direction == .outbound }
        #expect(answers.last?.summary == "Loaned/CancelResponse")
        #expect(answers.last?.body.contains("<answerYesNo>N</answerYesNo>") == true)
        #expect(try await pair.refreshed(lending, at: pair.lender).state == SupplierState.received.rawValue)
    }

    @Test func overdueThenRecall() async throws {
        let pair = try LibraryPair()
        var (borrowing, lending) = try await shippedLoan(pair)
        pair.clock.advance(days: 15)
        lending = try await pair.lender.perform(SupplierCommand(.markOverdue), onTransaction: lending.id)
        try await pair.deliverAll()
        lending = try await pair.lender.perform(SupplierCommand(.recall, note: "needed for a course"), onTransaction: lending.id)
        try await pair.deliverAll()
        #expect(lending.state == SupplierState.recalled.rawValue)
        borrowing = try await pair.refreshed(borrowing, at: pair.borrower)
        #expect(borrowing.state == RequesterState.received.rawValue)
        #expect(borrowing.lastStatus == .recalled)
        let alerts = try await pair.borrower.store.events(transactionID: borrowing.id).compactMap(\.detail).filter { $0.contains("alert") }
        #expect(alerts.count == 2)

        // A recalled loan cannot be renewed: the lender answers No by itself.
        _ = try await pair.borrower.perform(RequesterCommand(.requestRenewal), onTransaction: borrowing.id)
        try await pair.deliverAll()
        #expect(!(try await pair.refreshed(borrowing, at: pair.borrower)).renewalPending)

        _ = try await pair.borrower.perform(RequesterCommand(.shipReturn), onTransaction: borrowing.id)
        try await pair.deliverAll()
        _ = try await pair.lender.perform(SupplierCommand(.checkIn), onTransaction: lending.id)
        try await pair.deliverAll()
        #expect(try await pair.refreshed(borrowing, at: pair.borrower).state == RequesterState.completed.rawValue)
    }
}
