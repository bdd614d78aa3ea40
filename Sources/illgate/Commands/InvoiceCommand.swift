import ArgumentParser
import Foundation
import Gateway
import Transport

/// `illgate invoice`: invoices we send and invoices lenders send us, through the running daemon.
struct InvoiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoice",
        abstract: "Issue, void, credit and settle invoices to borrowers; record and approve lenders' invoices.",
        discussion: """
            Invoices we send gather a peer's open charges; numbers are gapless per year ([billing] \
            invoice_number_format). An issued invoice is never edited: void it (unpaid; it keeps its number) or credit it. \
            Lenders' invoices ('illgate invoice received ...') are matched to our requests line by line and flagged when \
            something is off; a clean or reviewed invoice is approved and exported for payment.
            """,
        subcommands: [Create.self, List.self, Show.self, Void.self, Credit.self, Pay.self, Statement.self, Aging.self, Received.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Invoice a peer for its open charges.")
        @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).") var config: String?
        @Option(help: "The peer to invoice.") var peer: String
        @Option(help: "Only charges recorded up to and including this day (YYYY-MM-DD).") var through: String?
        @Option(help: "A note printed on the invoice.") var note: String?

        func run() async throws {
            let invoice = try await AdminClient(configurationPath: config).post(
                "/v1/invoices", AdminInvoiceRequest(peer: peer, through: through, note: note), as: AdminInvoice.self
            )
            print("invoice \(invoice.number) to \(invoice.peer): \(invoice.lines.count) line\(invoice.lines.count == 1 ? "" : "s"), total \(invoice.total), due \(invoice.due.prefix(10))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Invoices and credit notes we issued.")
        @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).") var config: String?
        @Option(help: "Only this peer's.") var peer: String?
        @Flag(help: "Only invoices not yet paid in full.") var unpaid = false

        func run() async throws {
            var path = "/v1/invoices"
            if unpaid { path += "?unpaid=true" } else if let peer { path += "?peer=\(InvoiceCommand.escaped(peer))" }
            let invoices = try await AdminClient(configurationPath: config).get(path, as: [AdminInvoice].self)
            guard !invoices.isEmpty else {
                print(unpaid ? "no unpaid invoices" : "no invoices")
                return
            }
            print(
                TextTable.render(
                    header: ["NUMBER", "KIND", "PEER", "ISSUED", "DUE", "TOTAL", "BALANCE", "STATE"],
                    rows: invoices.map {
                        [$0.number, $0.kind, $0.peer, String($0.issued.prefix(10)), String($0.due.prefix(10)), $0.total.description,
                         $0.balance.description, $0.voided != nil ? "void" : $0.balance.amount.allSatisfy({ $0 == "0" || $0 == "." }) ? "settled" : "open"]
                    }
                )
            )
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One invoice, its lines and payments; --csv writes it as CSV.")
        @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).") var config: String?
        @Argument(help: "The invoice number.") var number: String
        @Flag(help: "Print the invoice as CSV.") var csv = false
        @Flag(help: "Print the admin API's JSON.") var json = false
        @Option(help: "Write the printable PDF to this file.") var pdf: String?
        @Option(help: "The PDF's page size: a4 or letter.") var page = "a4"

        func run() async throws {
            let client = try AdminClient(configurationPath: config)
            let path = "/v1/invoices/\(InvoiceCommand.escaped(number))"
            if json {
                print(try await client.getJSON(path))
                return
            }
            if let pdf {
                let file = try await client.get("\(path)/pdf?page=\(page)", as: AdminFile.self)
                guard let bytes = Data(base64Encoded: file.base64) else { throw CommandFailure("the daemon sent a PDF that is not base64") }
                guard FileManager.default.createFile(atPath: pdf, contents: bytes) else { throw CommandFailure("cannot write \(pdf)") }
                print("wrote \(pdf)")
                return
            }
            let invoice = try await client.get(path, as: AdminInvoice.self)
            if csv {
                print(invoice.csv, terminator: "")
                return
            }
            print("\(invoice.kind) \(invoice.number) to \(invoice.billTo), issued \(invoice.issued.prefix(10)), due \(invoice.due.prefix(10))")
            if let voided = invoice.voided { print("VOID since \(voided.prefix(10)): \(invoice.voidReason ?? "")") }
            print(
                TextTable.render(
                    header: ["LINE", "REQUEST", "ITEM", "TITLE", "DUE", "LOST", "DESCRIPTION", "AMOUNT"],
                    rows: invoice.lines.map {
                        [String($0.line), $0.requestId, $0.itemId ?? "", String(($0.title ?? "").prefix(30)), String(($0.dueDate ?? "").prefix(10)),
                         String(($0.lostDate ?? "").prefix(10)), String($0.description.prefix(40)), $0.amount.description]
                    }
                )
            )
            for payment in invoice.payments { print("paid \(payment.amount) on \(payment.received.prefix(10)) \(payment.reference ?? "")") }
            for credit in invoice.credits { print("credited by \(credit)") }
            print("total \(invoice.total), balance \(invoice.balance)")
        }
    }

    struct Void: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Void an unpaid invoice (it keeps its number; its charges are open again).")
        @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).") var config: String?
        @Argument(help: "The invoice number.") var number: String
        @Option(help: "Why.") var reason: String

        func run() async throws {
            let invoice = try await AdminClient(configurationPath: config).post(
                "/v1/invoices/\(InvoiceCommand.escaped(number))/void", AdminInvoiceRequest(reason: reason), as: AdminInvoice.self
            )
            print("invoice \(invoice.number): void")
        }
    }

    struct Credit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a credit note against an invoice (default: all still owed).")
        @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).") var config: String?
        @Argument(help: "The invoice number.") var number: String
        @Option(help: "The amount credited.") var amount: String?
        @Option(help: "Why.") var reason: String

        func run() async throws {
            let note = try await AdminClient(configurationPath: config).post(
                "/v1/invoices/\(InvoiceCommand.escaped(number))/credit", AdminInvoiceRequest(reason: reason, amount: amount), as: AdminInvoice.self
            )
            print("credit note \(note.number) against \(number): \(note.total)")
        }
    }

    struct Pay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a payment (or part payment) of an invoice.")
        @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).") var config: String?
        @Argument(help: "The invoice number.") var number: String
        @Option(help: "The amount received.") var amount: String
        @Option(help: "The day it was received (YYYY-MM-DD; default today).") var received: String?
        @Option(help: "The payer's reference.") var reference: String?
        @Option(help: "Who records it.") var by = ProcessInfo.processInfo.environment["USER"] ?? "staff"

        func run() async throws {
            let invoice = try await AdminClient(configurationPath: config).post(
                "/v1/invoices/\(InvoiceCommand.escaped(number))/payments",
                AdminInvoiceRequest(amount: amount, received: received, reference: reference, by: by),
                as: AdminInvoice.self
            )
            print("invoice \(invoice.number): paid \(amount), balance \(invoice.balance)")
        }
    }

    struct Statement: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "What a peer and we owe each other, both ways.")
        @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).") var config: String?
        @Option(help: "The peer.") var peer: String
        @Flag(help: "Print the admin API's JSON.") var json = false

        func run() async throws {
            let client = try AdminClient(configurationPath: config)
            let path = "/v1/statements/\(InvoiceCommand.escaped(peer))"
            if json {
                print(try await client.getJSON(path))
                return
            }
            let statement = try await client.get(path, as: AdminStatement.self)
            print("statement with \(statement.peer)")
            print("we lent: \(statement.receivableOutstanding) outstanding on invoices, \(statement.notYetInvoiced) not yet invoiced")
            for line in statement.receivable { print("  \(line.date.prefix(10))  \(line.entry)  \(line.reference)  \(line.amount)") }
            print("we borrowed: \(statement.payableOutstanding) outstanding on the lender's invoices")
            for line in statement.payable { print("  \(line.date.prefix(10))  \(line.entry)  \(line.reference)  \(line.amount)") }
        }
    }

    struct Aging: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Unpaid invoices by peer and age: current, 30, 60, 90+ days.")
        @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).") var config: String?
        @Flag(help: "Print CSV.") var csv = false

        func run() async throws {
            let report = try await AdminClient(configurationPath: config).get("/v1/aging", as: AdminAging.self)
            if csv {
                print(report.csv, terminator: "")
                return
            }
            guard !report.rows.isEmpty else {
                print("no unpaid invoices")
                return
            }
            print(
                TextTable.render(
                    header: ["PEER", "CURRENT", "30", "60", "90+", "TOTAL"],
                    rows: report.rows.map { [$0.peer, $0.current.description, $0.days30.description, $0.days60.description, $0.days90.description, $0.total.description] }
                )
            )
        }
    }

    static func escaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? text
    }
}
