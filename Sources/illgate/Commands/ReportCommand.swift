import ArgumentParser
import Daemon
import Foundation
import Policy
import Store

/// `illgate report`: the records an ILL department keeps.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print reports from the database.",
        subcommands: [Copyright.self]
    )

    struct Copyright: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The copyright ledger of one calendar year (CONTU guideline 4 records).",
            discussion: """
                --format table (default) prints one line per title: copies counted against the limit (filled and \
                in flight), copies over the limit with a royalty, copies not counted (older than the window, \
                owned, document supplier, ...), and released ones. --format csv prints every ledger entry, \
                one per line, for the library's records or the CCC. No patron data is in the ledger.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv }

        @Option(help: "The configuration file (default: $ILLGATE_CONFIG, else config/illgate.toml).")
        var config: String?

        @Option(help: "The calendar year (in the library's time zone).")
        var year: Int

        @Option(help: "table or csv.")
        var format: Format = .table

        func run() async throws {
            let local = try LocalGateway(configurationPath: config)
            let entries = try await local.store.ledger(year: year)
            let limit = local.configuration.policy?.copyright.borrowing.periodicalLimit ?? 5
            switch format {
            case .csv: print(csv(entries), terminator: "")
            case .table: print(table(entries, limit: limit))
            }
        }

        private func csv(_ entries: [LedgerEntryRecord]) -> String {
            let header = [
                "title", "issns", "isbn", "requested", "article_title", "volume", "issue", "pages", "publication_date", "declaration",
                "basis", "counted", "state", "lenders", "royalty_estimate", "royalty_paid", "payment_batch", "transaction",
            ]
            var lines = [header.joined(separator: ",")]
            for entry in entries {
                let fields: [String?] = [
                    entry.title, entry.issns, entry.isbn, entry.requestedLocal, entry.articleTitle, entry.volume, entry.issue, entry.pages,
                    entry.publicationDate, entry.code, entry.basis, entry.counted ? "yes" : "no", entry.state.rawValue, entry.lenders,
                    entry.royaltyEstimate.map { "\($0)" }, entry.royaltyPaid ? "yes" : "no", entry.paymentBatch, entry.transactionID.map(String.init),
                ]
                lines.append(fields.map { Self.quote($0 ?? "") }.joined(separator: ","))
            }
            return lines.joined(separator: "\n") + "\n"
        }

        private func table(_ entries: [LedgerEntryRecord], limit: Int) -> String {
            let byTitle = Dictionary(grouping: entries, by: \.titleID)
            let rows = byTitle.values.sorted { ($0.first?.title ?? "") < ($1.first?.title ?? "") }.map { group -> [String] in
                let live = group.filter { $0.state != .released }
                let counted = live.filter(\.counted).count
                let royalty = live.filter { $0.basis == "royalty" }.count
                let exempt = live.filter { !$0.counted }.count
                let released = group.count - live.count
                let status = counted > limit ? "over limit" : counted == limit ? "at limit" : "ok"
                return [
                    String((group.first?.title ?? "").prefix(48)), group.first?.issns ?? group.first?.isbn ?? "", String(counted), String(royalty),
                    String(exempt), String(released), status,
                ]
            }
            if rows.isEmpty { return "no copyright ledger entries for \(year)" }
            return TextTable.render(header: ["TITLE", "ISSN/ISBN", "COUNTED", "ROYALTY", "NOT COUNTED", "RELEASED", "STATUS"], rows: rows)
        }

        private static func quote(_ field: String) -> String {
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }
}
