@testable import Daemon
import Foundation
import Store
import Testing

/// The housekeeping's patron-notice lines: one per notice, with the transaction's ids and the kind, and never
/// the patron's e-mail address, which went into the notice itself.
@Suite struct PatronNoticeLogTests {
    @Test func theOverdueNoticeIsLoggedByIdsAndKindWithoutTheAddress() async throws {
        let loan = try await BorrowedLoanFixture(dueInDays: 7)
        loan.advance(days: 8)

        let sink = InMemoryLogSink()
        let housekeeping = Housekeeping(gateway: loan.borrower, interval: .seconds(60), patronDataRetentionDays: 90, logger: makeLineLogger(sink: sink))
        try await housekeeping.sendPatronNotices()
        try await housekeeping.sendPatronNotices()

        let lines = sink.trimmedLines
        #expect(lines.count == 1, "sent once: \(lines)")
        let line = try #require(lines.first)
        #expect(line.contains("event=patron-notice") && line.contains("tx=\(loan.borrowing.id)") && line.contains("kind=overdue"))
        #expect(line.contains("request_id=\(loan.borrowing.requestingAgencyRequestID)"))
        #expect(!lines.contains(where: BorrowedLoanFixture.holdsPatronData))
        let spooled = try FileManager.default.contentsOfDirectory(atPath: loan.scratch.path).filter { $0.hasSuffix(".eml") }
        #expect(spooled.count == 2, "ready for pickup and overdue, both addressed to the patron")
    }
}
