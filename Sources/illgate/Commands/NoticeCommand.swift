import ArgumentParser
import Foundation
import Gateway
import Transport

/// `illgate notice ID KIND`: sends a borrowing transaction's patron notice again, through the running daemon.
struct NoticeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice",
        abstract: "Send a patron notice of a borrowed item again: \(PatronNoticeKind.allCases.map(\.rawValue).joined(separator: ", ")).",
        discussion: """
            The daemon sends ready-for-pickup when staff mark the item received, and overdue and recalled from its \
            hourly check; this sends one now (after a failure, or when the patron asks). The notice is rendered from \
            the [notices] templates and piped to the sendmail command, or written to the spool directory. The same \
            is POST /v1/transactions/ID/notices/KIND.
            """
    )

    @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).")
    var config: String?

    @Argument(help: "The borrowing transaction id.")
    var id: Int64

    @Argument(help: "The notice: \(PatronNoticeKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: String

    func run() async throws {
        let sent = try await AdminClient(configurationPath: config).post(
            "/v1/transactions/\(id)/notices/\(kind)",
            nil as String?,
            as: AdminSentNotice.self
        )
        print("sent the \(sent.kind) notice of transaction \(sent.transactionID) (\(sent.requestID))")
    }
}
