import Foundation
import Gateway
import ISO18626
import Policy
import Store
import Testing
import Transactions

/// The borrowing rules and the copyright ledger as the gateway carries them out: what is sent with which
/// declaration, what the sixth copy gets, atomic counting under concurrency, and the rota.
@Suite struct BorrowingPolicyWiringTests {
    static func borrowerPolicy(_ change: (inout PolicyConfiguration) -> Void = { _ in }) -> PolicyConfiguration {
        var policy = PolicyConfiguration()
        policy.timeZone = TimeZone(identifier: "America/Chicago") ?? .current
        policy.patronTypes["faculty"] = PatronTypePolicy(ill: true, maxOpen: 500)
        policy.borrowing.checkDuplicateHours = 0
        change(&policy)
        return policy
    }

    /// An article request from one journal (ISSN 1050-4125), recent enough to count.
    static func article(_ number: Int, issn: String = "1050-4125", patron: String? = nil) -> BorrowingRequest {
        BorrowingRequest(
            peerName: "lender",
            bibliographicInfo: BibliographicInfo(
                title: "Journal of Synthetic Examples",
                titleOfComponent: "Article number \(number)",
                volume: ["12"],
                issue: String(number),
                pagesRequested: "\(number * 10)-\(number * 10 + 9)",
                bibliographicItemID: [BibliographicItemID(identifier: issn, code: .issn)]
            ),
            publicationInfo: PublicationInfo(publicationType: "Article", publicationDate: "2025-03"),
            serviceInfo: ServiceInfo(requestType: .new, serviceType: .copy),
            patronInfo: PatronInfo(patronID: patron ?? "P-\(number)", patronType: .faculty)
        )
    }

    static func sentRequest(_ transactionID: Int64, at gateway: Gateway) async throws -> String {
        try #require(try await gateway.store.messages(transactionID: transactionID).first { $0.direction == .outbound && $0.kind == .request }?.body)
    }

    @Test("K08/K09: five articles from one journal go out US-CCG within the guideline; the sixth pays a royalty")
    func sixthArticlePaysRoyalty() async throws {
        let pair = try LibraryPair(borrowerPolicy: Self.borrowerPolicy())
        var sent: [TransactionRecordSummary] = []
        for number in 1...6 {
            let (result, decision) = try await pair.borrower.submit(Self.article(number))
            guard case .sent(let summary) = result else {
                Issue.record("article \(number) was not sent: \(result)")
                return
            }
            #expect(decision?.outcome == "send")
            sent.append(summary)
        }
        #expect(sent.map(\.copyrightCompliance) == Array(repeating: "US-CCG", count: 6))
        for summary in sent {
            #expect(try await Self.sentRequest(summary.transactionID, at: pair.borrower).contains("<copyrightCompliance>US-CCG</copyrightCompliance>"))
        }
        let year = CalendarDay(pair.clock.now, in: Self.borrowerPolicy().calendar).year
        let ledger = try await pair.borrower.store.ledger(year: year)
        #expect(ledger.map(\.basis) == ["guideline", "guideline", "guideline", "guideline", "guideline", "royalty"])
        #expect(ledger.allSatisfy { $0.counted && $0.state == .reserved })
        #expect(ledger.last?.royaltyEstimate == 30)
        #expect(Set(ledger.map(\.titleID)).count == 1)
        #expect(ledger.allSatisfy { $0.issns == "1050-4125" })
    }

    @Test("K09 cancel: the sixth article is not sent, and an older article is US-CCL and not counted")
    func sixthArticleCancelledOlderExempt() async throws {
        let pair = try LibraryPair(borrowerPolicy: Self.borrowerPolicy { $0.copyright.borrowing.onLimit = .cancel })
        for number in 1...5 {
            let (result, _) = try await pair.borrower.submit(Self.article(number))
            guard case .sent = result else { Issue.record("article \(number) was not sent"); return }
        }
        let (sixth, decision) = try await pair.borrower.submit(Self.article(6))
        guard case .rejected(let rule, _) = sixth else { Issue.record("the sixth article was sent: \(sixth)"); return }
        #expect(rule == "K09")
        #expect(decision?.outcome == "reject")
        var old = Self.article(7)
        old.publicationInfo?.publicationDate = "1999"
        let (olderResult, _) = try await pair.borrower.submit(old)
        guard case .sent(let older) = olderResult else { Issue.record("the older article was not sent"); return }
        #expect(older.copyrightCompliance == "US-CCL")
        let year = CalendarDay(pair.clock.now, in: Self.borrowerPolicy().calendar).year
        let ledger = try await pair.borrower.store.ledger(year: year)
        #expect(ledger.filter(\.counted).count == 5)
        #expect(ledger.contains { $0.basis == "older" && !$0.counted })
        #expect(try await pair.borrower.store.transactions(matching: TransactionFilter(role: .requester)).count == 6)
    }

