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
                role: .supplier, peerName: peer, serviceType: .loan, state: supplied ? "loaned" : "requestReceived",
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
}
