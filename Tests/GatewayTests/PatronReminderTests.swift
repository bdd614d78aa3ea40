import Foundation
import Gateway
import ISO18626
import Policy
import Store
import Testing
import Transactions

/// Overdue reminders to our patrons (`[notices] reminders`): the overdue notice goes out on the schedule, numbered,
/// the last one final, through the mail command or into the spool directory; each once; a return stops them.
@Suite struct PatronReminderTests {
    static func notices(_ delivery: NoticeConfiguration.Delivery) throws -> NoticeConfiguration {
        NoticeConfiguration(
            templates: try NoticeTemplates(directory: PatronNoticeTests.shippedTemplates),
            delivery: delivery,
            sender: "ill@borrower.example",
            reminders: try ReminderSchedule(days: [1, 7, 14])
        )
    }

    /// A borrowed loan due on day 14, received at the desk on day 0.
    static func receivedLoan(_ pair: LibraryPair) async throws -> TransactionRecord {
        let borrowing = try await PatronNoticeTests.shippedLoan(pair)
        _ = try await pair.borrower.perform(RequesterCommand(.markReceived), onTransaction: borrowing.id)
        return borrowing
    }

    @Test func thePatronGetsFirstSecondAndFinalNoticesThroughSendmailOnSchedule() async throws {
        let scratch = try TemporaryDatabase()
        let pair = try LibraryPair(
            borrowerBranches: DeskTests.branches,
            borrowerNotices: try Self.notices(.command(try PatronNoticeTests.fakeSendmail(in: scratch.directory)))
        )
        let borrowing = try await Self.receivedLoan(pair)
        var timeline: [String] = []
        for day in 1...40 {
            pair.clock.advance(days: 1)
            for reminder in try await pair.borrower.sendDueReminders() {
                timeline.append("day \(day): \(reminder.number) of \(reminder.count ?? 0)\(reminder.isFinal ? " final" : "")")
            }
            #expect(try await pair.borrower.sendDueReminders().isEmpty, "a second pass at the same instant sends nothing")
            #expect(try await pair.borrower.sendDuePatronNotices().isEmpty, "with a schedule, the overdue notice goes out on it only")
        }
        #expect(timeline == ["day 15: 1 of 3", "day 21: 2 of 3", "day 28: 3 of 3 final"])

        let mails = try String(contentsOf: scratch.directory.appendingPathComponent("mail.log"), encoding: .utf8)
            .components(separatedBy: "--END--\n").filter { !$0.isEmpty }
        #expect(mails.count == 4, "ready for pickup, then three reminders")
        let reminders = mails.dropFirst().map { $0 }
        #expect(reminders.allSatisfy { $0.hasPrefix("ARGS -t\nFrom: ill@borrower.example\nTo: \(PatronNoticeTests.address)\n") })
        #expect(reminders[0].contains("Subject: Overdue interlibrary loan: Moby-Dick") && reminders[0].contains("This is reminder 1 of 3.\n"))
        #expect(!reminders[0].contains("final notice") && reminders[1].contains("This is reminder 2 of 3.\n"))
        #expect(reminders[2].contains("Subject: Final notice: Overdue interlibrary loan: Moby-Dick"))
        #expect(reminders[2].contains("This is reminder 3 of 3. It is our final notice"))

        let events = try await pair.borrower.store.events(transactionID: borrowing.id).filter { $0.event == "notice:overdue" }
        #expect(events.compactMap(\.detail).map { String($0.prefix(22)) } == ["reminder 1 of 3, due 2", "reminder 2 of 3, due 2", "reminder 3 of 3 (final"])
        #expect(!(try await pair.borrower.store.events(transactionID: borrowing.id)).contains { ($0.detail ?? "").contains(PatronNoticeTests.address) })
        let worklist = try await pair.borrower.worklist(.overdueBorrowed)
        #expect(worklist.map(\.lastReminder) == [3] && worklist.first?.nextReminderAt == nil, "the final notice has gone")
    }