    @Test("K10: forty simultaneous requests for one journal never take more than the five free copies")
    func concurrentRequestsRespectTheLimit() async throws {
        let pair = try LibraryPair(borrowerPolicy: Self.borrowerPolicy { $0.copyright.borrowing.onLimit = .cancel })
        let borrower = pair.borrower
        let results = try await withThrowingTaskGroup(of: BorrowingResult.self) { group in
            for number in 1...40 {
                group.addTask { try await borrower.submit(Self.article(number)).result }
            }
            var all: [BorrowingResult] = []
            for try await result in group { all.append(result) }
            return all
        }
        let sent = results.filter { if case .sent = $0 { true } else { false } }
        let rejected = results.filter { if case .rejected(let rule, _) = $0 { rule == "K09" } else { false } }
        #expect(sent.count == 5)
        #expect(rejected.count == 35)
        let year = CalendarDay(pair.clock.now, in: Self.borrowerPolicy().calendar).year
        #expect(try await borrower.store.ledger(year: year).filter(\.counted).count == 5)
    }

    @Test("K03: print and electronic ISSNs of one journal count together once a request links them")
    func printAndElectronicISSNsShareOneCount() async throws {
        let pair = try LibraryPair(borrowerPolicy: Self.borrowerPolicy())
        var linking = Self.article(1)
        linking.bibliographicInfo.bibliographicItemID.append(BibliographicItemID(identifier: "2434561X", code: "EISSN"))
        _ = try await pair.borrower.submit(linking)
        _ = try await pair.borrower.submit(Self.article(2, issn: "2434-561x"))
        _ = try await pair.borrower.submit(Self.article(3, issn: "1050-4125"))
        let year = CalendarDay(pair.clock.now, in: Self.borrowerPolicy().calendar).year
        let ledger = try await pair.borrower.store.ledger(year: year)
        #expect(ledger.count == 3)
        #expect(Set(ledger.map(\.titleID)).count == 1)
    }

    @Test("B05: an item we hold ourselves is held for staff; approving it sends it")
    func locallyAvailableIsHeldThenSent() async throws {
        let pair = try LibraryPair(borrowerPolicy: Self.borrowerPolicy())
        try await LendingPolicyWiringTests.load([LendingPolicyWiringTests.holding()], into: pair.borrower)
        let (result, _) = try await pair.borrower.submit(LibraryPair.borrowingRequest(.loan))
        guard case .held(let reviewID, let rule, _) = result else { Issue.record("not held: \(result)"); return }
        #expect(rule == "B05")
        #expect(try await pair.borrower.store.transactions(matching: TransactionFilter()).isEmpty)
        let approved = try await pair.borrower.approveReview(reviewID)
        #expect(approved.state == .approved)
        let sent = try await pair.borrower.store.transactions(matching: TransactionFilter(role: .requester))
        #expect(sent.count == 1)
        #expect(sent.first?.state == RequesterState.requested.rawValue)
    }

    @Test("B01: a patron type without ILL is rejected before anything is sent")
    func ineligiblePatronIsRejected() async throws {
        let pair = try LibraryPair(borrowerPolicy: Self.borrowerPolicy { $0.patronTypes["faculty"] = PatronTypePolicy(ill: false) })
        let (result, _) = try await pair.borrower.submit(LibraryPair.borrowingRequest(.loan))
        guard case .rejected(let rule, let reason) = result else { Issue.record("not rejected: \(result)"); return }
        #expect(rule == "B01")
        #expect(reason == "invalid_user")
        #expect(try await pair.borrower.store.transactions(matching: TransactionFilter()).isEmpty)
    }

    @Test("B10: an Unfilled moves the request on to the next lender, with its ledger entry; a filled copy is kept")
    func unfilledMovesAlongTheRota() async throws {
        let second = Peer(name: "second", agencyIDs: [AgencyID(type: .isil, value: "DK-SECOND")])
        let pair = try LibraryPair(
            lenderPolicy: LendingPolicyWiringTests.lenderPolicy(),
            borrowerPolicy: Self.borrowerPolicy(),
            borrowerPeers: [second]
        )
        var request = Self.article(1)
        request.serviceInfo.copyrightCompliance = nil
        request.alternatePeers = ["second"]
        let (result, _) = try await pair.borrower.submit(request)
        guard case .sent(let first) = result else { Issue.record("not sent: \(result)"); return }
        #expect(first.peerName == "lender")
        #expect(first.remainingRota == ["second"])
        let replies = try await pair.deliverAll()  // the lender does not hold it: Unfilled NotHeld
        #expect(replies.contains { $0.decision?.rule == "B10" && $0.decision?.outcome == "next-lender" && $0.decision?.reason == "NotHeld" })
        let all = try await pair.borrower.store.transactions(matching: TransactionFilter(role: .requester))
        let forwarded = try #require(all.first { $0.peerName == "second" })
        #expect(all.first { $0.id == first.transactionID }?.state == RequesterState.unfilled.rawValue)
        #expect(forwarded.state == RequesterState.requested.rawValue)
        let year = CalendarDay(pair.clock.now, in: Self.borrowerPolicy().calendar).year
        let ledger = try await pair.borrower.store.ledger(year: year)
        #expect(ledger.count == 1)
        #expect(ledger.first?.transactionID == forwarded.id)
        #expect(ledger.first?.state == .reserved)
        #expect(ledger.first?.lenders == "lender, second")
    }

