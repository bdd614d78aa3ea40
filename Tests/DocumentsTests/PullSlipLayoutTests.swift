import Foundation
import Gateway
import Documents
import Printing
import PrintingTestSupport
import Testing

/// A branch's pull slips as a shelver sees them: one page per pull, the fields where the fixture has them,
/// and each barcode scanning as the borrower's request id.
@Suite("Pull slips", .enabled(if: PDFInspector.toolsAvailable || PDFInspector.missingToolsMustFail))
struct PullSlipLayoutTests {
    static let slips = [
        PullSlip(
            transactionID: 12,
            branchCode: "LAW",
            branchName: "Law Library",
            title: "Moby-Dick; or, The Whale",
            callNumber: "PS2384 .M6 c.2",
            shelfLocation: "Reading room, level 2",
            requestID: "BORR-4HX8TQ",
            borrowingLibrary: "borrower (ISIL:US-BORR)",
            deadline: Date(timeIntervalSince1970: 1_924_959_600)  // 2030-12-31T15:00:00Z, 09:00 in Chicago
        ),
        PullSlip(
            transactionID: 13,
            branchCode: "LAW",
            branchName: "Law Library",
            title: "Omoo",
            callNumber: nil,
            shelfLocation: nil,
            requestID: "SEC-77",
            borrowingLibrary: "second (ISIL:DK-SECOND)",
            deadline: nil
        ),
    ]

    @Test func eachPullHasAPageWithItsFieldsAndABarcodeOfItsRequestID() async throws {
        let inspector = try PDFInspector(try PullSlipLayout.render(Self.slips, pageSize: .letter, calendar: BookBandLayoutTests.calendar), name: "pull")
        #expect(try await inspector.pageCount() == 2)
        #expect(try await inspector.renderPages(dpi: 50).count == 2)
        let text = try await inspector.layoutText()
        let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: true)
        #expect(pages.count == 2)
        for field in ["Law Library", "PS2384 .M6 c.2", "Reading room, level 2", "Moby-Dick", "borrower (ISIL:US-BORR)", "2030-12-31 09:00", "BORR-4HX8TQ"] {
            #expect(pages.first?.contains(field) == true, "\(field) is printed")
        }
        #expect(pages.last?.contains("(none recorded)") == true && pages.last?.contains("Bring to the ILL desk") == false)
        #expect(text == (try LendingLabelLayoutTests.fixture("pull-slips.txt", text)))
        #expect(try await inspector.decodedBarcodes() == ["BORR-4HX8TQ", "SEC-77"])
    }

    @Test func noPullIsAnErrorNotAnEmptyDocument() {
        #expect(throws: PDFError.self) { _ = try PullSlipLayout.render([], calendar: BookBandLayoutTests.calendar) }
    }
}
