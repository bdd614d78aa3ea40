import Foundation
import Gateway
import ISO18626
import Policy
import Store
import Testing
import Transactions

/// The rule text where a decision needs stored history (issue 12), through `Gateway.submit` and
/// `Gateway.handle`: identity for the rule of five against the ledger (K03), retries after an offer
/// (§4.5), item-level holdings facts (L07), renewals explained (R01–R03) and the reason codes.
@Suite struct PolicyRuleTextWiringTests {
    typealias Borrowing = BorrowingPolicyWiringTests
    typealias Lending = LendingPolicyWiringTests

    /// An article request titled like `Borrowing.article`, bent by `change`.
    static func article(_ number: Int, _ change: (inout BorrowingRequest) -> Void = { _ in }) -> BorrowingRequest {
        var request = Borrowing.article(number)
        change(&request)
        return request
    }

    /// Submits and returns the decision, failing the test when the request was not sent.
    static func send(_ request: BorrowingRequest, at pair: LibraryPair) async throws -> (TransactionRecordSummary, DecisionSummary?) {
        let (result, decision) = try await pair.borrower.submit(request)
        guard case .sent(let summary) = result else {
            Issue.record("not sent: \(result)")
            throw CancellationError()
        }
        return (summary, decision)
    }

    static func ledger(_ pair: LibraryPair) async throws -> [LedgerEntryRecord] {
        try await pair.borrower.store.ledger(year: CalendarDay(pair.clock.now, in: Borrowing.borrowerPolicy().calendar).year)
    }

    // MARK: 1a. A title of a known periodical counts with it

    struct BareTitleCase: Sendable, CustomTestStringConvertible {
        var description: String
        var change: @Sendable (inout BorrowingRequest) -> Void
        var warnsOfISSN: Bool = false
        var testDescription: String { "K03/K02: the sixth article \(description) counts with the periodical" }
    }

    static let bareTitleCases: [BareTitleCase] = [
        BareTitleCase(description: "with no ISSN, no type, no volume or issue") { request in
            request.bibliographicInfo.bibliographicItemID = []
            request.bibliographicInfo.volume = []
            request.bibliographicInfo.issue = nil
            request.publicationInfo?.publicationType = nil
        },
        BareTitleCase(description: "with an ISSN whose check digit is wrong", change: { request in
            request.bibliographicInfo.bibliographicItemID = [BibliographicItemID(identifier: "1050-4126", code: .issn)]
            request.bibliographicInfo.volume = []
            request.bibliographicInfo.issue = nil
            request.publicationInfo?.publicationType = nil
        }, warnsOfISSN: true),
        BareTitleCase(description: "spelled \"The Journal of Synthetic Examples (Online)\"") { request in
            request.bibliographicInfo.title = "The Journal of Synthetic Examples (Online)"
            request.bibliographicInfo.bibliographicItemID = []
            request.publicationInfo?.publicationType = nil
        },
    ]

    @Test(arguments: bareTitleCases)
    func bareTitleCountsWithThePeriodical(_ testCase: BareTitleCase) async throws {
        let pair = try LibraryPair(borrowerPolicy: Borrowing.borrowerPolicy())
        for number in 1...5 { _ = try await Self.send(Borrowing.article(number), at: pair) }
        let (sixth, decision) = try await Self.send(Self.article(6, testCase.change), at: pair)
        #expect(decision?.rule == "B08")
        let ledger = try await Self.ledger(pair)
        #expect(ledger.map(\.basis) == ["guideline", "guideline", "guideline", "guideline", "guideline", "royalty"])
        #expect(Set(ledger.map(\.titleID)).count == 1, "one periodical, one count")
        #expect(ledger.last?.transactionID == sixth.transactionID)
        let warnings = decision?.notices.filter { $0.event == "copyright-invalid-issn" } ?? []
        #expect(warnings.count == (testCase.warnsOfISSN ? 1 : 0))
        #expect(warnings.allSatisfy { $0.level == .warning && $0.detail.contains("1050-4126") })
    }

    // MARK: 1b. A new ISSN joins the periodical of its title, except generic titles

