import Foundation
import Gateway
import ISO18626
import Policy
import Store
import Testing
import Transactions

/// The desk: pickup locations chosen at creation, the worklists staff open every morning, and the demand
/// report, on two real gateways.
@Suite struct DeskTests {
    static let branches = [
        Branch(code: "MAIN", name: "Main Library", address: ["1 Library Way"]),
        Branch(code: "LAW", name: "Law Library", address: ["2 Court Street"]),
    ]

    static func request(title: String = "Moby-Dick", pickup: String?) -> BorrowingRequest {
        var request = LibraryPair.borrowingRequest(.loan, title: title)
        request.pickupLocation = pickup
        return request
    }

    @Test func pickupLocationRoutesTheReceivedItemToItsBranchList() async throws {
        let pair = try LibraryPair(borrowerBranches: Self.branches)
        let borrowing = try await pair.borrower.borrow(Self.request(pickup: "law"))
        #expect(borrowing.pickupLocation == "LAW", "stored under the branch's own code")
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: borrowing)
        _ = try await pair.lender.perform(SupplierCommand(.ship, dueDate: pair.clock.now.addingTimeInterval(30 * 86_400)), onTransaction: lending.id)
        try await pair.deliverAll()
        #expect(try await pair.borrower.worklist(.readyForPickup).isEmpty, "shipped is not yet here")

        _ = try await pair.borrower.perform(RequesterCommand(.markReceived), onTransaction: borrowing.id)
        let atLaw = try await pair.borrower.worklist(.readyForPickup, pickupLocation: "LAW")
        #expect(atLaw.map(\.transactionID) == [borrowing.id])
        #expect(atLaw.first?.pickupLocation == "LAW")
        #expect(atLaw.first?.requestID == borrowing.requestingAgencyRequestID)
        #expect(try await pair.borrower.worklist(.readyForPickup, pickupLocation: "MAIN").isEmpty)
        #expect(try await pair.borrower.worklist(.readyForPickup).count == 1)

