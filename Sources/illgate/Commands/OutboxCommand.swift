import ArgumentParser
import Foundation
import Transport

/// `illgate outbox`: what the daemon still has to deliver, and what an operator can do about it.
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "List, retry or drop outbound messages.",
        subcommands: [List.self, Retry.self, Drop.self]
    )

    struct Options: ParsableArguments {
        @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).")
        var config: String?
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List outbound messages (default: pending, rejected and dead).")

        @OptionGroup var options: Options

        @Option(help: "Statuses to list, comma-separated: pending, delivered, rejected, dead, dropped.")
        var status: String?

        func run() async throws {
            let client = try AdminClient(configurationPath: options.config)
            let query = status.map { "?status=\($0)" } ?? ""
            let entries = try await client.get("/v1/outbox\(query)", as: [AdminOutboxEntry].self)
            print(
                TextTable.render(
                    header: ["ID", "TX", "PEER", "STATUS", "ATTEMPTS", "NEXT ATTEMPT", "LAST ERROR"],
                    rows: entries.map {
                        [String($0.id), String($0.transactionID), $0.peer, $0.status, String($0.attempts), $0.nextAttemptAt, $0.lastError ?? ""]
                    }
                )
            )
            if entries.isEmpty { print("(nothing waiting)") }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send a dead, rejected or dropped message again now.")

        @OptionGroup var options: Options

        @Argument(help: "The outbox entry id.")
        var id: Int64

        func run() async throws {
            let entry = try await AdminClient(configurationPath: options.config)
                .post("/v1/outbox/\(id)/retry", nil as String?, as: AdminOutboxEntry.self)
            print("outbox entry \(entry.id): \(entry.status)")
        }
    }

    struct Drop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give up on a message: it is kept for the record but never sent.")

        @OptionGroup var options: Options

        @Argument(help: "The outbox entry id.")
        var id: Int64

        func run() async throws {
            let entry = try await AdminClient(configurationPath: options.config)
                .post("/v1/outbox/\(id)/drop", nil as String?, as: AdminOutboxEntry.self)
            print("outbox entry \(entry.id): \(entry.status)")
        }
    }
}
