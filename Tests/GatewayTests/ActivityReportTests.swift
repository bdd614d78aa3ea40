import Foundation
import Gateway
import ISO18626
import Store
import Testing
import Transactions

/// The statistics staff compile: per role and peer, outcomes, fill rate and time to supply.
@Suite struct ActivityReportTests {
    @Test func outcomesFillRateAndMedianDaysPerRoleAndPeer() async throws {
        let pair = try LibraryPair()
        let start = pair.clock.now
        var borrowings: [TransactionRecord] = []
        for title in ["Typee", "Omoo", "Mardi", "Redburn"] {
            borrowings.append(try await pair.borrower.borrow(LibraryPair.borrowingRequest(title: title)))
        }
        try await pair.deliverAll()
        var lendings: [TransactionRecord] = []
        for borrowing in borrowings { lendings.append(try await pair.lenderTransaction(for: borrowing)) }

        // Typee is shipped two days later, Omoo four days later; Mardi is unfilled; Redburn stays open.
        for index in [0, 1] {
            pair.clock.advance(days: 2)
            _ = try await pair.lender.perform(SupplierCommand(.willSupply), onTransaction: lendings[index].id)
            let due = TimestampFormat.normalized(pair.clock.now.addingTimeInterval(30 * 86_400))
            _ = try await pair.lender.perform(SupplierCommand(.ship, dueDate: due), onTransaction: lendings[index].id)
        }
        _ = try await pair.lender.perform(SupplierCommand(.unfilled, reasonUnfilled: .notOnShelf), onTransaction: lendings[2].id)
        try await pair.deliverAll()

        let end = pair.clock.now.addingTimeInterval(1)
        let lending = ActivityReport(try await pair.lender.store.activity(createdFrom: start, before: end))
        #expect(lending.lines.map(\.peerName) == ["borrower", nil])
        let line = try #require(lending.lines.first)
        #expect(line.role == .supplier)
        #expect([line.requests, line.supplied, line.unfilled, line.conditions, line.cancelled, line.open] as [Int] == [4, 2, 1, 0, 0, 1])
        #expect(line.fillRate == 2.0 / 3.0)
        #expect(abs((line.medianDaysToSupply ?? 0) - 3) < 0.01, "the median of 2 and 4 days")
        #expect(lending.lines.last?.requests == 4)

        let borrowing = ActivityReport(try await pair.borrower.store.activity(createdFrom: start, before: end))
        let borrowed = try #require(borrowing.lines.first)
        #expect(borrowed.role == .requester && borrowed.peerName == "lender")
        #expect([borrowed.supplied, borrowed.unfilled, borrowed.open] as [Int] == [2, 1, 1])

        // A period before the requests has none.
        #expect(ActivityReport(try await pair.lender.store.activity(createdFrom: start.addingTimeInterval(-86_400), before: start)).lines.isEmpty)
    }