        _ = try await pair.borrower.perform(RequesterCommand(.checkOutToPatron), onTransaction: borrowing.id)
        #expect(try await pair.borrower.worklist(.readyForPickup).isEmpty, "collected by the patron")
    }

    @Test func aReceivedLoanHasABookBandWithItsPickupBranchPatronReferenceAndDueDate() async throws {
        let pair = try LibraryPair(borrowerBranches: Self.branches)
        let borrowing = try await pair.borrower.borrow(Self.request(pickup: "LAW"))
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: borrowing)
        let due = TimestampFormat.normalized(pair.clock.now.addingTimeInterval(30 * 86_400))
        _ = try await pair.lender.perform(SupplierCommand(.ship, dueDate: due), onTransaction: lending.id)
        try await pair.deliverAll()
        _ = try await pair.borrower.perform(RequesterCommand(.markReceived), onTransaction: borrowing.id)

        let band = try await pair.borrower.bookBand(transactionID: borrowing.id)
        #expect(band.requestID == borrowing.requestingAgencyRequestID)
        #expect(band.title == "Moby-Dick" && band.author == "Melville, Herman")
        #expect(band.pickupBranch?.name == "Law Library")
        #expect(band.patronReference == "P-1001", "the reference we sent, not a name")
        #expect(band.dueDate == due)
        #expect(band.lender == "lender (ISIL:DK-LEND)")
        #expect(band.returnTo == ["lender (ISIL:DK-LEND)"], "the lender sent no return address")

        await #expect(throws: StaffActionError.self) { _ = try await pair.borrower.bookBand(transactionID: 999) }
        await #expect(throws: StaffActionError.self) { _ = try await pair.lender.bookBand(transactionID: lending.id) }
        let copy = try await pair.borrower.borrow(LibraryPair.borrowingRequest(.copy))
        await #expect {
            _ = try await pair.borrower.bookBand(transactionID: copy.id)
        } throws: { error in
            (error as? StaffActionError)?.reason == .notAllowed
        }
    }

    @Test func aShippedLoanHasALabelToTheBorrowersDeliveryAddressAndIsOnTheDaysPackingList() async throws {
        let pair = try LibraryPair()
        var request = LibraryPair.borrowingRequest(title: "Typee")
        request.requestedDeliveryInfo = [
            RequestedDeliveryInfo(sortOrder: 2, address: .physical(PhysicalAddress(line1: "Back door"))),
            RequestedDeliveryInfo(
                sortOrder: 1,
                address: .physical(PhysicalAddress(line1: "500 College Avenue", locality: "New York", postalCode: "10027", country: Country("US")))
            ),
        ]
        let borrowing = try await pair.borrower.borrow(request)
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: borrowing)
        #expect(try await pair.lender.packingLists().isEmpty, "nothing shipped yet")
        let due = TimestampFormat.normalized(pair.clock.now.addingTimeInterval(30 * 86_400))
        _ = try await pair.lender.perform(SupplierCommand(.ship, dueDate: due), onTransaction: lending.id)

        let label = try await pair.lender.lendingLabel(transactionID: lending.id)
        #expect(label.requestID == borrowing.requestingAgencyRequestID)
        #expect(label.to == ["borrower", "500 College Avenue", "10027 New York", "US"], "the first delivery address by sort order")
        #expect(label.from == ["ISIL:DK-LEND"], "no [library] address configured")
        #expect(label.title == "Typee" && label.dueDate == due)

        let lists = try await pair.lender.packingLists()
        #expect(lists.map(\.library) == ["borrower (ISIL:US-BORR)"])
        #expect(lists.first?.lines.map(\.requestID) == [borrowing.requestingAgencyRequestID])
        #expect(try await pair.lender.packingLists(peer: "borrower").count == 1)
        #expect(try await pair.lender.packingLists(day: "2020-01-01").isEmpty)
        await #expect(throws: StaffActionError.self) { _ = try await pair.lender.packingLists(peer: "nobody") }
        await #expect(throws: ReportPeriodError.self) { _ = try await pair.lender.packingLists(day: "yesterday") }
        await #expect(throws: StaffActionError.self) { _ = try await pair.lender.lendingLabel(transactionID: 999) }
    }

    @Test func theMoneyWorklistsFollowALostLoanFromReportToPayment() async throws {
        let pair = try await MoneyTests.pair()
        let (borrowing, _) = try await MoneyTests.receivedLoan(pair)
        _ = try await pair.borrower.perform(RequesterCommand(.reportLost, note: "Lost by the patron"), onTransaction: borrowing.id)
        let awaiting = try await pair.borrower.worklist(.money(.awaitingBill))
        #expect(awaiting.map(\.transactionID) == [borrowing.id])
        #expect(awaiting.first?.requestID == borrowing.requestingAgencyRequestID)
        try await pair.deliverAll()

        let invoice = try await pair.lender.createInvoice(peerName: "borrower")
        let unpaid = try await pair.lender.worklist(.money(.unpaidInvoices))
        #expect(unpaid.map(\.invoiceNumber) == [invoice.invoice.number])
        #expect(unpaid.first?.amount == "55.00 USD" && unpaid.first?.peerName == "borrower")

        let received = try await pair.borrower.recordReceivedInvoice(
            ReceivedInvoiceInput(
                peerName: "lender", number: invoice.invoice.number, date: "2026-11-18", currency: "USD",
                lines: [.init(requestID: borrowing.requestingAgencyRequestID, description: "Replacement", amount: "55.00")]
            )
        )
        #expect(try await pair.borrower.worklist(.money(.awaitingBill)).isEmpty, "billed now")
        let toApprove = try await pair.borrower.worklist(.money(.invoicesToApprove))
        #expect(toApprove.map(\.invoiceNumber) == [invoice.invoice.number])
        #expect(toApprove.first?.state == received.invoice.state.rawValue && toApprove.first?.amount == "55.00 USD")
        _ = try await pair.borrower.approveReceivedInvoice(id: received.invoice.id, by: "ann", reviewed: true)
        #expect(try await pair.borrower.worklist(.money(.invoicesToApprove)).isEmpty)

        _ = try await pair.lender.recordPayment(invoiceNumber: invoice.invoice.number, amount: "55.00", receivedOn: nil, reference: nil, staff: "bo")
        #expect(try await pair.lender.worklist(.money(.unpaidInvoices)).isEmpty)
        #expect(StaffWorklist(name: "unpaid-invoices") == .money(.unpaidInvoices) && StaffWorklist(name: "ship") == .transactions(.ship))
        #expect(StaffWorklist(name: "to-do") == nil)
    }

    @Test func anUnknownPickupLocationIsRefusedAndNothingIsStored() async throws {
        let pair = try LibraryPair(borrowerBranches: Self.branches)
        await #expect {
            _ = try await pair.borrower.borrow(Self.request(pickup: "MOON"))
        } throws: { error in
            guard let error = error as? StaffActionError else { return false }
            return error.reason == .unknownBranch && error.message.contains("'MOON'") && error.message.contains("MAIN, LAW")
        }
        #expect(try await pair.borrower.transactions(matching: TransactionFilter()).isEmpty)
        #expect(try await pair.borrower.outboxEntries(statuses: Set(OutboxRecord.Status.allCases)).isEmpty)

        let withPolicy = try LibraryPair(borrowerPolicy: BorrowingPolicyWiringTests.borrowerPolicy(), borrowerBranches: Self.branches)
        await #expect(throws: StaffActionError.self) { _ = try await withPolicy.borrower.submit(Self.request(pickup: "MOON")) }
        #expect(try await withPolicy.borrower.transactions(matching: TransactionFilter()).isEmpty)
        await #expect(throws: StaffActionError.self) { _ = try await withPolicy.borrower.worklist(.readyForPickup, pickupLocation: "MOON") }
    }

    @Test func thePickupLocationFollowsTheRequestToTheNextLenderOfTheRota() async throws {
        let second = Peer(name: "second", agencyIDs: [AgencyID(type: .isil, value: "DK-SECOND")], edition: .v1_2)
        let pair = try LibraryPair(borrowerPolicy: BorrowingPolicyWiringTests.borrowerPolicy(), borrowerPeers: [second], borrowerBranches: Self.branches)
        var request = Self.request(pickup: "MAIN")
        request.alternatePeers = ["second"]
        let (result, _) = try await pair.borrower.submit(request)
        guard case .sent(let sent) = result else {
            Issue.record("not sent: \(result)")
            return
        }
        let first = try #require(try await pair.borrower.transaction(id: sent.transactionID))
        #expect(first.pickupLocation == "MAIN")
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: first)
        _ = try await pair.lender.perform(SupplierCommand(.unfilled, reasonUnfilled: .notOnShelf), onTransaction: lending.id)
        try await pair.deliverAll()
        let all = try await pair.borrower.transactions(matching: TransactionFilter(role: .requester))
        let forwarded = try #require(all.first { $0.peerName == "second" })
        #expect(forwarded.pickupLocation == "MAIN")
    }

    @Test func loansMoveThroughTheDueDateWorklistsAsTimePasses() async throws {
        let pair = try LibraryPair()
        let due = TimestampFormat.normalized(pair.clock.now.addingTimeInterval(2 * 86_400))
        let (borrowing, lending) = try await pair.shippedLoan(due: due)
        _ = try await pair.borrower.perform(RequesterCommand(.markReceived), onTransaction: borrowing.id)

        #expect(try await pair.lender.worklist(.awaitingReturn).map(\.transactionID) == [lending.id])
        #expect(try await pair.borrower.worklist(.dueSoon).map(\.transactionID) == [borrowing.id])
        #expect(try await pair.borrower.worklist(.dueSoon, horizon: 86_400).isEmpty, "due in two days is not within one")
        #expect(try await pair.borrower.worklist(.overdueBorrowed).isEmpty)
        #expect(try await pair.lender.worklist(.overdueLent).isEmpty)

        pair.clock.advance(days: 3)
        #expect(try await pair.borrower.worklist(.overdueBorrowed).map(\.transactionID) == [borrowing.id])
        #expect(try await pair.borrower.worklist(.dueSoon).isEmpty)
        let overdue = try await pair.lender.worklist(.overdueLent)
        #expect(overdue.map(\.transactionID) == [lending.id])
        #expect(overdue.first?.dueDate == due && overdue.first?.role == .supplier && overdue.first?.peerName == "borrower")

        _ = try await pair.borrower.perform(RequesterCommand(.shipReturn), onTransaction: borrowing.id)
        try await pair.deliverAll()
        #expect(try await pair.borrower.worklist(.overdueBorrowed).isEmpty, "sent back")
        #expect(try await pair.lender.worklist(.overdueLent).isEmpty, "on its way back: no longer held by the borrower")
        #expect(try await pair.lender.worklist(.awaitingReturn).map(\.transactionID) == [lending.id], "not checked in yet")
        _ = try await pair.lender.perform(SupplierCommand(.checkIn), onTransaction: lending.id)
        #expect(try await pair.lender.worklist(.awaitingReturn).isEmpty)
    }

    @Test func theShipAndReviewListsHoldWhatWaitsForStaff() async throws {
        let pair = try LibraryPair()
        let borrowing = try await pair.borrower.borrow(LibraryPair.borrowingRequest())
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: borrowing)
        #expect(try await pair.lender.worklist(.ship).isEmpty, "not decided yet")
        _ = try await pair.lender.perform(SupplierCommand(.willSupply), onTransaction: lending.id)
        #expect(try await pair.lender.worklist(.ship).map(\.transactionID) == [lending.id])
        _ = try await pair.lender.perform(SupplierCommand(.ship, dueDate: pair.clock.now.addingTimeInterval(86_400 * 20)), onTransaction: lending.id)
        #expect(try await pair.lender.worklist(.ship).isEmpty)

        let now = pair.clock.now
        let review = try await pair.lender.store.write { writer in
            try writer.insert(ReviewRecord(side: .lending, transactionID: lending.id, peerName: "borrower", title: "Moby-Dick", rule: "L07", why: "rare", state: .open, createdAt: now))
        }
        let held = try await pair.lender.worklist(.review)
        #expect(held.map(\.reviewID) == [review.id])
        #expect(held.first?.transactionID == lending.id && held.first?.note == "rare")
    }

    @Test func theDemandReportListsTitlesAskedForRepeatedlyWithTheirCopyrightCount() async throws {
        let pair = try LibraryPair(borrowerPolicy: BorrowingPolicyWiringTests.borrowerPolicy())
        let start = pair.clock.now
        // Six articles from one journal (six patrons), a book asked for twice by two patrons, one asked once.
        for number in 1...6 {
            let (result, _) = try await pair.borrower.submit(BorrowingPolicyWiringTests.article(number))
            guard case .sent = result else { Issue.record("article \(number) not sent: \(result)"); return }
        }
        for (title, patron) in [("Typee", "P-1"), ("Typee", "P-2"), ("Omoo", "P-1")] {
            var request = LibraryPair.borrowingRequest(title: title)
            request.patronInfo = PatronInfo(patronID: patron, patronType: .faculty)
            request.bibliographicInfo.bibliographicItemID = []
            let (result, _) = try await pair.borrower.submit(request)
            guard case .sent = result else { Issue.record("\(title) not sent: \(result)"); return }
        }
        let period = try ReportPeriod(start: start, end: pair.clock.now.addingTimeInterval(1))
        let demand = try await pair.borrower.demandReport(period)
        #expect(demand.map(\.title) == ["Journal of Synthetic Examples", "Typee"])
        let journal = try #require(demand.first)
        #expect(journal.requests == 6 && journal.patrons == 6 && journal.loans == 0)
        #expect(journal.copyrightCount == 6, "five within the guideline and the sixth with a royalty")
        let book = try #require(demand.last)
        #expect(book.requests == 2 && book.patrons == 2 && book.loans == 2 && book.copyrightCount == 0)

        #expect(try await pair.borrower.demandReport(period, minimumRequests: 3).map(\.title) == ["Journal of Synthetic Examples"])
        let before = try ReportPeriod(start: start.addingTimeInterval(-86_400), end: start)
        #expect(try await pair.borrower.demandReport(before).isEmpty)
    }

    @Test func aReportPeriodThatEndsBeforeItStartsIsAnErrorNamingIt() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        #expect {
            _ = try ReportPeriod(from: "2026-03-31", to: "2026-03-01", now: now, calendar: calendar)
        } throws: { error in
            (error as? ReportPeriodError)?.code == .endsBeforeStart && "\(error)".contains("2026-03-01") && "\(error)".contains("2026-03-31")
        }
        #expect {
            _ = try ReportPeriod(from: "2026-02-30", to: nil, now: now, calendar: calendar)
        } throws: { error in
            (error as? ReportPeriodError)?.code == .badDate && "\(error)".hasPrefix("from \"2026-02-30\"")
        }
        let march = try ReportPeriod(from: "2026-03-01", to: "2026-03-31", now: now, calendar: calendar)
        #expect(march.end.timeIntervalSince(march.start) == 31 * 86_400, "both days included")
        let single = try ReportPeriod(from: "2026-03-01", to: "2026-03-01", now: now, calendar: calendar)
        #expect(single.end.timeIntervalSince(single.start) == 86_400)
    }
}
