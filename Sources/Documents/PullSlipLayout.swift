public import Foundation
public import Gateway
public import Printing

/// A branch's pull slips on A4 or Letter, one page per pull: the call number large (what the shelver looks
/// for), the shelf location, the title, the borrowing library, the deadline at the ILL desk, and the
/// borrower's request id as a Code 128 barcode the desk scans when the copy arrives. The slip travels
/// with the copy.
public enum PullSlipLayout {
    /// Renders the slips, one page each.
    /// - Parameter calendar: the library's calendar; the deadline is printed as its day and time there.
    /// - Throws: ``PDFError`` when there is no slip or the document cannot be drawn (a request id that is
    ///   not printable ASCII).
    public static func render(_ slips: [PullSlip], pageSize: PageSize = .a4, calendar: Calendar) throws(PDFError) -> [UInt8] {
        guard let first = slips.first else {
            throw PDFError(.layout, "no open pull: no pull slip to print")
        }
        let document = try PDFDocument(title: "Pull slips \(first.branchCode)")
        let format = DayFormat(calendar: calendar)
        for slip in slips {
            let symbol = try Code128Symbol(slip.requestID)
            let flow = PageFlow(document: document, pageSize: pageSize)
            flow.paragraph("Pull slip", style: .title)
            flow.paragraph("Branch \(slip.branchCode): \(slip.branchName)", style: .heading)
            flow.rule()
            flow.paragraph("Call number", style: .small)
            flow.paragraph(slip.callNumber ?? "(none recorded)", style: TextStyle(.bold, size: 20))
            flow.paragraph("Shelf location", style: .small)
            flow.paragraph(slip.shelfLocation ?? "(none recorded)", style: .strong)
            flow.paragraph("Title", style: .small)
            flow.paragraph(slip.title, style: .body)
            flow.rule()
            flow.paragraph("For \(slip.borrowingLibrary)", style: .body)
            flow.paragraph("Request \(slip.requestID)", style: .body)
            if let deadline = slip.deadline {
                flow.paragraph("Bring to the ILL desk by \(format.withTime(deadline))", style: .strong)
            }
            flow.advance(8)
            flow.ensureSpace(66)
            flow.page.drawBarcode(symbol, x: flow.left, y: flow.cursor, width: min(flow.contentWidth, 260), height: 48)
            flow.advance(52)
            flow.paragraph(slip.requestID, style: TextStyle(.monospace, size: 10))
        }
        return try document.render()
    }
}
