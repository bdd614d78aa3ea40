import Foundation
import Testing

/// Overdue reminders between two `illgate serve` processes over HTTP: staff on the lender send the next reminder
/// of an overdue loan with `illgate remind` (or `illgate tx action ID remind`), and the borrower records it, note
/// and all, in its history.
@Suite(.serialized, .enabled(if: IllgateBinary.url != nil, "the illgate executable was not built"))
final class ReminderOverHTTPTests {
    let scratch = ScratchDirectory("illgate-remind")

    @Test func aReminderSentWithTheCLIArrivesAtTheBorrowerAndIsInItsHistory() async throws {
        let (lender, borrower) = try RunningDaemon.httpPair(root: scratch.url)
        try await RunningDaemon.start((lender, borrower))
        defer {
            lender.stop()
            borrower.stop()
        }

        let (borrowing, requestID) = try borrower.borrow(["--title", "Moby-Dick", "--isbn", "9780142437247"])
        let lending = try await lender.transactionID(arriving: requestID)

        // Before the due date a reminder is refused and nothing is sent.
        try lender.cli(["tx", "action", String(lending), "ship", "--due", "2099-12-31"])
        let early = try IllgateBinary.run(["remind", String(lending), "--config", lender.configPath])
        #expect(early.status != 0 && early.error.contains("the loan is not overdue before its due date 2099-12-31"))
        try await eventually("the borrower to see it shipped") { try borrower.transaction(borrowing)?.state == "shipped" }
        try borrower.cli(["tx", "action", String(borrowing), "markReceived"])
        try borrower.cli(["tx", "action", String(borrowing), "requestRenewal"])
        try await eventually("the lender to see the renewal request") { try lender.cli(["tx", "show", String(lending)]).contains("renew") }
        try lender.cli(["tx", "action", String(lending), "grantRenewal", "--due", "2020-01-31"])

        // Past the (renewed) due date: the first reminder marks the loan Overdue, the second is a Notification.
        #expect(try lender.cli(["remind", String(lending)]).hasPrefix("sent reminder 1 of transaction \(lending) (\(requestID)) to the borrowing library"))
        // The generic staff action sends the same reminder: numbered, recorded and logged alike.
        try lender.cli(["tx", "action", String(lending), "remind"])
        let overdue = try lender.cli(["worklist", "overdue-lent", "--format", "csv"]).split(separator: "\n").first { $0.hasPrefix("\(lending),") }
        #expect(overdue?.hasPrefix("\(lending),,lending,overdue,borrower,\(requestID),2020-01-31") == true && overdue?.hasSuffix(",2,") == true, "\(overdue ?? "")")
        try await eventually("the borrower to record both reminders") {
            let history = try borrower.cli(["tx", "show", String(borrowing)])
            return history.contains("[Reminder 1] \"Moby-Dick\" was due on 2020-01-31") && history.contains("[Reminder 2]")
        }
        #expect(try borrower.cli(["worklist", "overdue-borrowed", "--format", "csv"]).contains("\n\(borrowing),"))
        let logged = lender.log.split(separator: "\n").filter { $0.contains("event=reminder") }
        #expect(logged.count == 2 && logged.allSatisfy { $0.contains("tx=\(lending)") && $0.contains("request_id=\(requestID)") && $0.contains("by=staff") })
        #expect(logged.first?.contains("number=1") == true && logged.first?.contains("role=supplier") == true)
        let shown = try lender.cli(["tx", "show", String(lending)])
        #expect(shown.contains("overdue reminders") && shown.contains("[Reminder 2] \"Moby-Dick\" was due on 2020-01-31"))
    }
}