    @Test("a copy that arrives is kept in the ledger; one that ends unfilled is released")
    func ledgerFollowsTheOutcome() async throws {
        var lending = LendingPolicyWiringTests.lenderPolicy()
        lending.copyright.onMissingDeclaration = .review
        let pair = try LibraryPair(lenderPolicy: lending, borrowerPolicy: Self.borrowerPolicy())
        try await LendingPolicyWiringTests.load(
            [HoldingRecord(issns: ["1050-4125"], title: "Journal of Synthetic Examples", titleKey: TitleKey.make("Journal of Synthetic Examples"))],
            into: pair.lender
        )
        let (kept, _) = try await pair.borrower.submit(Self.article(1))
        let (released, _) = try await pair.borrower.submit(Self.article(2, issn: "1234-5679"))
        guard case .sent(let keptSummary) = kept, case .sent(let releasedSummary) = released else { Issue.record("not sent"); return }
        try await pair.deliverAll()
        // The held journal is supplied (WillSupply), the other is not held (Unfilled, end of the rota).
        var lendingTransaction = try await pair.lender.store.transactions(matching: TransactionFilter(role: .supplier))
            .first { $0.title == "Article number 1" }
        let lendingID = try #require(lendingTransaction?.id)
        #expect(lendingTransaction?.state == SupplierState.willSupply.rawValue)
        lendingTransaction = try await pair.lender.perform(SupplierCommand(.sendCopy, url: "https://example.org/a1.pdf"), onTransaction: lendingID)
        try await pair.deliverAll()
        let year = CalendarDay(pair.clock.now, in: Self.borrowerPolicy().calendar).year
        let ledger = try await pair.borrower.store.ledger(year: year)
        #expect(ledger.first { $0.transactionID == keptSummary.transactionID }?.state == .filled)
        #expect(ledger.first { $0.transactionID == releasedSummary.transactionID }?.state == .released)
    }

    @Test("B09: a cost offer within the patron's ceiling is retried at once; the retry is supplied")
    func costOfferWithinCeilingIsRetried() async throws {
        let pair = try LibraryPair(
            lenderPolicy: LendingPolicyWiringTests.lenderPolicy { $0.lending.charges.loan = 15 },
            borrowerPolicy: Self.borrowerPolicy { $0.patronTypes["faculty"] = PatronTypePolicy(ill: true, maxCost: 20) }
        )
        try await LendingPolicyWiringTests.load([LendingPolicyWiringTests.holding()], into: pair.lender)
        var request = LibraryPair.borrowingRequest(.loan)
        request.billingInfo = BillingInfo(maximumCosts: Costs(currencyCode: "USD", monetaryValue: 12))
        let (result, _) = try await pair.borrower.submit(request)
        guard case .sent(let first) = result else { Issue.record("not sent: \(result)"); return }
        let replies = try await pair.deliverAll()
        #expect(replies.contains { $0.decision?.rule == "B09" && $0.decision?.outcome == "retry" })
        let all = try await pair.borrower.store.transactions(matching: TransactionFilter(role: .requester))
        #expect(all.count == 2)
        #expect(all.first { $0.id == first.transactionID }?.state == RequesterState.retried.rawValue)
        let retry = try #require(all.first { $0.previousTransactionID == first.transactionID })
        #expect(retry.state == RequesterState.willSupply.rawValue)
        #expect(try await Self.sentRequest(retry.id, at: pair.borrower).contains("<monetaryValue>15</monetaryValue>"))

        // Above the ceiling the offer waits for staff.
        let strict = try LibraryPair(
            lenderPolicy: LendingPolicyWiringTests.lenderPolicy { $0.lending.charges.loan = 25 },
            borrowerPolicy: Self.borrowerPolicy { $0.patronTypes["faculty"] = PatronTypePolicy(ill: true, maxCost: 20) }
        )
        try await LendingPolicyWiringTests.load([LendingPolicyWiringTests.holding()], into: strict.lender)
        let (other, _) = try await strict.borrower.submit(LibraryPair.borrowingRequest(.loan))
        guard case .sent(let waiting) = other else { Issue.record("not sent: \(other)"); return }
        try await strict.deliverAll()
        let left = try await strict.borrower.store.transactions(matching: TransactionFilter(role: .requester))
        #expect(left.count == 1)
        #expect(left.first { $0.id == waiting.transactionID }?.state == RequesterState.conditionsOffered.rawValue)
    }
}
