import Foundation
import Gateway
import ISO18626
import Policy
import Store
import Testing
import Transactions

/// Overdue reminders on a schedule, under the test clock: to the borrowing library as lender (Notifications with
/// status Overdue the peer's edition accepts), to our patron as borrower (the overdue notice, numbered), each sent
/// once per number and due date, stopped by a return and restarted by a renewal.
@Suite struct ReminderTests {
    /// The lender's schedule in these tests: 7, 14 and 28 days after the due date, billed as lost after 40.
    static func lenderPolicy(bill: Int? = 40) throws -> PolicyConfiguration {
        LendingPolicyWiringTests.lenderPolicy { policy in
            policy.lending.markOverdueAfterDays = 1
            policy.lending.billLostAfterDaysOverdue = bill
            policy.lending.reminders = (try? ReminderSchedule(days: [7, 14, 28])) ?? .empty
        }
    }

    /// A loan shipped on day 0, due on day 10, between two gateways speaking `edition`.
    static func shippedLoan(edition: Edition, policy: PolicyConfiguration) async throws -> (LibraryPair, lending: TransactionRecord, borrowing: TransactionRecord) {
        let pair = try LibraryPair(lenderEdition: edition, borrowerEdition: edition, lenderPolicy: policy)
        try await LendingPolicyWiringTests.load([LendingPolicyWiringTests.holding()], into: pair.lender)
        let borrowing = try await pair.borrower.borrow(LibraryPair.borrowingRequest(.loan))
        try await pair.deliverAll()
        var lending = try await pair.lenderTransaction(for: borrowing)
        let due = TimestampFormat.normalized(pair.clock.now.addingTimeInterval(10 * 86_400))
        lending = try await pair.lender.perform(SupplierCommand(.ship, dueDate: due), onTransaction: lending.id)
        try await pair.deliverAll()
        _ = try await pair.borrower.perform(RequesterCommand(.markReceived), onTransaction: borrowing.id)
        try await pair.deliverAll()
        return (pair, lending, borrowing)
    }

    /// One housekeeping round on the lender, in the daemon's order, run twice at the same instant: the second
    /// pass must change nothing. Returns the reminders the first pass sent.
    static func lenderRound(_ pair: LibraryPair) async throws -> (reminders: [SentReminder], marked: Int, billed: Int) {
        let reminders = try await pair.lender.sendDueReminders()
        let marked = try await pair.lender.markOverdueLoans().count
        let billed = try await pair.lender.billLongOverdueLoans().count
        #expect(try await pair.lender.sendDueReminders().isEmpty, "a second pass at the same instant sends nothing")
        #expect(try await pair.lender.markOverdueLoans().isEmpty)
        try await pair.deliverAll()
        return (reminders, marked, billed)
    }

    /// The supplying agency messages the lender sent, decoded, each checked against the schema of `edition`.
    static func sentMessages(_ pair: LibraryPair, _ lending: TransactionRecord, edition: Edition) async throws -> [SupplyingAgencyMessage] {
        let validator = try SchemaValidator.bundled()
        var messages: [SupplyingAgencyMessage] = []
        for record in try await pair.lender.store.messages(transactionID: lending.id) where record.direction == .outbound {
            try validator.validate(Array(record.body.utf8), edition: edition)
            if case .supplyingAgencyMessage(let message) = try ISO18626Decoder().decode(record.body).message { messages.append(message) }
        }
        return messages
    }

    @Test(arguments: [Edition.v1_2, .v2021])
    func theLenderRemindsOnScheduleAndBillsOnlyAfterTheFinalNotice(edition: Edition) async throws {
        let (pair, lending, borrowing) = try await Self.shippedLoan(edition: edition, policy: try Self.lenderPolicy())
        // The due date is the ship instant plus ten days, cut to whole seconds: "N days after" it has passed on day 10 + N.
        var timeline: [String] = []
        for day in 1...52 {
            pair.clock.advance(days: 1)
            let round = try await Self.lenderRound(pair)
            if round.marked > 0 { timeline.append("day \(day): marked overdue") }
            for reminder in round.reminders {
                timeline.append("day \(day): reminder \(reminder.number) of \(reminder.count ?? 0)\(reminder.isFinal ? " final" : "")")
            }
            if round.billed > 0 { timeline.append("day \(day): billed") }
        }
        #expect(
            timeline == [
                "day 11: marked overdue", "day 17: reminder 1 of 3", "day 24: reminder 2 of 3", "day 38: reminder 3 of 3 final", "day 50: billed",
            ]
        )

