import ArgumentParser
import Foundation
import Transport

/// `illgate remind ID`: sends the next overdue reminder of a loan now, through the running daemon.
struct RemindCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind",
        abstract: "Send the next overdue reminder of a loan now: to the borrowing library, or to our patron.",
        discussion: """
            The daemon sends reminders on the schedules of [policy.lending] reminders (to the library that borrowed \
            from us: a Notification with status Overdue, its note opening [Reminder n of N] or [Final notice]) and \
            [notices] reminders (the overdue notice to our patron). This sends the next one now, whatever the \
            schedule says; it is refused on a loan that is not overdue or whose final notice has gone. The same is \
            POST /v1/transactions/ID/reminders.
            """
    )

    @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).")
    var config: String?

    @Argument(help: "The transaction id (lending or borrowing).")
    var id: Int64

    func run() async throws {
        let sent = try await AdminClient(configurationPath: config).post("/v1/transactions/\(id)/reminders", nil as String?, as: AdminSentReminder.self)
        let which = sent.isFinal ? "the final notice" : "reminder \(sent.number)" + (sent.count.map { " of \($0)" } ?? "")
        let to = sent.side == "lending" ? "the borrowing library" : "the patron"
        print("sent \(which) of transaction \(sent.transactionID) (\(sent.requestID)) to \(to); due \(sent.dueDate.prefix(10))")
    }
}
