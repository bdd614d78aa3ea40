import Foundation
import PrintingTestSupport
import Testing

@testable import Printing

@Suite("PDF documents", .enabled(if: PDFInspector.toolsAvailable || PDFInspector.missingToolsMustFail))
struct PDFDocumentTests {
    /// A two-section document: an address block, a table long enough to need three pages, a total, a barcode.
    private func sampleDocument() throws -> [UInt8] {
        let document = try PDFDocument(title: "Sample statement")
        let flow = PageFlow(document: document, pageSize: .a4) { page, number, flow in
            page.drawText("Statement of account", x: flow.left, baseline: flow.margins.top + 14, style: .title)
            if number > 1 {
                page.drawText("Continued", x: flow.left, baseline: flow.margins.top + 14, style: .small, alignment: .right, width: flow.contentWidth)
            }
            return 28
        }
        flow.columns(
            [
                (["Lending Library", "1 Library Way", "Springfield"], .body),
                (["Statement 2026-0001", "Date 2026-12-07"], .strong),
            ],
            widths: [300]
        )
        flow.advance(12)
        let table = PDFTable(columns: [
            TableColumn("Request", width: .fixed(110)),
            TableColumn("Title", width: .flexible(1)),
            TableColumn("Amount", width: .fixed(70), alignment: .right),
        ])
        var rows = (1...120).map { index in
            TableRow(["ILL-\(1000 + index)", "A title long enough to wrap onto a second line of its cell, number \(index)", "12.50"])
        }
        rows.append(TableRow(["", "Total", "1500.00"], emphasised: true))
        try table.draw(rows, in: flow)
        flow.advance(12)
        flow.ensureSpace(60)
        let symbol = try Code128Symbol("ILL-1001")
        flow.page.drawBarcode(symbol, x: flow.left, y: flow.cursor, width: 1.2 * Double(symbol.modulesWithQuietZones), height: 40)
        flow.advance(48)
        flow.paragraph("Payment terms: 30 days. Café, Łódź.", style: .body)
        flow.numberPages()
        return try document.render()
    }

    @Test("A document renders, spans pages with the table heading repeated, and numbers its pages")
    func rendersAcrossPages() async throws {
        let inspector = try PDFInspector(try sampleDocument(), name: "statement")
        let pages = try await inspector.pageCount()
        #expect(pages >= 3)
        #expect(try await inspector.renderPages(dpi: 50).count == pages)
        let text = try await inspector.layoutText()
        let pageTexts = text.split(separator: "\u{0C}", omittingEmptySubsequences: true)
        #expect(pageTexts.count == pages)
        for (index, pageText) in pageTexts.enumerated() {
            #expect(pageText.contains("Request"), "page \(index + 1) repeats the table heading")
            #expect(pageText.contains("Page \(index + 1) of \(pages)"))
        }
        for index in [1, 60, 120] {
            #expect(text.contains("ILL-\(1000 + index)"))
        }
        #expect(text.contains("1500.00"))
        #expect(text.contains("Café, Lódz."))
    }

    @Test("Rows keep their cells together: each request id sits on the line of its first title line and amount")
    func rowsStayTogether() async throws {
        let text = try await PDFInspector(try sampleDocument(), name: "rows").layoutText()
        let lines = text.split(separator: "\n")
        for index in [1, 77, 120] {
            let line = lines.first { $0.contains("ILL-\(1000 + index) ") }
            #expect(line?.contains("12.50") == true, "row \(index): \(String(describing: line))")
        }
    }

    @Test("The text layout matches the fixture")
    func layoutMatchesFixture() async throws {
        let document = try PDFDocument(title: "Fixture")
        let flow = PageFlow(document: document, pageSize: .letter)
        flow.paragraph("Interlibrary loan", style: .title)
        flow.columns([(["From: Lender", "To: Borrower"], .body), (["No. 7", "Due 2027-01-04"], .body)], widths: [250])
        flow.rule()
        try PDFTable(columns: [TableColumn("Item"), TableColumn("Amount", width: .fixed(80), alignment: .right)])
            .draw([TableRow(["Replacement cost", "85.00"]), TableRow(["Processing fee", "15.00"]), TableRow(["Total", "100.00"], emphasised: true)], in: flow)
        let text = try await PDFInspector(try document.render(), name: "fixture").layoutText()
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/layout.txt")
        if ProcessInfo.processInfo.environment["ILLGATE_WRITE_FIXTURES"] == "1" {
            try Data(text.utf8).write(to: fixture)
        }
        let expected = try String(contentsOf: fixture, encoding: .utf8)
        #expect(text == expected)
    }

    @Test("A printed barcode decodes to its text")
    func barcodeDecodes() async throws {
        let barcodes = try await PDFInspector(try sampleDocument(), name: "barcode").decodedBarcodes()
        #expect(barcodes == ["ILL-1001"])
    }

    @Test("Columns wider than the page and rows of the wrong length are layout errors")
    func layoutErrors() throws {
        let document = try PDFDocument(title: "Bad")
        let flow = PageFlow(document: document, pageSize: .shippingLabel)
        let wide = PDFTable(columns: [TableColumn("A", width: .fixed(400))])
        #expect(throws: PDFError.self) { try wide.draw([TableRow(["x"])], in: flow) }
        let narrow = PDFTable(columns: [TableColumn("A"), TableColumn("B")])
        #expect(throws: PDFError.self) { try narrow.draw([TableRow(["only one"])], in: flow) }
    }
}