        let messages = try await Self.sentMessages(pair, lending, edition: edition)
        let reminders = messages.filter { $0.messageInfo.note?.hasPrefix("[") == true }
        #expect(reminders.map(\.messageInfo.reasonForMessage) == [.notification, .notification, .notification])
        #expect(reminders.allSatisfy { $0.statusInfo.status == .overdue && $0.statusInfo.dueDate == lending.dueDate })
        let notes = reminders.compactMap(\.messageInfo.note)
        #expect(notes.count == 3)
        #expect(notes.first?.hasPrefix("[Reminder 1 of 3] \"Moby-Dick\" was due on ") == true)
        #expect(notes.dropFirst().first?.hasPrefix("[Reminder 2 of 3]") == true)
        let day = DayFormat(timeZone: TimeZone(identifier: "UTC") ?? .current)
        let due = try #require(lending.dueDate)
        #expect(notes.last?.hasPrefix("[Final notice] \"Moby-Dick\" was due on \(day(due))") == true)
        #expect(notes.last?.contains("billed as lost (CompletedWithoutReturn with the replacement cost) on \(day(due.addingTimeInterval(40 * 86_400)))") == true)
        #expect(messages.last?.statusInfo.status == .completedWithoutReturn, "the bill is the last message, after the final notice")

        let history = try await pair.lender.store.events(transactionID: lending.id)
        #expect(history.filter { $0.event == "remind" }.compactMap(\.detail).map { String($0.prefix(17)) } == ["[Reminder 1 of 3]", "[Reminder 2 of 3]", "[Final notice] \"M"])
        let recorded = try await pair.lender.store.reminders(transactionID: lending.id)
        #expect(recorded.map(\.number) == [1, 2, 3] && recorded.map(\.isFinal) == [false, false, true])

