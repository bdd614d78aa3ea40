import ArgumentParser
import Daemon
import Foundation
import Gateway
import ISO18626
import Policy
import Store
import Transactions

/// `illgate report`: the records an ILL department keeps.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print reports from the database.",
        subcommands: [Activity.self, Demand.self, Copyright.self]
    )

    struct Activity: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lending and borrowing statistics for a period, per peer.",
            discussion: """
                Counts the requests created from --from to --to (days in the library's time zone, both included; \
                default: this year so far), per role and peer: supplied (shipped or delivered), unfilled, answered \
                with conditions (RetryPossible; on the borrowing side also retried), cancelled and still open; the \
                fill rate (supplied out of those the supplier answered) and the median days from request to supply; \
                and the money of the period, by the day it is dated: on lending lines, the invoices we issued (less \
                credit notes) and the payments received; on borrowing lines, the lenders' invoices dated in the \
                period and those we approved for payment (one total per currency). With --by month, one block of \
                lines per calendar month.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv }

        @OptionGroup var options: PeriodOptions

        @Option(help: "table or csv.")
        var format: Format = .table

        enum Grouping: String, ExpressibleByArgument, CaseIterable { case period, month }

        @Option(help: "period (one block for the whole period) or month.")
        var by: Grouping = .period

        func run() async throws {
            let (gateway, period) = try options.gatewayAndPeriod()
            let report = try await gateway.activityReport(period, byMonth: by == .month)
            switch format {
            case .csv: print(csv(report), terminator: "")
            case .table: print(report.lines.isEmpty ? "no requests and no money billed or paid in this period" : table(report))
            }
        }

        private func cells(_ line: ActivityReport.Line) -> [String] {
            (by == .month ? [line.month ?? ""] : []) + [
                line.role == .supplier ? "lending" : "borrowing", line.peerName ?? "all", String(line.requests), String(line.supplied),
                String(line.unfilled), String(line.conditions), String(line.cancelled), String(line.open),
                line.fillRate.map { String(format: "%.0f%%", $0 * 100) } ?? "-", line.medianDaysToSupply.map { String(format: "%.1f", $0) } ?? "-",
                amounts(line.billed), amounts(line.paid),
            ]
        }

        /// One total per currency (`55.00 USD; 10.00 EUR`), or `-` when none.
        private func amounts(_ totals: [Money]) -> String {
            totals.isEmpty ? "-" : totals.map(\.description).joined(separator: "; ")
        }

        private func table(_ report: ActivityReport) -> String {
            TextTable.render(
                header: (by == .month ? ["MONTH"] : []) + ["ROLE", "PEER", "REQUESTS", "SUPPLIED", "UNFILLED", "CONDITIONS", "CANCELLED", "OPEN", "FILL RATE", "MEDIAN DAYS", "BILLED", "PAID"],
                rows: report.lines.map(cells)
            )
        }

        private func csv(_ report: ActivityReport) -> String {
            let header = (by == .month ? "month," : "") + "role,peer,requests,supplied,unfilled,conditions,cancelled,open,fill_rate,median_days_to_supply,billed,paid"
            let offset = by == .month ? 1 : 0
            let rows = report.lines.map { line in
                var fields = cells(line)
                fields[8 + offset] = line.fillRate.map { String(format: "%.4f", $0) } ?? ""
                fields[9 + offset] = line.medianDaysToSupply.map { String(format: "%.2f", $0) } ?? ""
                fields[10 + offset] = line.billed.map(\.description).joined(separator: "; ")
                fields[11 + offset] = line.paid.map(\.description).joined(separator: "; ")
                return fields.map { Copyright.quote($0) }.joined(separator: ",")
            }
            return ([header] + rows).joined(separator: "\n") + "\n"
        }
    }

    /// The configuration and the days a report covers.
    struct PeriodOptions: ParsableArguments {
        @Option(help: "The configuration file (default: $ILLGATE_CONFIG, else config/illgate.toml).")
        var config: String?

        @Option(help: "The first day (YYYY-MM-DD).")
        var from: String?

        @Option(help: "The last day (YYYY-MM-DD).")
        var to: String?

        /// A gateway on this installation's database and the period `--from`/`--to` name on its calendar.
        /// - Throws: a failure naming the bad option, or saying the period ends before it starts.
        func gatewayAndPeriod() throws -> (Gateway, ReportPeriod) {
            let gateway = try LocalGateway(configurationPath: config).gateway(now: Date())
            do {
                return (gateway, try gateway.reportPeriod(from: from, to: to))
            } catch {
                throw CommandFailure(error.code == .badDate ? "--" + error.message : error.message)
            }
        }
    }

    struct Demand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Titles our patrons asked to borrow repeatedly in a period: purchase candidates.",
            discussion: """
                Lists the titles of the borrowing requests created from --from to --to (days in the library's time \
                zone, both included; default: this year so far) that were asked for at least --min times (default \
                2), most asked first: requests (one patron's request counts once, whichever lenders it went to; \
                retries are not counted again), different patrons (never who), loans among them, and the copies the \
                copyright ledger counted for the title in the period (the rule of five: a sixth copy asks for a \
                purchase or a royalty).
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv }

        @OptionGroup var options: PeriodOptions

        @Option(help: "The fewest requests a title needs to be listed.")
        var min = 2

        @Option(help: "table or csv.")
        var format: Format = .table

        func validate() throws {
            guard min >= 1 else { throw ValidationError("--min must be at least 1, found \(min)") }
        }

        func run() async throws {
            let (gateway, period) = try options.gatewayAndPeriod()
            let titles = try await gateway.demandReport(period, minimumRequests: min)
            let rows = titles.map { title in
                [
                    title.title, String(title.requests), String(title.patrons), String(title.loans), String(title.copyrightCount),
                    String(TimestampFormat.format(title.lastRequestedAt).prefix(10)),
                ]
            }
            switch format {
            case .csv:
                let lines = rows.map { $0.map(Copyright.quote).joined(separator: ",") }
                print((["title,requests,patrons,loans,copyright_count,last_requested"] + lines).joined(separator: "\n"))
            case .table:
                guard !rows.isEmpty else {
                    print("no title was asked for \(min) times or more in this period")
                    return
                }
                let table = rows.map { [String($0[0].prefix(56))] + $0.dropFirst() }
                print(TextTable.render(header: ["TITLE", "REQUESTS", "PATRONS", "LOANS", "COPYRIGHT", "LAST"], rows: table))
            }
        }
    }

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

        static func quote(_ field: String) -> String {
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }
}
