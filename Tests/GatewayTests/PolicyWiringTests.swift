import Foundation
import Gateway
import ISO18626
import Policy
import Store
import Testing
import Transactions

/// The lending policy decides requests as they arrive, in the transaction that stores them: what the
/// lender answers, what it holds for staff, how renewals are answered, and `policy explain`.
@Suite struct LendingPolicyWiringTests {
    static func lenderPolicy(_ change: (inout PolicyConfiguration) -> Void = { _ in }) -> PolicyConfiguration {
        var policy = PolicyConfiguration()
        policy.lending.charges.loan = 0
        policy.lending.charges.copy = 0
        policy.lending.newMaterialEmbargoDays = 0
        change(&policy)
        return policy
    }

    static func holding(_ status: HoldingRecord.Status = .available, due: Date? = nil) -> HoldingRecord {
        HoldingRecord(isbns: ["9780142437247"], title: "Moby-Dick", titleKey: TitleKey.make("Moby-Dick"), format: "Book", location: "Main", callNumber: "PS2384 .M6", status: status, dueDate: due)
    }

    static func load(_ holdings: [HoldingRecord], into gateway: Gateway) async throws {
        try await gateway.store.write { writer in try writer.replaceHoldings(with: holdings) }
    }

    @Test("L07: a request for something not held is answered Unfilled NotHeld at once")
    func notHeldIsRefused() async throws {
        let pair = try LibraryPair(lenderPolicy: Self.lenderPolicy())
        let borrowing = try await pair.borrower.borrow(LibraryPair.borrowingRequest(.loan))
        let replies = try await pair.deliverAll()
        let first = try #require(replies.first)
        #expect(first.decision?.outcome == "unfilled")
        #expect(first.decision?.rule == "L07")
        #expect(first.decision?.reason == "NotHeld")
        let lending = try await pair.lenderTransaction(for: borrowing)
        #expect(lending.state == SupplierState.unfilled.rawValue)
        #expect(try await pair.refreshed(borrowing, at: pair.borrower).state == RequesterState.unfilled.rawValue)
        let sent = try await pair.lender.store.messages(transactionID: lending.id).filter { $0.direction == .outbound }
        #expect(sent.count == 1)
        #expect(sent.first?.body.contains("<reasonUnfilled>NotHeld</reasonUnfilled>") == true)
        #expect(sent.first?.body.contains("[illgate:") == true)
        let events = try await pair.lender.store.events(transactionID: lending.id)
        #expect(events.map(\.event) == ["request:New", "policy:unfilled"])
        #expect(events.last?.source == .system)
    }

