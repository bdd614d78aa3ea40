import ArgumentParser
import Foundation
import Transport

/// `illgate charge`: the charges ledger of transactions, through the running daemon.
struct ChargeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "charge",
        abstract: "List, add, adjust and waive charges (lost items, damage, fees) on transactions.",
        discussion: """
            Charges are never edited or deleted: an adjustment or a waiver is a new entry with its reason. \
            Lending charges (receivable) are gathered into invoices with 'illgate invoice create'; a charge on an \
            issued invoice changes only by crediting the invoice. Amounts are '12.50' (the [billing] currency) or '12.50 EUR'.
            """,
        subcommands: [List.self, Add.self, Adjust.self, Waive.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Charges of one transaction, or of one side (and peer).")

        @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).")
        var config: String?

        @Option(name: .customLong("tx"), help: "Only this transaction's charges.")
        var transaction: Int64?

        @Option(help: "receivable (we lent) or payable (we borrowed).")
        var side = "receivable"

        @Option(help: "Only this peer's charges.")
        var peer: String?

        @Flag(help: "Only charges flagged for review.")
        var flagged = false

        @Flag(help: "Print the admin API's JSON.")
        var json = false

        func run() async throws {
            let client = try AdminClient(configurationPath: config)
            let path: String
            if let transaction {
                path = "/v1/transactions/\(transaction)/charges"
            } else {
                var query = "side=\(side)"
                if let peer { query += "&peer=\(peer.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? peer)" }
                if flagged { query += "&flagged=true" }
                path = "/v1/charges?\(query)"
            }
            if json {
                print(try await client.getJSON(path))
                return
            }
            let charges = try await client.get(path, as: [AdminCharge].self)
            guard !charges.isEmpty else {
                print("no charges")
                return
            }
            print(ChargeCommand.table(charges))
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a charge to a transaction.")

        @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).")
        var config: String?

        @Argument(help: "The transaction id.")
        var transaction: Int64

        @Option(help: "loanFee, copyFee, replacement, processingFee, damageFee, peerCost or other.")
        var kind: String

        @Option(help: "The amount: '12.50' or '12.50 EUR'.")
        var amount: String

        @Option(help: "What it is for.")
        var note: String?

        @Option(help: "Who adds it (for the ledger).")
        var by = ProcessInfo.processInfo.environment["USER"] ?? "staff"

        func run() async throws {
            let charge = try await AdminClient(configurationPath: config).post(
                "/v1/transactions/\(transaction)/charges",
                AdminChargeRequest(kind: kind, amount: amount, note: note, by: by),
                as: AdminCharge.self
            )
            print("charge \(charge.id): \(charge.kind) \(charge.amount) on transaction \(charge.transactionId)")
        }
    }

    struct Adjust: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a charge by a signed amount, with the reason.")

        @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).")
        var config: String?

        @Argument(help: "The charge id.")
        var charge: Int64

        @Option(help: "The change: '-5.00' or '2.50'.")
        var amount: String

        @Option(help: "Why.")
        var reason: String

        @Option(help: "Who (for the ledger).")
        var by = ProcessInfo.processInfo.environment["USER"] ?? "staff"

        func run() async throws {
            let result = try await AdminClient(configurationPath: config).post(
                "/v1/charges/\(charge)/adjust", AdminChargeRequest(amount: amount, reason: reason, by: by), as: AdminCharge.self
            )
            print("charge \(result.id): now \(result.balance)")
        }
    }

    struct Waive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Waive what is left of a charge, with the reason.")

        @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).")
        var config: String?

        @Argument(help: "The charge id.")
        var charge: Int64

        @Option(help: "Why.")
        var reason: String

        @Option(help: "Who (for the ledger).")
        var by = ProcessInfo.processInfo.environment["USER"] ?? "staff"

        func run() async throws {
            let result = try await AdminClient(configurationPath: config).post(
                "/v1/charges/\(charge)/waive", AdminChargeRequest(reason: reason, by: by), as: AdminCharge.self
            )
            print("charge \(result.id): waived, now \(result.balance)")
        }
    }

    static func table(_ charges: [AdminCharge]) -> String {
        TextTable.render(
            header: ["CHARGE", "TX", "PEER", "KIND", "AMOUNT", "BALANCE", "INVOICE", "FLAG", "NOTE"],
            rows: charges.map {
                [String($0.id), String($0.transactionId), $0.peer, $0.kind, $0.amount.description, $0.balance.description, $0.invoice ?? "",
                 $0.flag ?? "", String(($0.note ?? "").prefix(40))]
            }
        )
    }
}