    @Test("K03 step 3: the electronic ISSN joins the print one by title, learned once; the sixth copy pays")
    func electronicISSNJoinsByTitle() async throws {
        let pair = try LibraryPair(borrowerPolicy: Borrowing.borrowerPolicy())
        for number in 1...3 { _ = try await Self.send(Borrowing.article(number), at: pair) }
        let (_, fourth) = try await Self.send(Borrowing.article(4, issn: "2434-561X"), at: pair)
        let links = fourth?.notices.filter { $0.event == "copyright-title-link" } ?? []
        #expect(links.count == 1)
        #expect(links.first?.detail.contains("2434-561X") == true)
        let (_, fifth) = try await Self.send(Borrowing.article(5, issn: "2434-561X"), at: pair)
        #expect(fifth?.notices.isEmpty == true, "the link is logged once: afterwards the ISSN is found directly")
        _ = try await Self.send(Borrowing.article(6), at: pair)
        let ledger = try await Self.ledger(pair)
        #expect(Set(ledger.map(\.titleID)).count == 1)
        #expect(ledger.map(\.basis).last == "royalty")
        let cluster = try #require(try await pair.borrower.store.titleClusters(ids: [ledger[0].titleID]).first)
        #expect(cluster.issns == ["1050-4125", "2434-561X"])
    }

    @Test("K03: two ISSNs of a generic title (\"Bulletin\") stay two periodicals with two counts")
    func genericTitlesStayApart() async throws {
        let pair = try LibraryPair(borrowerPolicy: Borrowing.borrowerPolicy())
        for number in 1...5 {
            _ = try await Self.send(Self.article(number) { $0.bibliographicInfo.title = "Bulletin" }, at: pair)
        }
        let (_, other) = try await Self.send(Self.article(6) { request in
            request.bibliographicInfo.title = "Bulletin"
            request.bibliographicInfo.bibliographicItemID = [BibliographicItemID(identifier: "2434-561X", code: .issn)]
        }, at: pair)
        #expect(other?.notices.isEmpty == true)
        let ledger = try await Self.ledger(pair)
        #expect(Set(ledger.map(\.titleID)).count == 2)
        #expect(ledger.map(\.basis).last == "guideline", "the other Bulletin starts its own count")
    }

    @Test("K03 generic_titles is configurable: emptied, two \"Bulletin\" ISSNs join")
    func genericTitlesConfigurable() async throws {
        let pair = try LibraryPair(borrowerPolicy: Borrowing.borrowerPolicy { $0.copyright.borrowing.genericTitles = [] })
        _ = try await Self.send(Self.article(1) { $0.bibliographicInfo.title = "Bulletin" }, at: pair)
        _ = try await Self.send(Self.article(2) { request in
            request.bibliographicInfo.title = "Bulletin"
            request.bibliographicInfo.bibliographicItemID = [BibliographicItemID(identifier: "2434-561X", code: .issn)]
        }, at: pair)
        #expect(Set(try await Self.ledger(pair).map(\.titleID)).count == 1)
    }

    // MARK: 3. Retries after an offer (§4.5)

    /// A lender that charges 10.00 USD for copies and holds the journal.
    static func copyLender() -> PolicyConfiguration {
        Lending.lenderPolicy { $0.lending.charges.copy = 10 }
    }

    static func journalHolding() -> HoldingRecord {
        HoldingRecord(issns: ["1050-4125"], title: "Journal of Synthetic Examples", titleKey: TitleKey.make("Journal of Synthetic Examples"), format: "Journal")
    }

    /// The borrower's article request, declared US-CCG, with a maximum of 5.00 USD.
    static func cheapArticle() -> BorrowingRequest {
        var request = Borrowing.article(1)
        request.serviceInfo.copyrightCompliance = "US-CCG"
        request.billingInfo = BillingInfo(maximumCosts: Costs(currencyCode: .usd, monetaryValue: 5))
        return request
    }

    @Test(arguments: [Edition.v1_2, .v2021])
    func retryMeetingTheOfferIsSupplied(edition: Edition) async throws {
        let pair = try LibraryPair(lenderEdition: edition, borrowerEdition: edition, lenderPolicy: Self.copyLender())
        try await Lending.load([Self.journalHolding()], into: pair.lender)
        let borrowing = try await pair.borrower.borrow(Self.cheapArticle())
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: borrowing)
        #expect(lending.state == SupplierState.retryPossible.rawValue)

