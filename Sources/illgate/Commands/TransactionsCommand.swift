import ArgumentParser
import Daemon
import Foundation
import ISO18626
import Store
import Transactions
import Transport

/// `illgate tx`: the ILL staff's view of transactions.
struct TransactionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tx",
        abstract: "List and show transactions.",
        subcommands: [List.self, Show.self, ActionCommand.self]
    )

    /// Where the database is, for the reading commands.
    struct DatabaseOptions: ParsableArguments {
        @Option(help: "The SQLite database (default: $ILLGATE_DATABASE, else the configuration's storage.path).")
        var database: String?

        @Option(help: "The configuration file whose database to read (default: $ILLGATE_CONFIG, else config/illgate.toml).")
        var config: String?

        /// The database to read: `--database`, else `$ILLGATE_DATABASE`, else the configuration's `storage.path`.
        ///
        /// A `--config` that is missing or invalid is an error naming it, even with `--database`: there is no
        /// fallback to a default database, which on a host with several libraries would be another library's.
        func databasePath() throws(CommandFailure) -> String {
            let environment = ProcessInfo.processInfo.environment
            if config != nil {
                let configuration = try ConfigurationFile.load(config).configuration
                return database ?? environment["ILLGATE_DATABASE"] ?? configuration.storagePath
            }
            if let database = database ?? environment["ILLGATE_DATABASE"] { return database }
            return try ConfigurationFile.load(nil).configuration.storagePath
        }

        /// Opens the database (see ``databasePath()``), which must exist.
        func openStore() throws -> (path: String, store: SQLiteTransactionStore) {
            let path = try databasePath()
            guard FileManager.default.fileExists(atPath: path) else {
                throw CommandFailure("no database at \(path) (use --database or set ILLGATE_DATABASE)")
            }
            return (path, try SQLiteTransactionStore(path: path))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List transactions, newest first.")

        @OptionGroup var options: DatabaseOptions

        @Option(help: "Only transactions in this state (such as requestReceived, willSupply, shipped).")
        var state: String?

        @Option(help: "Only this role: supplier (we lend) or requester (we borrow).")
        var role: RoleArgument?

        @Option(help: "At most this many.")
        var limit = 50

        @Flag(help: "Print JSON (an array of transactions) instead of a table.")
        var json = false

        func run() async throws {
            let store = try options.openStore().store
            let transactions = try await store.transactions(matching: TransactionFilter(role: role?.role, state: state, limit: limit))
            if json {
                printJSON(transactions.map(AdminTransaction.init))
                return
            }
            let rows = transactions.map { transaction in
                [
                    String(transaction.id), transaction.role.rawValue, transaction.state, transaction.peerName,
                    transaction.serviceType.rawValue, transaction.requestingAgencyRequestID,
                    transaction.dueDate.map(TimestampFormat.format) ?? "-", TimestampFormat.format(transaction.updatedAt),
                    transaction.title ?? "",
                ]
            }
            print(TextTable.render(header: ["ID", "ROLE", "STATE", "PEER", "SERVICE", "REQUEST ID", "DUE", "UPDATED", "TITLE"], rows: rows))
            if transactions.isEmpty { print("(no transactions)") }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a transaction: state, ids, history, overdue reminders and messages.")

        @OptionGroup var options: DatabaseOptions

        @Argument(help: "The transaction id (from 'illgate tx list').")
        var id: Int64

        @Flag(help: "Also print each message's XML and its confirmation.")
        var xml = false

        @Flag(help: "Print JSON (transaction, events, messages) instead of text.")
        var json = false

        func run() async throws {
            let (path, store) = try options.openStore()
            let found: TransactionRecord?
            do {
                found = try await store.transaction(id: id)
            } catch let error as StoreError where error.code == .corruptValue {
                throw CommandFailure("transaction \(id) in \(path) cannot be shown: \(error)")
            }
            guard let transaction = found else {
                throw CommandFailure("no transaction \(id) in \(path)")
            }
            if json {
                printJSON(
                    AdminTransactionDetail(
                        transaction: AdminTransaction(transaction),
                        events: try await store.events(transactionID: id).map(AdminEvent.init),
                        messages: try await store.messages(transactionID: id).map { AdminMessage($0, withBodies: xml) }
                    )
                )
                return
            }
            let fields: [(String, String?)] = [
                ("transaction", String(transaction.id)),
                ("role", transaction.role == .supplier ? "supplier (we lend)" : "requester (we borrow)"),
                ("state", transaction.state),
                ("peer", "\(transaction.peerName) (edition \(transaction.edition))"),
                ("service", transaction.serviceType.rawValue),
                ("title", transaction.title),
                ("requesting agency", "\(transaction.requestingAgencyID) request \(transaction.requestingAgencyRequestID)"),
                ("supplying agency", "\(transaction.supplyingAgencyID) request \(transaction.supplyingAgencyRequestID ?? "-")"),
                ("last status", transaction.lastStatus?.rawValue),
                ("due", transaction.dueDate.map(TimestampFormat.format)),
                ("pending", [transaction.cancelPending ? "cancel" : nil, transaction.renewalPending ? "renewal" : nil]
                    .compactMap { $0 }.joined(separator: ", ")),
                ("retry of", transaction.previousTransactionID.map(String.init)),
                ("created", TimestampFormat.format(transaction.createdAt)),
                ("updated", TimestampFormat.format(transaction.updatedAt)),
            ]
            for (name, value) in fields {
                guard let value, !value.isEmpty else { continue }
                print("\(name.padding(toLength: 18, withPad: " ", startingAt: 0)) \(value)")
            }

            print("\nhistory")
            let events = try await store.events(transactionID: id)
            print(
                TextTable.render(
                    header: ["AT", "BY", "EVENT", "FROM", "TO", "DETAIL"],
                    rows: events.map {
                        [TimestampFormat.format($0.at), $0.source.rawValue, $0.event, $0.fromState.isEmpty ? "-" : $0.fromState, $0.toState, $0.detail ?? ""]
                    }
                )
            )

            let reminders = try await store.reminders(transactionID: id)
            if !reminders.isEmpty {
                print("\noverdue reminders")
                print(
                    TextTable.render(
                        header: ["#", "SENT", "BY", "FOR DUE DATE", "FINAL"],
                        rows: reminders.map {
                            [String($0.number), TimestampFormat.format($0.sentAt), $0.source.rawValue, TimestampFormat.format($0.dueDate), $0.isFinal ? "yes" : "no"]
                        }
                    )
                )
            }

            print("\nmessages")
            let messages = try await store.messages(transactionID: id)
            print(
                TextTable.render(
                    header: ["#", "AT", "DIRECTION", "TYPE", "SUMMARY", "CONFIRMATION"],
                    rows: messages.map { message in
                        let confirmation = message.confirmationStatus.map { status in
                            status == .ok ? "OK" : "ERROR \(message.errorType ?? ""): \(message.errorValue ?? "")"
                        } ?? (message.direction == .outbound ? "not yet delivered" : "-")
                        return [
                            String(message.id), TimestampFormat.format(message.recordedAt), message.direction.rawValue,
                            message.kind?.rawValue ?? "?", message.summary, confirmation,
                        ]
                    }
                )
            )
            if xml {
                for message in messages {
                    print("\n--- message \(message.id) (\(message.direction.rawValue) \(message.kind?.rawValue ?? "?"))")
                    print(message.body)
                    if let confirmation = message.confirmation {
                        print("--- its confirmation")
                        print(confirmation)
                    }
                }
            }
        }
    }
}

/// Prints a value as JSON with sorted keys.
func printJSON(_ value: some Encodable) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    if let data = try? encoder.encode(value) {
        print(String(decoding: data, as: UTF8.self))
    }
}
