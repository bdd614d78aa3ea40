import ArgumentParser
import Foundation
import Gateway
import Store
import Transport

/// `illgate worklist NAME`: what waits for staff today, through the running daemon.
struct WorklistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worklist",
        abstract: "Print a worklist: what waits for one kind of work.",
        discussion: """
            Worklists: \(StaffWorklist.all.map { "\($0) (\($0.summary))" }.joined(separator: "; ")). \
            Nothing in a worklist is patron data: a borrowed item is listed by its request id and pickup branch.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).")
    var config: String?

    @Argument(help: "The worklist: \(StaffWorklist.all.map(\.description).joined(separator: ", ")).")
    var name: String

    @Option(help: "ready-for-pickup: only this pickup branch; to-pull: only this owning branch (a code of [[library.branches]]).")
    var branch: String?

    @Option(help: "due-soon: due within this many days (default 3).")
    var within: Int?

    @Option(help: "At most this many lines (default 1000).")
    var limit: Int?

    @Option(help: "table, csv or json.")
    var format: Format = .table

    func validate() throws {
        guard StaffWorklist(name: name) != nil else {
            throw ValidationError("no worklist named '\(name)'; worklists: \(StaffWorklist.all.map(\.description).joined(separator: ", "))")
        }
        if let within, within < 1 { throw ValidationError("--within must be at least 1 day, found \(within)") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1, found \(limit)") }
    }

    func run() async throws {
        var parameters: [String] = []
        if let branch { parameters.append("branch=\(branch.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? branch)") }
        if let within { parameters.append("within_days=\(within)") }
        if let limit { parameters.append("limit=\(limit)") }
        let path = "/v1/worklists/\(name)" + (parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&"))
        let entries = try await AdminClient(configurationPath: config).get(path, as: [AdminWorklistEntry].self)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(entries), as: UTF8.self))
        case .csv:
            let header = "transaction,review,side,state,peer,request_id,due,pickup,since,title,note,invoice,amount,branch,call_number,location,last_reminder,next_reminder"
            let lines = entries.map { entry in
                [
                    entry.transactionID.map(String.init) ?? "", entry.reviewID.map(String.init) ?? "", entry.side, entry.state, entry.peer ?? "",
                    entry.requestID ?? "", entry.dueDate ?? "", entry.pickupLocation ?? "", entry.since, entry.title ?? "", entry.note ?? "",
                    entry.invoiceNumber ?? "", entry.amount ?? "", entry.branch ?? "", entry.callNumber ?? "", entry.shelfLocation ?? "",
                    entry.lastReminder.map(String.init) ?? "", entry.nextReminder ?? "",
                ].map(ReportCommand.Copyright.quote).joined(separator: ",")
            }
            print(([header] + lines).joined(separator: "\n"))
        case .table:
            guard !entries.isEmpty else {
                print("(nothing on the \(name) list)")
                return
            }
            if case .transactions(.toPull) = StaffWorklist(name: name) {
                print(
                    TextTable.render(
                        header: ["TX", "BRANCH", "CALL NUMBER", "LOCATION", "TITLE", "REQUEST", "DEADLINE"],
                        rows: entries.map { entry in
                            [
                                entry.transactionID.map(String.init) ?? "-", entry.branch ?? "-", entry.callNumber ?? "-", entry.shelfLocation ?? "-",
                                String((entry.title ?? "").prefix(40)), entry.requestID ?? "", entry.dueDate.map { String($0.prefix(16)) } ?? "-",
                            ]
                        }
                    )
                )
                return
            }
            if case .money = StaffWorklist(name: name) {
                print(
                    TextTable.render(
                        header: ["INVOICE", "TX", "STATE", "PEER", "DUE", "SINCE", "AMOUNT", "NOTE"],
                        rows: entries.map { entry in
                            [
                                entry.invoiceNumber ?? "-", entry.transactionID.map(String.init) ?? "-", entry.state, entry.peer ?? "",
                                entry.dueDate.map { String($0.prefix(10)) } ?? "-", String(entry.since.prefix(10)), entry.amount ?? "-",
                                String((entry.note ?? entry.title ?? "").prefix(60)),
                            ]
                        }
                    )
                )
                return
            }
            if case .transactions(let list) = StaffWorklist(name: name), list.showsReminders {
                print(
                    TextTable.render(
                        header: ["TX", "SIDE", "STATE", "PEER", "REQUEST", "DUE", "REMINDED", "NEXT REMINDER", "PICKUP", "TITLE"],
                        rows: entries.map { entry in
                            [
                                entry.transactionID.map(String.init) ?? "-", entry.side, entry.state, entry.peer ?? "", entry.requestID ?? "",
                                entry.dueDate.map { String($0.prefix(10)) } ?? "-", entry.lastReminder.map { $0 == 0 ? "none" : "#\($0)" } ?? "-",
                                entry.nextReminder.map { String($0.prefix(10)) } ?? "-", entry.pickupLocation ?? "-", String((entry.title ?? "").prefix(40)),
                            ]
                        }
                    )
                )
                return
            }
            print(
                TextTable.render(
                    header: ["TX", "REVIEW", "SIDE", "STATE", "PEER", "REQUEST", "DUE", "PICKUP", "SINCE", "TITLE"],
                    rows: entries.map { entry in
                        [
                            entry.transactionID.map(String.init) ?? "-", entry.reviewID.map(String.init) ?? "-", entry.side, entry.state,
                            entry.peer ?? "", entry.requestID ?? "", entry.dueDate.map { String($0.prefix(10)) } ?? "-", entry.pickupLocation ?? "-",
                            String(entry.since.prefix(10)), String((entry.title ?? "").prefix(40)) + (entry.note.map { " (\($0))" } ?? ""),
                        ]
                    }
                )
            )
        }
    }
}