        let retry = try await pair.borrower.perform(RequesterCommand(.retry), onTransaction: borrowing.id)
        let replies = try await pair.deliverAll()
        let retried = try await pair.lenderTransaction(for: retry)
        #expect(retried.previousTransactionID == lending.id)
        #expect(retried.state == SupplierState.willSupply.rawValue, "decided as accepted, not held: \(replies.compactMap(\.decision))")
        #expect(replies.contains { $0.decision?.outcome == "supply" && $0.decision?.code == "supply" })
        #expect(try await pair.lender.store.reviews(states: [.open]).isEmpty)
    }

    @Test("§5.3 on the wire (2021): cost and delivery both fail: one RetryPossible with both offers; the retry meets both and is supplied")
    func everyFixableFailureInOneAnswer() async throws {
        let pair = try LibraryPair(lenderEdition: .v2021, borrowerEdition: .v2021, lenderPolicy: Self.copyLender())
        try await Lending.load([Self.journalHolding()], into: pair.lender)
        var request = Self.cheapArticle()
        request.requestedDeliveryInfo = [RequestedDeliveryInfo(sortOrder: 1, deliveryMethod: "Mail")]
        let borrowing = try await pair.borrower.borrow(request)
        let replies = try await pair.deliverAll()
        #expect(replies.first?.decision?.code == "cost")
        let lending = try await pair.lenderTransaction(for: borrowing)
        let sent = try #require(try await pair.lender.store.messages(transactionID: lending.id).first { $0.direction == .outbound }?.body)
        #expect(sent.contains("<reasonRetry>CostExceedsMaxCost</reasonRetry>"))
        #expect(sent.contains("<offeredCosts>"))
        #expect(sent.contains("<deliveryMethod>Email</deliveryMethod>"))
        #expect(sent.contains("[illgate:delivery-method]"))

        let retry = try await pair.borrower.perform(RequesterCommand(.retry), onTransaction: borrowing.id)
        try await pair.deliverAll()
        let retried = try await pair.lenderTransaction(for: retry)
        #expect(retried.previousTransactionID == lending.id)
        #expect(retried.state == SupplierState.willSupply.rawValue)
    }

    @Test("explain links a retry to the request it replaces, as the inbound path does")
    func explainLinksARetry() async throws {
        let pair = try LibraryPair(lenderEdition: .v2021, borrowerEdition: .v2021, lenderPolicy: Self.copyLender())
        try await Lending.load([Self.journalHolding()], into: pair.lender)
        let borrowing = try await pair.borrower.borrow(Self.cheapArticle())
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: borrowing)
        let original = try #require(try await pair.lender.store.messages(transactionID: lending.id).first { $0.kind == .request })
        guard case .request(var request) = try ISO18626Decoder().decode(original.body).message else { return }
        request.header.requestingAgencyRequestID = "RETRY-EXPLAINED"
        request.serviceInfo?.requestType = .retry
        request.billingInfo = BillingInfo(maximumCosts: Costs(currencyCode: .usd, monetaryValue: 10))
        let explained = try await pair.lender.explainLending(request)
        #expect(explained.decision == "supply")
        #expect(explained.facts.contains { $0.name == "retry of transaction" && $0.value == String(lending.id) })
        #expect(explained.rules.contains { $0.rule == "RETRY" && $0.detail.contains("meets our offer") })
    }

    @Test("§4.5: a retry that names no previous request is linked to the one we offered back, and supplied")
    func unnamedRetryIsLinked() async throws {
        let pair = try LibraryPair(lenderEdition: .v2021, borrowerEdition: .v2021, lenderPolicy: Self.copyLender())
        try await Lending.load([Self.journalHolding()], into: pair.lender)
        let borrowing = try await pair.borrower.borrow(Self.cheapArticle())
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: borrowing)
        #expect(lending.state == SupplierState.retryPossible.rawValue)

        // The peer's retry: a new id, no requestingAgencyPreviousRequestId, no declaration, the offered cost.
        let original = try #require(try await pair.lender.store.messages(transactionID: lending.id).first { $0.kind == .request })
        guard case .request(var request) = try ISO18626Decoder().decode(original.body).message else {
            Issue.record("not a request")
            return
        }
        request.header.requestingAgencyRequestID = "RETRY-UNNAMED"
        request.header.timestamp = pair.clock.now
        request.serviceInfo?.requestType = .retry
        request.serviceInfo?.requestingAgencyPreviousRequestID = nil
        request.serviceInfo?.copyrightCompliance = nil
        request.billingInfo = BillingInfo(maximumCosts: Costs(currencyCode: .usd, monetaryValue: 10))
        let body = try ISO18626Encoder().encode(.request(request), edition: .v2021)
        let reply = await pair.lender.handle(body, from: PeerContext(authenticatedPeerName: "borrower", transport: "test"))
        #expect(reply.decision?.outcome == "supply", "\(String(describing: reply.decision))")
        let all = try await pair.lender.store.transactions(matching: TransactionFilter(role: .supplier, limit: 10))
        let retried = try #require(all.first { $0.requestingAgencyRequestID == "RETRY-UNNAMED" })
        #expect(retried.previousTransactionID == lending.id)
        #expect(retried.state == SupplierState.willSupply.rawValue)
    }

    // MARK: 6. Item-level facts from the holdings file

    @Test("L07: the holdings file says no loans for the only copy: Unfilled NotAvailableForILL, code item-loans-not-allowed")
    func holdingsSayNoLoans() async throws {
        let pair = try LibraryPair(lenderPolicy: Lending.lenderPolicy())
        let csv = """
            title,isbn,status,loan_allowed,copy_allowed,periodical_class
            Moby-Dick,9780142437247,available,no,yes,
            """
        let read = try HoldingsCSVReader(timeZone: TimeZone(identifier: "UTC") ?? .current).read(csv)
        #expect(read.rejections.isEmpty)
        try await Lending.load(read.records, into: pair.lender)
        let borrowing = try await pair.borrower.borrow(LibraryPair.borrowingRequest(.loan))
        let replies = try await pair.deliverAll()
        #expect(replies.first?.decision?.rule == "L07")
        #expect(replies.first?.decision?.reason == "NotAvailableForILL")
        #expect(replies.first?.decision?.code == "item-loans-not-allowed")
        let lending = try await pair.lenderTransaction(for: borrowing)
        let sent = try #require(try await pair.lender.store.messages(transactionID: lending.id).first { $0.direction == .outbound }?.body)
        #expect(sent.contains("[illgate:item-loans-not-allowed]"))
    }

    @Test("L07: an available copy that may not be lent does not hide the lendable one out on loan: RetryPossible OnLoan")
    func lendableCopyOnLoan() async throws {
        let pair = try LibraryPair(lenderPolicy: Lending.lenderPolicy())
        let csv = """
            title,isbn,status,due_date,loan_allowed
            Moby-Dick,9780142437247,available,,no
            Moby-Dick,9780142437247,on_loan,2027-01-15,yes
            """
        let read = try HoldingsCSVReader(timeZone: TimeZone(identifier: "UTC") ?? .current).read(csv)
        try await Lending.load(read.records, into: pair.lender)
        _ = try await pair.borrower.borrow(LibraryPair.borrowingRequest(.loan))
        let replies = try await pair.deliverAll()
        #expect(replies.first?.decision?.reason == "OnLoan", "\(replies.compactMap(\.decision))")
        #expect(replies.first?.decision?.code == "on-loan")
    }

    @Test("holdings: loan_allowed, copy_allowed and periodical_class are stored and read back")
    func holdingsColumnsRoundTrip() async throws {
        let pair = try LibraryPair(lenderPolicy: Lending.lenderPolicy())
        let csv = """
            title,issn,loan_allowed,copy_allowed,periodical_class
            Journal of Synthetic Examples,1050-4125,no,yes,General
            """
        let read = try HoldingsCSVReader(timeZone: TimeZone(identifier: "UTC") ?? .current).read(csv)
        try await Lending.load(read.records, into: pair.lender)
        let stored = try await pair.lender.store.write { writer in try writer.holdings(matching: HoldingLookup(issns: ["1050-4125"])) }
        #expect(stored.count == 1)
        #expect(stored.first?.loanAllowed == false)
        #expect(stored.first?.copyAllowed == true)
        #expect(stored.first?.periodicalClass == "general")
    }

    // MARK: 7. Renewals explained

    @Test("R01/R02 explained: a renewal of a stored loan, granted then refused once the limit is used")
    func renewalExplained() async throws {
        let pair = try LibraryPair(lenderPolicy: Lending.lenderPolicy { $0.lending.renewalPeriodDays = 28 })
        try await Lending.load([Lending.holding()], into: pair.lender)
        var (borrowing, lending) = try await pair.shippedLoan(due: TimestampFormat.normalized(pair.clock.now.addingTimeInterval(42 * 86_400)))

        let before = try await pair.lender.explainRenewal(transactionID: lending.id)
        #expect(before.side == "renewal")
        #expect(before.decision == "granted")
        #expect(before.rule == "R01")
        #expect(before.code == "renewal-granted")
        #expect(before.answer.contains { $0.name == "answerYesNo" && $0.value == "Y" })
        #expect(before.facts.contains { $0.name == "renewals used" && $0.value == "0 of 1" })

        borrowing = try await pair.borrower.perform(RequesterCommand(.markReceived), onTransaction: borrowing.id)
        borrowing = try await pair.borrower.perform(RequesterCommand(.requestRenewal), onTransaction: borrowing.id)
        try await pair.deliverAll()
        let renewedDue = try await pair.refreshed(lending, at: pair.lender).dueDate

        let after = try await pair.lender.explainRenewal(transactionID: lending.id)
        let renew = RequestingAgencyMessage(
            header: Header(supplyingAgencyID: LibraryPair.lenderAgency, requestingAgencyID: LibraryPair.borrowerAgency, timestamp: pair.clock.now, requestingAgencyRequestID: borrowing.requestingAgencyRequestID),
            action: .renew
        )
        var byMessage = try await pair.lender.explainRenewal(renew)
        byMessage.asOf = after.asOf
        #expect(byMessage == after, "a Renew message explains the loan its header names")
        #expect(after.decision == "refused")
        #expect(after.rule == "R02")
        #expect(after.code == "renewal-refused")
        #expect(after.answer.contains { $0.name == "note" && $0.value.hasPrefix("[illgate:renewal-refused]") && $0.value.contains("limit") })
        #expect(try await pair.refreshed(lending, at: pair.lender).dueDate == renewedDue, "explaining changes nothing")
    }

    @Test("explaining a renewal of something that is not a loan names why")
    func renewalOfNoLoan() async throws {
        let pair = try LibraryPair(lenderPolicy: Lending.lenderPolicy())
        let borrowing = try await pair.borrower.borrow(LibraryPair.borrowingRequest(.loan))
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: borrowing)
        await #expect(throws: StaffActionError.self) { try await pair.lender.explainRenewal(transactionID: lending.id) }
        await #expect(throws: StaffActionError.self) { try await pair.lender.explainRenewal(transactionID: 9_999) }
    }

    // MARK: 8. The code: the same in explain and in the note sent

    @Test("a held request keeps its code in the review queue: C01 copyright-declaration-missing, K03 weak_identity")
    func reviewsKeepTheirCode() async throws {
        let pair = try LibraryPair(lenderPolicy: Self.copyLender(), borrowerPolicy: Borrowing.borrowerPolicy())
        try await Lending.load([Self.journalHolding()], into: pair.lender)
        var undeclared = Self.cheapArticle()
        undeclared.serviceInfo.copyrightCompliance = nil
        _ = try await pair.borrower.borrow(undeclared)
        let replies = try await pair.deliverAll()
        #expect(replies.first?.decision?.code == "copyright-declaration-missing")
        let lending = try #require(try await pair.lender.store.reviews(states: [.open]).first)
        #expect(lending.rule == "C01")
        #expect(lending.code == "copyright-declaration-missing")

        let (held, decision) = try await pair.borrower.submit(Self.article(1) { request in
            request.bibliographicInfo.title = "J. Syn. Ex."
            request.bibliographicInfo.bibliographicItemID = []
        })
        guard case .held(let reviewID, let rule, _) = held else {
            Issue.record("not held: \(held)")
            return
        }
        #expect(rule == "K03")
        #expect(decision?.code == "weak_identity")
        let borrowing = try #require(try await pair.borrower.store.reviews(states: [.open]).first { $0.id == reviewID })
        #expect(borrowing.code == "weak_identity")
    }

    @Test("the code explain gives is the prefix of the note the peer receives")
    func explainCodeIsTheNotePrefix() async throws {
        let pair = try LibraryPair(lenderPolicy: Lending.lenderPolicy())
        let request = Request(
            header: Header(supplyingAgencyID: LibraryPair.lenderAgency, requestingAgencyID: LibraryPair.borrowerAgency, timestamp: pair.clock.now, requestingAgencyRequestID: "X-1"),
            bibliographicInfo: LibraryPair.borrowingRequest().bibliographicInfo,
            serviceInfo: ServiceInfo(serviceType: .loan)
        )
        let explained = try await pair.lender.explainLending(request)
        #expect(explained.code == "not-held")
        let borrowing = try await pair.borrower.borrow(LibraryPair.borrowingRequest(.loan))
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: borrowing)
        let sent = try #require(try await pair.lender.store.messages(transactionID: lending.id).first { $0.direction == .outbound }?.body)
        #expect(sent.contains("<note>[illgate:\(explained.code)] "))
    }
}
