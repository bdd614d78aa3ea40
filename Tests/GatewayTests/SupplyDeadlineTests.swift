import Foundation
import Gateway
import ISO18626
import Policy
import Store
import Testing
import Transactions

/// The expect-to-supply deadline: a silent lender is cancelled and the rota moves on, as the clock moves.
@Suite struct SupplyDeadlineTests {
    @Test func aSilentLenderIsCancelledAndTheRequestGoesToTheNextLender() async throws {
        let second = Peer(name: "second", agencyIDs: [AgencyID(type: .isil, value: "DK-SECOND")], edition: .v1_2)
        let policy = BorrowingPolicyWiringTests.borrowerPolicy { $0.borrowing.expectToSupplyBy = ReviewTimeout(amount: 2, unit: .days) }
        let pair = try LibraryPair(borrowerPolicy: policy, borrowerPeers: [second], borrowerBranches: DeskTests.branches)
        var request = PatronNoticeTests.request()
        request.alternatePeers = ["second"]
        let (result, _) = try await pair.borrower.submit(request)
        guard case .sent(let sent) = result else {
            Issue.record("not sent: \(result)")
            return
        }
        try await pair.deliverAll()
        #expect(try await pair.borrower.cancelSilentLenders().isEmpty, "the deadline has not passed")

        pair.clock.advance(days: 2.5)
        let cancelled = try await pair.borrower.cancelSilentLenders()
        #expect(cancelled.map(\.transaction.id) == [sent.transactionID])
        let first = try #require(try await pair.borrower.transaction(id: sent.transactionID))
        #expect(first.cancelPending)
        let cancel = try #require(try await pair.borrower.store.messages(transactionID: first.id).last)
        #expect(cancel.direction == .outbound && cancel.body.contains("<action>Cancel</action>") && cancel.body.contains("[illgate:supply-deadline]"))
        let forwarded = try #require(cancelled.first?.forwarded)
        #expect(forwarded.peerName == "second" && forwarded.pickupLocation == "LAW" && forwarded.state == RequesterState.requested.rawValue)
        #expect(forwarded.patronEmail == PatronNoticeTests.address, "the rota's next request keeps the patron's address on our side")
        let forwardedRequest = try #require(try await pair.borrower.store.messages(transactionID: forwarded.id).first)
        #expect(forwardedRequest.kind == .request && !forwardedRequest.body.contains(PatronNoticeTests.address))
        #expect(try await pair.borrower.store.events(transactionID: first.id).last?.event == "supply-deadline")
        #expect(try await pair.borrower.cancelSilentLenders().isEmpty, "a cancel already pending, and the new request is young")

        // The silent lender's staff accept the cancel late: the first transaction closes; the second request stays.
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: first)
        _ = try await pair.lender.perform(SupplierCommand(.acceptCancel), onTransaction: lending.id)
        try await pair.deliverAll()
        #expect(try await pair.borrower.transaction(id: first.id)?.state == RequesterState.cancelled.rawValue)
        #expect(try await pair.borrower.transaction(id: forwarded.id)?.state == RequesterState.requested.rawValue)
    }

    @Test func aLenderThatWillSupplyIsLeftAloneAndNoDeadlineMeansNoCancel() async throws {
        let policy = BorrowingPolicyWiringTests.borrowerPolicy { $0.borrowing.expectToSupplyBy = ReviewTimeout(amount: 1, unit: .days) }
        let pair = try LibraryPair(borrowerPolicy: policy)
        let (result, _) = try await pair.borrower.submit(LibraryPair.borrowingRequest())
        guard case .sent(let sent) = result else {
            Issue.record("not sent: \(result)")
            return
        }
        try await pair.deliverAll()
        let borrowing = try #require(try await pair.borrower.transaction(id: sent.transactionID))
        let lending = try await pair.lenderTransaction(for: borrowing)
        _ = try await pair.lender.perform(SupplierCommand(.willSupply), onTransaction: lending.id)
        try await pair.deliverAll()
        pair.clock.advance(days: 5)
        #expect(try await pair.borrower.cancelSilentLenders().isEmpty)

        let noDeadline = try LibraryPair(borrowerPolicy: BorrowingPolicyWiringTests.borrowerPolicy())
        _ = try await noDeadline.borrower.submit(LibraryPair.borrowingRequest())
        noDeadline.clock.advance(days: 30)
        #expect(try await noDeadline.borrower.cancelSilentLenders().isEmpty)
    }
}