    @Test func withoutSendmailTheRemindersAreSpooledAndAReturnStopsThem() async throws {
        let spool = try TemporaryDatabase()
        let pair = try LibraryPair(borrowerBranches: DeskTests.branches, borrowerNotices: try Self.notices(.spool(spool.directory)))
        let borrowing = try await Self.receivedLoan(pair)
        pair.clock.advance(days: 16)
        #expect(try await pair.borrower.sendDueReminders().map(\.number) == [1])
        let worklist = try await pair.borrower.worklist(.overdueBorrowed)
        let due = try #require(try await pair.refreshed(borrowing, at: pair.borrower).dueDate)
        #expect(worklist.map(\.lastReminder) == [1] && worklist.first?.nextReminderAt == due.addingTimeInterval(7 * 86_400))

        _ = try await pair.borrower.perform(RequesterCommand(.shipReturn), onTransaction: borrowing.id)
        pair.clock.advance(days: 20)
        #expect(try await pair.borrower.sendDueReminders().isEmpty, "the item went back: no more reminders")
        let files = try FileManager.default.contentsOfDirectory(atPath: spool.directory.path).filter { $0.contains("-overdue-") }
        #expect(files.count == 1)
        let text = try String(contentsOf: spool.directory.appendingPathComponent(try #require(files.first)), encoding: .utf8)
        #expect(text.hasPrefix("From: ill@borrower.example\nTo: \(PatronNoticeTests.address)\nSubject: Overdue interlibrary loan: Moby-Dick\n"))
        #expect(text.contains("This is reminder 1 of 3."))
    }

    @Test func staffRemindThePatronNowAndAreRefusedBeforeTheDueDate() async throws {
        let spool = try TemporaryDatabase()
        let pair = try LibraryPair(borrowerBranches: DeskTests.branches, borrowerNotices: try Self.notices(.spool(spool.directory)))
        let borrowing = try await Self.receivedLoan(pair)
        await #expect {
            try await pair.borrower.sendReminder(onTransaction: borrowing.id)
        } throws: { error in
            (error as? StaffActionError)?.message.contains("not overdue before its due date") == true
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool.directory.path).filter { $0.contains("-overdue-") }.isEmpty)
        pair.clock.advance(days: 14.5)
        let now = try await pair.borrower.sendReminder(onTransaction: borrowing.id)
        #expect(now.role == .requester && now.number == 1 && !now.isFinal)
        pair.clock.advance(days: 1)
        #expect(try await pair.borrower.sendDueReminders().isEmpty, "reminder 1 went already; 2 is due on day 21")
    }

    @Test func aCourtesyDueSoonNoticeGoesOutOnceBeforeTheDueDate() async throws {
        let spool = try TemporaryDatabase()
        var notices = try Self.notices(.spool(spool.directory))
        notices.dueSoonDays = 3
        let pair = try LibraryPair(borrowerBranches: DeskTests.branches, borrowerNotices: notices)
        let borrowing = try await Self.receivedLoan(pair)
        pair.clock.advance(days: 10.5)
        #expect(try await pair.borrower.sendDuePatronNotices().isEmpty, "three and a half days before the due date")
        pair.clock.advance(days: 1)
        #expect(try await pair.borrower.sendDuePatronNotices().map(\.kind) == [.dueSoon])
        pair.clock.advance(days: 1)
        #expect(try await pair.borrower.sendDuePatronNotices().isEmpty, "once per loan")
        let files = try FileManager.default.contentsOfDirectory(atPath: spool.directory.path).filter { $0.contains("-due-soon-") }
        let text = try String(contentsOf: spool.directory.appendingPathComponent(try #require(files.first)), encoding: .utf8)
        #expect(files.count == 1 && text.contains("Subject: Interlibrary loan due soon: Moby-Dick") && text.contains("Please return it to Law Library by then"))
        #expect(try await pair.borrower.store.events(transactionID: borrowing.id).contains { $0.event == "notice:due-soon" })
    }
}
