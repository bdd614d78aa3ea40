import Foundation
import Gateway
import Documents
import Printing
import PrintingTestSupport
import Testing

/// The book band as a reader sees it: it renders, its text sits where the fixture says, and the barcode
/// scans as our request id.
@Suite("Book bands", .enabled(if: PDFInspector.toolsAvailable || PDFInspector.missingToolsMustFail))
struct BookBandLayoutTests {
    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/Chicago") ?? .current
        return calendar
    }

    static let band = BookBand(
        transactionID: 42,
        requestID: "BORR-7QK2M9",
        title: "Moby-Dick; or, The Whale: the Northwestern-Newberry edition of the writings of Herman Melville",
        author: "Melville, Herman",
        pickupBranch: Branch(code: "LAW", name: "Law Library", address: ["2 Court Street"]),
        patronReference: "P-1001",
        dueDate: Date(timeIntervalSince1970: 1_924_991_999),  // 2030-12-31T23:59:59Z
        lender: "lender (ISIL:DK-LEND)",
        returnTo: ["Lending Library ILL", "ISIL:DK-LEND", "1 Library Way", "1000 Copenhagen", "DK"]
    )

    @Test func theBandRendersWithItsFieldsWhereTheFixtureHasThem() async throws {
        let inspector = try PDFInspector(try BookBandLayout.render(Self.band, calendar: Self.calendar), name: "band")
        #expect(try await inspector.pageCount() == 1)
        #expect(try await inspector.renderPages(dpi: 50).count == 1)
        let text = try await inspector.layoutText()
        for field in ["Law Library", "P-1001", "2030-12-31", "Melville, Herman", "lender (ISIL:DK-LEND)", "1000 Copenhagen", "BORR-7QK2M9"] {
            #expect(text.contains(field), "\(field) is printed")
        }
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/book-band.txt")
        if ProcessInfo.processInfo.environment["ILLGATE_WRITE_FIXTURES"] == "1" {
            try Data(text.utf8).write(to: fixture)
        }
        #expect(text == (try String(contentsOf: fixture, encoding: .utf8)))
    }

    @Test func theBarcodeScansAsTheRequestID() async throws {
        let barcodes = try await PDFInspector(try BookBandLayout.render(Self.band, calendar: Self.calendar), name: "band-barcode").decodedBarcodes()
        #expect(barcodes == ["BORR-7QK2M9"])
    }

    @Test func aBandWithoutPickupBranchOrPatronGoesToTheDesk() async throws {
        var band = Self.band
        band.pickupBranch = nil
        band.patronReference = nil
        band.dueDate = nil
        let text = try await PDFInspector(try BookBandLayout.render(band, calendar: Self.calendar), name: "band-desk").layoutText()
        #expect(text.contains("ILL desk") && text.contains("see the ILL desk"))
        #expect(!text.contains("P-1001"))
    }

    @Test func aRequestIDThatCannotBeABarcodeIsAnError() {
        var band = Self.band
        band.requestID = "BORR-Ω"
        #expect(throws: PDFError.self) { _ = try BookBandLayout.render(band, calendar: Self.calendar) }
    }
}
