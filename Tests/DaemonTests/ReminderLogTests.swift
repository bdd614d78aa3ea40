@testable import Daemon
import Foundation
import Store
import Policy
import Testing

/// The housekeeping's reminder lines: one per reminder, in both roles, with the transaction's ids, the role, the
/// reminder's number and whether it is final, never the patron's name, id or e-mail address.
@Suite struct ReminderLogTests {
    @Test func eachReminderIsOneLineByIdsAndNumberWithoutPatronData() async throws {
        var policy = PolicyConfiguration()
        policy.lending.charges.loan = 0
        policy.lending.newMaterialEmbargoDays = 0
        policy.lending.reminders = try ReminderSchedule(days: [1, 5])
        let loan = try await BorrowedLoanFixture(dueInDays: 7, lenderPolicy: policy, patronReminders: try ReminderSchedule(days: [1, 5]))
        // Six days past due: the first reminders' days passed while the final one's did too, so only it goes.
        loan.advance(days: 13)

        let sink = InMemoryLogSink()
        for gateway in [loan.lender, loan.borrower] {
            let housekeeping = Housekeeping(gateway: gateway, interval: .seconds(60), patronDataRetentionDays: 90, logger: makeLineLogger(sink: sink))
            try await housekeeping.sendReminders()
            try await housekeeping.sendReminders()
        }
        let lines = sink.trimmedLines
        #expect(lines.count == 2, "one reminder each side, once: \(lines)")
        let lent = try #require(lines.first)
        #expect(lent.contains("event=reminder") && lent.contains("tx=\(loan.lending.id)") && lent.contains("role=supplier"))
        #expect(lent.contains("request_id=\(loan.borrowing.requestingAgencyRequestID)") && lent.contains("number=2") && lent.contains("final=true"))
        let borrowed = try #require(lines.last)
        #expect(borrowed.contains("event=reminder") && borrowed.contains("tx=\(loan.borrowing.id)") && borrowed.contains("role=requester"))
        #expect(borrowed.contains("number=2") && borrowed.contains("final=true"))
        #expect(lines.allSatisfy { $0.contains("by=system") })
        #expect(!lines.contains(where: BorrowedLoanFixture.holdsPatronData))
    }
}