    @Test func monthByMonthEachMonthHasItsOwnBlockInTheLibrarysTimeZone() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "America/Chicago"))
        func record(_ peer: String, _ iso: String, supplied: Bool) throws -> TransactionActivityRecord {
            let created = try #require(TimestampFormat.parse(iso))
            return TransactionActivityRecord(
                role: .supplier, peerName: peer,
                outcome: supplied ? .supplied : .open, createdAt: created, suppliedAt: supplied ? created.addingTimeInterval(2 * 86_400) : nil
            )
        }
        let records = [
            try record("b", "2026-03-31T12:00:00Z", supplied: true),
            // 1 April 03:00 UTC is still 31 March in Chicago.
            try record("a", "2026-04-01T03:00:00Z", supplied: false),
            try record("a", "2026-04-02T12:00:00Z", supplied: true),
        ]
        let report = ActivityReport(records, byMonth: true, calendar: calendar)
        #expect(report.lines.map(\.month) == ["2026-03", "2026-03", "2026-03", "2026-04", "2026-04"])
        #expect(report.lines.map(\.peerName) == ["a", "b", nil, "a", nil])
        #expect(report.lines.map(\.requests) == [1, 1, 2, 1, 1])
        #expect(report.lines.last?.supplied == 1)
        #expect(ActivityReport(records).lines.map(\.requests) == [2, 1, 3], "without months: one block")
    }

    @Test("Money on the activity report: invoices issued less credit notes and payments received on lending lines; lenders' invoices dated and approved on borrowing lines")
    func moneyBilledAndPaidBothWays() async throws {
        let pair = try await MoneyTests.pair()
        let (borrowing, _) = try await MoneyTests.receivedLoan(pair)
        _ = try await pair.borrower.perform(RequesterCommand(.reportLost, note: "Lost by the patron"), onTransaction: borrowing.id)
        try await pair.deliverAll()

        let invoice = try await pair.lender.createInvoice(peerName: "borrower")
        #expect(invoice.invoice.total.description == "55.00 USD")
        _ = try await pair.lender.recordPayment(invoiceNumber: invoice.invoice.number, amount: "20.00", receivedOn: nil, reference: nil, staff: "bo")
        _ = try await pair.lender.creditInvoice(number: invoice.invoice.number, amount: "5.00", reason: "goodwill")
        // The lists find each invoice's payments and credit notes: 55.00 - 20.00 - 5.00 still owed.
        #expect(try await pair.lender.unpaidInvoices().map(\.balance.description) == ["30.00 USD"])
        let listed = try await pair.lender.invoices(peerName: "borrower")
        #expect(listed.map(\.invoice.kind) == [.invoice, .creditNote])
        #expect(listed.first?.credits.map(\.total.description) == ["-5.00 USD"] && listed.first?.payments.count == 1)
        #expect(listed.last?.creditsNumber == invoice.invoice.number)
        let received = try await pair.borrower.recordReceivedInvoice(
            ReceivedInvoiceInput(
                peerName: "lender", number: invoice.invoice.number, date: "2026-11-18", currency: "USD",
                lines: [.init(requestID: borrowing.requestingAgencyRequestID, description: "Replacement and processing", amount: "55.00")]
            )
        )
        let period = try pair.lender.reportPeriod(from: "2026-01-01", to: "2026-12-31")

        // Before approval the borrower has been billed and has paid nothing.
        let unapproved = try await pair.borrower.activityReport(period)
        #expect(unapproved.lines.first?.billed.map(\.description) == ["55.00 USD"])
        #expect(unapproved.lines.first?.paid.isEmpty == true)
        _ = try await pair.borrower.approveReceivedInvoice(id: received.invoice.id, by: "ann", reviewed: false)

        let lent = try await pair.lender.activityReport(period)
        let toBorrower = try #require(lent.lines.first { $0.role == .supplier && $0.peerName == "borrower" })
        #expect(toBorrower.requests == 1 && toBorrower.supplied == 1)
        #expect(toBorrower.billed.map(\.description) == ["50.00 USD"], "the 55.00 invoice less the 5.00 credit note")
        #expect(toBorrower.paid.map(\.description) == ["20.00 USD"])
        #expect(lent.lines.last?.billed == toBorrower.billed, "the lending total")

        let borrowed = try await pair.borrower.activityReport(period)
        let fromLender = try #require(borrowed.lines.first { $0.role == .requester && $0.peerName == "lender" })
        #expect(fromLender.billed.map(\.description) == ["55.00 USD"])
        #expect(fromLender.paid.map(\.description) == ["55.00 USD"], "approved for payment")

        // Money is dated by its own day: a period before it has none, and no requests either.
        let earlier = try pair.lender.reportPeriod(from: "2025-01-01", to: "2025-12-31")
        #expect(try await pair.lender.activityReport(earlier).lines.isEmpty)
    }

    @Test func moneyFallsInTheMonthItIsDatedEvenWithoutRequestsAndIsTotalledPerCurrency() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "America/Chicago"))
        func money(_ peer: String, _ kind: MoneyActivityRecord.Kind, _ amount: Decimal, _ currency: String, _ iso: String) throws -> MoneyActivityRecord {
            MoneyActivityRecord(
                role: .supplier, peerName: peer, kind: kind, amount: Money(exactly: amount, CurrencyCode(currency)),
                at: try #require(TimestampFormat.parse(iso))
            )
        }
        let created = try #require(TimestampFormat.parse("2026-03-10T12:00:00Z"))
        let records = [
            TransactionActivityRecord(
                role: .supplier, peerName: "a", outcome: .supplied, createdAt: created,
                suppliedAt: created.addingTimeInterval(86_400)
            )
        ]
        let moneyRecords = [
            try money("a", .billed, 10, "USD", "2026-03-20T12:00:00Z"),
            try money("a", .billed, 2.5, "USD", "2026-03-21T12:00:00Z"),
            try money("a", .billed, 7, "EUR", "2026-03-22T12:00:00Z"),
            try money("a", .billed, -2.5, "USD", "2026-03-23T12:00:00Z"),
            // 1 May 03:00 UTC is still 30 April in Chicago; peer "b" has money but no requests.
            try money("b", .paid, 4, "USD", "2026-05-01T03:00:00Z"),
        ]
        let report = ActivityReport(records, money: moneyRecords, byMonth: true, calendar: calendar)
        #expect(report.lines.map(\.month) == ["2026-03", "2026-03", "2026-04", "2026-04"])
        #expect(report.lines.map(\.peerName) == ["a", nil, "b", nil])
        #expect(report.lines[0].billed.map(\.description) == ["7.00 EUR", "10.00 USD"])
        #expect(report.lines[0].requests == 1 && report.lines[0].paid.isEmpty)
        #expect(report.lines[2].requests == 0 && report.lines[2].paid.map(\.description) == ["4.00 USD"])
        #expect(report.lines[2].fillRate == nil)
    }
}
