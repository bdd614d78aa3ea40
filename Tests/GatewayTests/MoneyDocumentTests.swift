import Documents
import Foundation
import Gateway
import GRDB
import ISO18626
import Policy
import Printing
import PrintingTestSupport
import Store
import Testing
import Transactions

/// What money leaves the gateway as: the invoice PDF and CSV, and the stored rows (never floating point).
@Suite("Money documents") struct MoneyDocumentTests {
    static func billing() -> BillingConfiguration {
        var billing = BillingConfiguration()
        billing.name = "Royal Library ILL"
        billing.address = ["Soren Kierkegaards Plads 1", "1221 Copenhagen K"]
        billing.taxID = "DK12345678"
        billing.paymentTermsDays = 30
        billing.invoiceNumberFormat = "ILL-{year}-{seq:5}"
        return billing
    }

    /// A lost loan billed and invoiced, then paid in part.
    static func invoicedLoss() async throws -> (LibraryPair, InvoiceDocument) {
        let pair = try LibraryPair(lenderEdition: .v2021, borrowerEdition: .v2021, lenderPolicy: MoneyTests.lenderPolicy(), lenderBilling: billing())
        let holding = HoldingRecord(
            isbns: ["9780142437247"], title: "Moby-Dick", titleKey: TitleKey.make("Moby-Dick"), format: "Book", status: .available,
            replacementCost: Money(exactly: 45, MoneyTests.usd)
        )
        try await pair.lender.store.write { writer in try writer.replaceHoldings(with: [holding]) }
        let (borrowing, _) = try await MoneyTests.receivedLoan(pair, requestID: "BORR-K7Q2M9X4TZ")
        _ = try await pair.borrower.perform(RequesterCommand(.reportLost), onTransaction: borrowing.id)
        try await pair.deliverAll()
        let invoice = try await pair.lender.createInvoice(peerName: "borrower", note: "Thank you.")
        let paid = try await pair.lender.recordPayment(invoiceNumber: invoice.invoice.number, amount: "20.00", receivedOn: "2026-11-20", reference: "chq 7", staff: "bo")
        return (pair, paid)
    }

    @Test("The invoice PDF renders, holds every field, and lays out as the fixture", .enabled(if: PDFInspector.toolsAvailable || PDFInspector.missingToolsMustFail))
    func invoicePDF() async throws {
        let (_, document) = try await Self.invoicedLoss()
        let bytes = try InvoiceLayout(pageSize: .a4, timeZone: TimeZone(identifier: "UTC") ?? .current).render(document)
        let inspector = try PDFInspector(bytes, name: "invoice")
        #expect(try await inspector.renderPages(dpi: 50).count == 1)
        let text = try await inspector.layoutText()
        for field in [
            "Invoice ILL-2026-00001", "Royal Library ILL", "Soren Kierkegaards Plads 1", "Tax id DK12345678", "Bill to: borrower, ISIL:US-BORR",
            "BORR-K7Q2M9X4TZ", "39001000123", "Moby-Dick", "2026-12-16", "2026-11-18", "replacement", "processing fee", "45.00", "10.00", "55.00",
            "Paid 2026-11-20 (chq 7)", "Balance due", "-20.00", "35.00", "Payment terms: 30 days",
        ] {
            #expect(text.contains(field), "the PDF shows \(field)")
        }
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/invoice-layout.txt")
        if ProcessInfo.processInfo.environment["ILLGATE_WRITE_FIXTURES"] == "1" {
            try Data(text.utf8).write(to: fixture)
        }
        #expect(text == (try String(contentsOf: fixture, encoding: .utf8)))
    }

    @Test("The invoice CSV has one row per line with every field")
    func invoiceCSV() async throws {
        let (_, document) = try await Self.invoicedLoss()
        let rows = document.csv(timeZone: TimeZone(identifier: "UTC") ?? .current).split(separator: "\r\n").map(String.init)
        #expect(rows.count == 3)
        #expect(rows[0].hasPrefix("invoice,kind,issued,due,peer,line,request_id,item_id,title"))
        #expect(rows[1].contains("ILL-2026-00001,invoice,2026-11-18,2026-12-18,borrower,1,") && rows[1].contains(",39001000123,Moby-Dick,"))
        #expect(rows[1].hasSuffix(",45.00,USD,55.00,35.00"))
        #expect(rows[2].contains("processing fee") && rows[2].hasSuffix(",10.00,USD,55.00,35.00"))
    }

    @Test("No amount is stored as a floating-point number: every money column holds the exact decimal text")
    func noFloatingPointInTheStore() async throws {
        let (pair, _) = try await Self.invoicedLoss()
        // The borrower's side too: a charge stated by the lender and a recorded invoice.
        let borrowing = try #require(try await pair.borrower.store.transactions(matching: TransactionFilter(role: .requester)).first)
        _ = try await pair.borrower.recordReceivedInvoice(
            ReceivedInvoiceInput(peerName: "lender", number: "X-1", date: "2026-11-18", currency: "USD", lines: [.init(requestID: borrowing.requestingAgencyRequestID, description: "", amount: "55.00")])
        )
        let dateColumns: Set<String> = [
            "created_at", "issued_at", "due_at", "through", "voided_at", "due_date", "lost_date", "received_on", "recorded_at", "invoice_date",
            "approved_at", "exported_at", "acquired_on",
        ]
        var amountsSeen = 0
        for path in [pair.databasePaths.lender, pair.databasePaths.borrower] {
            let database = try DatabaseQueue(path: path)
            amountsSeen += try await database.read { db in
                var seen = 0
                for table in ["charge", "invoice", "invoice_line", "payment", "received_invoice", "received_invoice_line", "holding"] {
                    for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table)") {
                        for column in row.columnNames where !dateColumns.contains(column) {
                            let value = row[column] as DatabaseValue
                            if case .double = value.storage {
                                Issue.record("\(table).\(column) holds a floating-point number: \(value)")
                            }
                            if ["amount", "total", "replacement_cost"].contains(column), let text = String.fromDatabaseValue(value) {
                                #expect(DecimalFormat.parse(text) != nil, "\(table).\(column) = \(text)")
                                seen += 1
                            }
                        }
                    }
                }
                return seen
            }
        }
        #expect(amountsSeen >= 10)
    }
}
