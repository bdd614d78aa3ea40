import ArgumentParser
import Foundation
import Gateway
import Transport

extension InvoiceCommand {
    /// `illgate invoice received`: lenders' invoices to us.
    struct Received: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "received",
            abstract: "Record, list, approve and export lenders' invoices; the patron charge file for the ILS.",
            subcommands: [Record.self, List.self, Approve.self, Export.self, PatronCharges.self, Awaiting.self]
        )

        struct Record: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Record a lender's invoice; each --line is REQUEST_ID:AMOUNT[:DESCRIPTION]."
            )
            @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).") var config: String?
            @Option(help: "The lender (peer name).") var peer: String
            @Option(help: "The lender's invoice number.") var number: String
            @Option(help: "The invoice date (YYYY-MM-DD).") var date: String
            @Option(help: "The invoice's currency (ISO 4217).") var currency: String
            @Option(name: .customLong("line"), help: "REQUEST_ID:AMOUNT[:DESCRIPTION] (repeatable).") var lines: [String] = []

            func run() async throws {
                var parsed: [ReceivedInvoiceInput.Line] = []
                for (index, line) in lines.enumerated() {
                    let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
                    guard parts.count >= 2 else {
                        throw ValidationError("--line \(index + 1) '\(line)': expected REQUEST_ID:AMOUNT[:DESCRIPTION]")
                    }
                    parsed.append(ReceivedInvoiceInput.Line(requestID: parts[0], description: parts.count > 2 ? parts[2] : "", amount: parts[1]))
                }
                let invoice = try await AdminClient(configurationPath: config).post(
                    "/v1/received-invoices",
                    ReceivedInvoiceInput(peerName: peer, number: number, date: date, currency: currency, lines: parsed),
                    as: AdminReceivedInvoice.self
                )
                print("received invoice \(invoice.id) (\(invoice.peer) \(invoice.number)): \(invoice.total), \(invoice.state)")
                for line in invoice.lines where !line.flags.isEmpty {
                    print("  line \(line.line) \(line.requestId): " + line.flags.joined(separator: "; "))
                }
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Lenders' invoices (default: those to approve).")
            @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).") var config: String?
            @Option(help: "States, comma-separated: flagged, clean, approved.") var state = "flagged,clean"

            func run() async throws {
                let invoices = try await AdminClient(configurationPath: config).get("/v1/received-invoices?state=\(state)", as: [AdminReceivedInvoice].self)
                guard !invoices.isEmpty else {
                    print("no received invoices")
                    return
                }
                print(
                    TextTable.render(
                        header: ["ID", "LENDER", "NUMBER", "DATE", "TOTAL", "STATE", "FLAGS"],
                        rows: invoices.map {
                            [String($0.id), $0.peer, $0.number, String($0.date.prefix(10)), $0.total.description, $0.state,
                             String($0.lines.flatMap(\.flags).joined(separator: "; ").prefix(60))]
                        }
                    )
                )
            }
        }

        struct Approve: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Approve a lender's invoice for payment (--reviewed for a flagged one).")
            @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).") var config: String?
            @Argument(help: "The received invoice id.") var id: Int64
            @Option(help: "Who approves it.") var by = ProcessInfo.processInfo.environment["USER"] ?? "staff"
            @Flag(help: "The flagged lines have been reviewed.") var reviewed = false

            func run() async throws {
                let invoice = try await AdminClient(configurationPath: config).post(
                    "/v1/received-invoices/\(id)/approve", AdminApproval(by: by, reviewed: reviewed), as: AdminReceivedInvoice.self
                )
                print("received invoice \(invoice.id): approved by \(invoice.approvedBy ?? by)")
            }
        }

        struct Export: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Export approved invoices for payment (CSV) and mark them exported.")
            @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).") var config: String?
            @Option(help: "Write the CSV to this file (default: standard output).") var output: String?

            func run() async throws {
                let file = try await AdminClient(configurationPath: config).post("/v1/received-invoices/export", AdminApproval?.none, as: AdminCSV.self)
                try InvoiceCommand.write(file.csv, to: output)
            }
        }

        struct PatronCharges: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "patron-charges",
                abstract: "The patron charge file for the ILS (CSV; it holds patron ids by nature)."
            )
            @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).") var config: String?
            @Option(help: "Write the CSV to this file (default: standard output).") var output: String?

            func run() async throws {
                let file = try await AdminClient(configurationPath: config).get("/v1/patron-charges", as: AdminCSV.self)
                try InvoiceCommand.write(file.csv, to: output)
            }
        }

        struct Awaiting: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Borrowed items reported lost or damaged that no lender's invoice has billed yet.")
            @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).") var config: String?

            func run() async throws {
                let waiting = try await AdminClient(configurationPath: config).get("/v1/awaiting-bill", as: [AdminTransaction].self)
                guard !waiting.isEmpty else {
                    print("nothing awaits a lender's bill")
                    return
                }
                print(TextTable.render(header: ["TX", "PEER", "STATE", "REQUEST"], rows: waiting.map { [String($0.id), $0.peer, $0.state, $0.requestID] }))
            }
        }
    }

    /// Writes `text` to a file (mode 0600: it may hold patron data) or standard output.
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            print(text, terminator: "")
            return
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure("cannot write \(path)")
        }
        print("wrote \(path)")
    }
}
