import ArgumentParser
import Daemon
import Foundation
import ISO18626
import Policy
import Store
import Transport

/// `illgate royalties`: the fees owed for copies over the rule of five, and marking them paid.
struct RoyaltiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "royalties",
        abstract: "List royalties owed for copies over the copyright limit, and mark them paid.",
        discussion: """
            With on_limit = "pay_royalty", a copy over the rule of five is sent US-CCG with its royalty estimated \
            in the copyright ledger. Once the copy has arrived the royalty is owed; when the library pays it (to \
            the CCC or the rights holder), mark the entries paid under the payment's batch id.
            """,
        subcommands: [List.self, Pay.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Royalty entries of one calendar year (default: this year).")

        @Option(help: "The configuration file (default: $ILLGATE_CONFIG, else config/illgate.toml).")
        var config: String?

        @Option(help: "The calendar year (in the library's time zone).")
        var year: Int?

        @Flag(help: "Only royalties owed and not yet paid.")
        var unpaid = false

        func run() async throws {
            let local = try LocalGateway(configurationPath: config)
            let calendar = (local.configuration.policy ?? PolicyConfiguration()).calendar
            let year = self.year ?? calendar.component(.year, from: Date())
            var entries = try await local.store.ledger(year: year).filter { $0.basis == "royalty" && $0.state != .released }
            if unpaid {
                entries = entries.filter { $0.state == .filled && !$0.royaltyPaid }
            }
            guard !entries.isEmpty else {
                print(unpaid ? "no unpaid royalties for \(year)" : "no royalties for \(year)")
                return
            }
            print(
                TextTable.render(
                    header: ["ENTRY", "REQUESTED", "TITLE", "ISSN/ISBN", "ARTICLE", "STATE", "ESTIMATE", "PAID", "BATCH", "TX"],
                    rows: entries.map { entry in
                        [
                            String(entry.id), entry.requestedLocal, String(entry.title.prefix(36)), entry.issns ?? entry.isbn ?? "",
                            String((entry.articleTitle ?? "").prefix(30)), entry.state == .filled ? "arrived" : "in flight",
                            entry.royaltyEstimate.map { "\($0)" } ?? "-", entry.royaltyPaid ? "yes" : "no", entry.paymentBatch ?? "",
                            entry.transactionID.map(String.init) ?? "",
                        ]
                    }
                )
            )
            let owed = entries.filter { $0.state == .filled && !$0.royaltyPaid }.compactMap(\.royaltyEstimate).reduce(Decimal(0), +)
            print("owed (arrived, not paid), estimated: \(DecimalFormat.format(owed, places: 2))")
        }
    }

    struct Pay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark royalties paid under a payment batch id.",
            discussion: "Name the ledger entries (from `illgate royalties list`), or --through DATE for every unpaid royalty requested up to that day."
        )

        @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).")
        var config: String?

        @Option(help: "The payment's batch id (invoice or cheque number).")
        var batch: String

        @Option(help: "Every unpaid royalty of a copy that arrived, requested up to and including this day (YYYY-MM-DD).")
        var through: String?

        @Argument(help: "Ledger entry ids.")
        var entries: [Int64] = []

        func run() async throws {
            let paid = try await AdminClient(configurationPath: config)
                .post("/v1/royalties/pay", AdminRoyaltyPayment(batch: batch, entries: entries, through: through), as: AdminRoyaltiesPaid.self)
            if paid.entries.isEmpty {
                print("batch \(paid.batch): no unpaid royalties matched")
            } else {
                print("batch \(paid.batch): \(paid.entries.count) royalt\(paid.entries.count == 1 ? "y" : "ies") marked paid (entries \(paid.entries.map(String.init).joined(separator: ", "))), estimated \(paid.estimatedTotal)")
            }
        }
    }
}
