import Foundation
import Gateway
import Documents
import Printing
import PrintingTestSupport
import Testing

/// The lending label and the packing lists as a reader sees them.
@Suite("Lending labels and packing lists", .enabled(if: PDFInspector.toolsAvailable || PDFInspector.missingToolsMustFail))
struct LendingLabelLayoutTests {
    static let label = LendingLabel(
        transactionID: 7,
        requestID: "BORR-4HX8TQ",
        ourRequestID: "LEND-9ZP2",
        title: "Typee: A Peep at Polynesian Life",
        dueDate: Date(timeIntervalSince1970: 1_924_991_999),
        to: ["Borrowing University Library", "Interlibrary Loan, Room 12", "500 College Avenue", "10027 New York NY", "US"],
        from: ["Lending Library", "1 Library Way", "1000 Copenhagen", "DK"]
    )

    static let lists = [
        PackingList(
            day: "2026-12-07",
            library: "borrower (ISIL:US-BORR)",
            from: ["Lending Library", "1 Library Way"],
            lines: [
                PackingList.Line(requestID: "BORR-1", ourRequestID: "LEND-1", title: "Typee", dueDate: Date(timeIntervalSince1970: 1_924_991_999)),
                PackingList.Line(requestID: "BORR-2", ourRequestID: "LEND-2", title: "Omoo", dueDate: nil),
            ]
        ),
        PackingList(
            day: "2026-12-07",
            library: "second (ISIL:DK-SECOND)",
            from: ["Lending Library", "1 Library Way"],
            lines: [PackingList.Line(requestID: "SEC-77", ourRequestID: nil, title: "Mardi", dueDate: nil)]
        ),
    ]

    static func fixture(_ name: String, _ text: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        if ProcessInfo.processInfo.environment["ILLGATE_WRITE_FIXTURES"] == "1" {
            try Data(text.utf8).write(to: url)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func theLabelIsAddressedToTheBorrowerAndScansAsItsRequestID() async throws {
        let inspector = try PDFInspector(try LendingLabelLayout.render(Self.label, calendar: BookBandLayoutTests.calendar), name: "label")
        #expect(try await inspector.pageCount() == 1)
        #expect(try await inspector.renderPages(dpi: 50).count == 1)
        let text = try await inspector.layoutText()
        for field in ["Borrowing University Library", "500 College Avenue", "1000 Copenhagen", "2030-12-31", "LEND-9ZP2", "BORR-4HX8TQ"] {
            #expect(text.contains(field), "\(field) is printed")
        }
        #expect(text == (try Self.fixture("lending-label.txt", text)))
        #expect(try await inspector.decodedBarcodes() == ["BORR-4HX8TQ"])
    }

    @Test func eachLibrarysPackingListStartsOnItsOwnPageWithItsCount() async throws {
        let inspector = try PDFInspector(try PackingListLayout.render(Self.lists, calendar: BookBandLayoutTests.calendar), name: "packing")
        #expect(try await inspector.pageCount() == 2)
        #expect(try await inspector.renderPages(dpi: 50).count == 2)
        let text = try await inspector.layoutText()
        let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: true)
        #expect(pages.count == 2)
        #expect(pages.first?.contains("borrower (ISIL:US-BORR)") == true && pages.first?.contains("2 items") == true)
        #expect(pages.last?.contains("second (ISIL:DK-SECOND)") == true && pages.last?.contains("1 item") == true)
        #expect(text == (try Self.fixture("packing-list.txt", text)))
    }

    @Test func nothingShippedIsAnErrorNotAnEmptyDocument() {
        #expect(throws: PDFError.self) { _ = try PackingListLayout.render([], calendar: BookBandLayoutTests.calendar) }
    }
}