        // The borrower records each reminder with its note, and its overdue list shows the loan.
        let incoming = try await pair.borrower.store.events(transactionID: borrowing.id).compactMap(\.detail)
        #expect(incoming.filter { $0.contains("[Reminder 1 of 3]") || $0.contains("[Reminder 2 of 3]") || $0.contains("[Final notice]") }.count == 3)
    }

    @Test func theFirstReminderRidesOnTheOverdueStatusWhenBothFallDueTogether() async throws {
        let policy = LendingPolicyWiringTests.lenderPolicy { policy in
            policy.lending.markOverdueAfterDays = 3
            policy.lending.reminders = (try? ReminderSchedule(days: [3, 10])) ?? .empty
        }
        let (pair, lending, _) = try await Self.shippedLoan(edition: .v1_2, policy: policy)
        pair.clock.advance(days: 14)
        let round = try await Self.lenderRound(pair)
        #expect(round.reminders.map(\.number) == [1] && round.marked == 0, "the reminder marks the loan; the overdue check has nothing left to mark")
        let messages = try await Self.sentMessages(pair, lending, edition: .v1_2)
        let last = try #require(messages.last)
        #expect(last.messageInfo.reasonForMessage == .statusChange && last.statusInfo.status == .overdue)
        #expect(last.messageInfo.note?.hasPrefix("[Reminder 1 of 2]") == true)
        #expect(messages.filter { $0.statusInfo.status == .overdue }.count == 1, "one message for the one event")
        #expect(try await pair.refreshed(lending, at: pair.lender).state == SupplierState.overdue.rawValue)
    }

    @Test func aReturnStopsTheRemindersAndARenewalRestartsTheCountFromTheNewDueDate() async throws {
        let (pair, lending, borrowing) = try await Self.shippedLoan(edition: .v1_2, policy: try Self.lenderPolicy(bill: nil))
        pair.clock.advance(days: 18)
        #expect(try await Self.lenderRound(pair).reminders.map(\.number) == [1])

        // The borrower asks to renew the overdue loan; the policy (or else staff) grant it with a new due date.
        _ = try await pair.borrower.perform(RequesterCommand(.requestRenewal), onTransaction: borrowing.id)
        try await pair.deliverAll()
        var renewed = try await pair.refreshed(lending, at: pair.lender)
        if renewed.renewalPending {
            let newDue = TimestampFormat.normalized(pair.clock.now.addingTimeInterval(30 * 86_400))
            renewed = try await pair.lender.perform(SupplierCommand(.grantRenewal, dueDate: newDue), onTransaction: lending.id)
            try await pair.deliverAll()
        }
        let newDue = try #require(renewed.dueDate)
        #expect(newDue > pair.clock.now && renewed.state != SupplierState.overdue.rawValue)
        #expect(try await Self.lenderRound(pair).reminders.isEmpty, "the reminder already sent is not sent again")

        // Two days after the new due date the loan is overdue again; seven days after it the series starts again at 1.
        pair.clock.advance(seconds: newDue.timeIntervalSince(pair.clock.now) + 2 * 86_400)
        #expect(try await Self.lenderRound(pair).marked == 1)
        pair.clock.advance(days: 6)
        let again = try await Self.lenderRound(pair)
        #expect(again.reminders.map(\.number) == [1] && again.reminders.first?.dueDate == newDue)
        let worklist = try await pair.lender.worklist(.overdueLent)
        #expect(worklist.map(\.lastReminder) == [1])
        #expect(worklist.first?.nextReminderAt == newDue.addingTimeInterval(14 * 86_400))

        // The item is sent back: no more reminders.
        _ = try await pair.borrower.perform(RequesterCommand(.shipReturn), onTransaction: borrowing.id)
        try await pair.deliverAll()
        pair.clock.advance(days: 30)
        #expect(try await Self.lenderRound(pair).reminders.isEmpty)
        #expect(try await pair.lender.store.reminders(transactionID: lending.id).map(\.number) == [1, 1])
    }

    @Test func staffSendTheNextReminderNowAndAreRefusedOnALoanThatIsNotOverdue() async throws {
        let (pair, lending, _) = try await Self.shippedLoan(edition: .v2021, policy: try Self.lenderPolicy())
        await #expect {
            try await pair.lender.sendReminder(onTransaction: lending.id)
        } throws: { error in
            let refusal = error as? StaffActionError
            return refusal?.reason == .notAllowed && refusal?.message.contains("not overdue before its due date") == true
        }
        #expect(try await pair.lender.store.reminders(transactionID: lending.id).isEmpty, "a refusal changes nothing")

        pair.clock.advance(days: 12)
        let first = try await pair.lender.sendReminder(onTransaction: lending.id)
        #expect(first.number == 1 && first.transaction.state == SupplierState.overdue.rawValue, "a staff reminder marks a loan past due Overdue")
        #expect(try await pair.lender.perform(SupplierCommand(.remind), onTransaction: lending.id).state == SupplierState.overdue.rawValue)
        let third = try await pair.lender.sendReminder(onTransaction: lending.id)
        #expect(third.number == 3 && third.isFinal)
        await #expect {
            try await pair.lender.sendReminder(onTransaction: lending.id)
        } throws: { error in
            (error as? StaffActionError)?.message.contains("final notice") == true
        }
        pair.clock.advance(days: 30)
        #expect(try await Self.lenderRound(pair).reminders.isEmpty, "the schedule does not send again what staff sent")
        _ = try await Self.sentMessages(pair, lending, edition: .v2021)
    }

    @Test func aRecalledLoanGetsNoReminders() async throws {
        let (pair, lending, _) = try await Self.shippedLoan(edition: .v1_2, policy: try Self.lenderPolicy(bill: nil))
        pair.clock.advance(days: 5)
        _ = try await pair.lender.perform(SupplierCommand(.recall), onTransaction: lending.id)
        try await pair.deliverAll()
        pair.clock.advance(days: 40)
        #expect(try await Self.lenderRound(pair).reminders.isEmpty, "the recall already asks for the item back")
        await #expect {
            try await pair.lender.sendReminder(onTransaction: lending.id)
        } throws: { error in
            (error as? StaffActionError)?.message == "remind: the loan is not overdue (the transaction is recalled)"
        }
        #expect(try await pair.lender.store.reminders(transactionID: lending.id).isEmpty)
    }

    @Test func aRestartedLenderDoesNotSendAReminderAgain() async throws {
        let (pair, lending, _) = try await Self.shippedLoan(edition: .v1_2, policy: try Self.lenderPolicy())
        pair.clock.advance(days: 18)
        #expect(try await pair.lender.sendDueReminders().map(\.number) == [1])
        let clock = pair.clock
        let restarted = try Gateway(
            configuration: pair.lender.configuration,
            store: try SQLiteTransactionStore(path: pair.databasePaths.lender),
            clock: { clock.now }
        )
        #expect(try await restarted.sendDueReminders().isEmpty, "the reminder sent before the restart is on record")
        #expect(try await restarted.store.reminders(transactionID: lending.id).map(\.number) == [1])
    }
}