    @Test("L17: an available held item is answered WillSupply")
    func heldItemIsSupplied() async throws {
        let pair = try LibraryPair(lenderPolicy: Self.lenderPolicy())
        try await Self.load([Self.holding()], into: pair.lender)
        let borrowing = try await pair.borrower.borrow(LibraryPair.borrowingRequest(.loan))
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: borrowing)
        #expect(lending.state == SupplierState.willSupply.rawValue)
        #expect(try await pair.refreshed(borrowing, at: pair.borrower).state == RequesterState.willSupply.rawValue)
        let sent = try await pair.lender.store.messages(transactionID: lending.id).filter { $0.direction == .outbound }
        #expect(sent.map(\.summary) == ["WillSupply/RequestResponse"])
    }

    @Test("L07: an item on loan is offered back with RetryPossible OnLoan and the due date")
    func onLoanIsOfferedBack() async throws {
        let pair = try LibraryPair(lenderPolicy: Self.lenderPolicy())
        let due = TimestampFormat.normalized(pair.clock.now.addingTimeInterval(10 * 86_400))
        try await Self.load([Self.holding(.onLoan, due: due)], into: pair.lender)
        let borrowing = try await pair.borrower.borrow(LibraryPair.borrowingRequest(.loan))
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: borrowing)
        #expect(lending.state == SupplierState.retryPossible.rawValue)
        #expect(try await pair.refreshed(borrowing, at: pair.borrower).state == RequesterState.conditionsOffered.rawValue)
        let body = try #require(try await pair.lender.store.messages(transactionID: lending.id).first { $0.direction == .outbound }?.body)
        #expect(body.contains("<reasonRetry>OnLoan</reasonRetry>"))
        #expect(body.contains("<retryAfter>\(TimestampFormat.format(due))</retryAfter>"))
        #expect(!body.contains("reasonUnfilled"))
    }

    @Test("C01: a copy without a declaration waits for staff; approving it sends WillSupply")
    func missingDeclarationIsHeldThenApproved() async throws {
        let pair = try LibraryPair(lenderPolicy: Self.lenderPolicy())
        try await Self.load([Self.holding()], into: pair.lender)
        var request = LibraryPair.borrowingRequest(.copy)
        request.bibliographicInfo.titleOfComponent = "Chapter 1: Loomings"
        request.bibliographicInfo.pagesRequested = "1-10"
        let borrowing = try await pair.borrower.borrow(request)
        let replies = try await pair.deliverAll()
        #expect(replies.first?.decision?.outcome == "review")
        #expect(replies.first?.decision?.rule == "C01")
        let lending = try await pair.lenderTransaction(for: borrowing)
        #expect(lending.state == SupplierState.requestReceived.rawValue)
        #expect(try await pair.lender.store.messages(transactionID: lending.id).filter { $0.direction == .outbound }.isEmpty)
        let open = try await pair.lender.store.reviews(states: [.open])
        let review = try #require(open.first)
        #expect(open.count == 1)
        #expect(review.transactionID == lending.id)
        #expect(review.side == .lending)
        #expect(review.deadline != nil)

        let approved = try await pair.lender.approveReview(review.id)
        #expect(approved.state == .approved)
        try await pair.deliverAll()
        #expect(try await pair.refreshed(borrowing, at: pair.borrower).state == RequesterState.willSupply.rawValue)
        #expect(try await pair.lender.store.reviews(states: [.open]).isEmpty)
        await #expect(throws: StaffActionError.self) { try await pair.lender.approveReview(review.id) }
    }

    @Test("review timeout: an undecided held request is answered Unfilled PolicyProblem after two business days")
    func heldRequestTimesOut() async throws {
        let pair = try LibraryPair(lenderPolicy: Self.lenderPolicy())
        var request = LibraryPair.borrowingRequest(.copy)
        request.bibliographicInfo.titleOfComponent = "Chapter 2: The Carpet-Bag"
        request.bibliographicInfo.pagesRequested = "11-20"
        let borrowing = try await pair.borrower.borrow(request)
        try await pair.deliverAll()
        #expect(try await pair.lender.expireReviews().isEmpty)
        pair.clock.advance(days: 1)
        #expect(try await pair.lender.expireReviews().isEmpty)
        pair.clock.advance(days: 4)
        let expired = try await pair.lender.expireReviews()
        #expect(expired.map(\.state) == [.timedOut])
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: borrowing)
        #expect(lending.state == SupplierState.unfilled.rawValue)
        let body = try #require(try await pair.lender.store.messages(transactionID: lending.id).first { $0.direction == .outbound }?.body)
        #expect(body.contains("<reasonUnfilled>PolicyProblem</reasonUnfilled>"))
        #expect(body.contains("[illgate:review-timeout]"))
        #expect(try await pair.refreshed(borrowing, at: pair.borrower).state == RequesterState.unfilled.rawValue)
    }

    @Test("refusing a held request sends Unfilled with the reason staff chose")
    func heldRequestRefused() async throws {
        let pair = try LibraryPair(lenderPolicy: Self.lenderPolicy())
        var request = LibraryPair.borrowingRequest(.copy)
        request.bibliographicInfo.titleOfComponent = "Chapter 3: The Spouter-Inn"
        request.bibliographicInfo.pagesRequested = "21-30"
        let borrowing = try await pair.borrower.borrow(request)
        try await pair.deliverAll()
        let review = try #require(try await pair.lender.store.reviews(states: [.open]).first)
        let refused = try await pair.lender.refuseReview(review.id, reason: "NotAvailableForILL", note: "Special collections")
        #expect(refused.state == .refused)
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: borrowing)
        let body = try #require(try await pair.lender.store.messages(transactionID: lending.id).first { $0.direction == .outbound }?.body)
        #expect(body.contains("<reasonUnfilled>NotAvailableForILL</reasonUnfilled>"))
    }

    @Test("R01/R02: the first renewal is granted with a new due date, the second refused (renewal_max 1)")
    func renewalsAreDecided() async throws {
        let pair = try LibraryPair(lenderPolicy: Self.lenderPolicy { $0.lending.renewalPeriodDays = 28 })
        try await Self.load([Self.holding()], into: pair.lender)
        let due = TimestampFormat.normalized(pair.clock.now.addingTimeInterval(42 * 86_400))
        var (borrowing, lending) = try await pair.shippedLoan(due: due)
        borrowing = try await pair.borrower.perform(RequesterCommand(.markReceived), onTransaction: borrowing.id)
        borrowing = try await pair.borrower.perform(RequesterCommand(.requestRenewal), onTransaction: borrowing.id)
        let replies = try await pair.deliverAll()
        #expect(replies.contains { $0.decision?.side == "renewal" && $0.decision?.outcome == "granted" && $0.decision?.rule == "R01" })
        lending = try await pair.refreshed(lending, at: pair.lender)
        let renewed = try #require(lending.dueDate)
        #expect(abs(renewed.timeIntervalSince(due) - 28 * 86_400) < 3_700)  // 28 days later (allowing for a DST change)
        #expect(lending.renewalPending == false)
        #expect(try await pair.refreshed(borrowing, at: pair.borrower).dueDate == renewed)

        borrowing = try await pair.borrower.perform(RequesterCommand(.requestRenewal), onTransaction: borrowing.id)
        let second = try await pair.deliverAll()
        #expect(second.contains { $0.decision?.outcome == "refused" && $0.decision?.rule == "R02" })
        #expect(try await pair.refreshed(lending, at: pair.lender).dueDate == renewed)
    }

    @Test("policy explain gives the live decision and changes nothing")
    func explainChangesNothing() async throws {
        let pair = try LibraryPair(lenderPolicy: Self.lenderPolicy())
        let request = Request(
            header: Header(
                supplyingAgencyID: LibraryPair.lenderAgency,
                requestingAgencyID: LibraryPair.borrowerAgency,
                timestamp: pair.clock.now,
                requestingAgencyRequestID: "EXPLAIN-1"
            ),
            bibliographicInfo: LibraryPair.borrowingRequest().bibliographicInfo,
            serviceInfo: ServiceInfo(serviceType: .loan)
        )
        let before = try await pair.lender.explainLending(request)
        #expect(before.decision == "unfilled")
        #expect(before.rule == "L07")
        #expect(before.rules.contains { $0.rule == "L07" && $0.verdict == "fired" })
        try await Self.load([Self.holding()], into: pair.lender)
        let after = try await pair.lender.explainLending(request)
        #expect(after.decision == "supply")
        #expect(after.answer.contains { $0.name == "status" && $0.value == "WillSupply" })
        #expect(try await pair.lender.store.transactions(matching: TransactionFilter()).isEmpty)
        // Every rule is listed, also those after the one that decided.
        #expect(before.rules.contains { $0.rule == "L17" && $0.verdict == "not reached" })
        #expect(Set(before.rules.map(\.rule)).isSuperset(of: ["L01", "L02", "L03", "L04", "L06", "L07", "L08", "L10", "L17"]))
    }

    @Test("policy explain on a request already received does not count it as its own duplicate")
    func explainReceivedRequest() async throws {
        let pair = try LibraryPair(lenderPolicy: Self.lenderPolicy { $0.lending.redFlags.duplicateHours = 24 })
        try await Self.load([Self.holding()], into: pair.lender)
        let borrowing = try await pair.borrower.borrow(LibraryPair.borrowingRequest(.loan))
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: borrowing)
        #expect(lending.state == SupplierState.willSupply.rawValue)
        func received(_ requestID: String) -> Request {
            Request(
                header: Header(
                    supplyingAgencyID: LibraryPair.lenderAgency,
                    requestingAgencyID: LibraryPair.borrowerAgency,
                    timestamp: pair.clock.now,
                    requestingAgencyRequestID: requestID
                ),
                bibliographicInfo: LibraryPair.borrowingRequest(.loan).bibliographicInfo,
                serviceInfo: ServiceInfo(serviceType: .loan)
            )
        }
        let same = try await pair.lender.explainLending(received(lending.requestingAgencyRequestID))
        #expect(same.decision == "supply")
        #expect(same.rule == "L17")
        #expect(same.facts.contains { $0.name == "same citation from peer" && $0.value == "0" })
        // Another request for the same citation is a duplicate of the stored one.
        let other = try await pair.lender.explainLending(received(lending.requestingAgencyRequestID + "-AGAIN"))
        #expect(other.decision == "review")
        #expect(other.rule == "L06")
        #expect(other.rules.contains { $0.rule == "L17" && $0.verdict == "not reached" })
    }
}
