public import Foundation
public import Gateway
public import Printing

/// The book band of a borrowed item, laid out on a 3.5 × 11 inch strip (``PageSize/bookBand``): who
/// collects it where, when it is due, whose it is and where it goes back, and the request id as a
/// Code 128 barcode the desk scans at check-in.
public enum BookBandLayout {
    /// Renders the band.
    /// - Parameter calendar: the library's calendar; the due date is printed as its day there.
    /// - Throws: ``PDFError`` when the document cannot be drawn (a request id that is not printable ASCII).
    public static func render(_ band: BookBand, calendar: Calendar) throws(PDFError) -> [UInt8] {
        let symbol = try Code128Symbol(band.requestID)
        let document = try PDFDocument(title: "Book band \(band.requestID)")
        let flow = PageFlow(document: document, pageSize: .bookBand, margins: PageMargins(all: 18))
        flow.paragraph("INTERLIBRARY LOAN", style: .title, alignment: .center)
        flow.rule(lineWidth: 1.5, spacing: 6)

        section(flow, "Pick up at")
        if let branch = band.pickupBranch {
            flow.paragraph(branch.name, style: TextStyle(.bold, size: 18))
            flow.paragraph(branch.code, style: TextStyle(.monospace, size: 10))
        } else {
            flow.paragraph("ILL desk", style: TextStyle(.bold, size: 18))
        }
        section(flow, "Patron")
        flow.paragraph(band.patronReference ?? "-", style: TextStyle(.monospaceBold, size: 16))
        section(flow, "Due back")
        flow.paragraph(band.dueDate.map { DayFormat(calendar: calendar)($0) } ?? "see the ILL desk", style: TextStyle(.bold, size: 18))
        flow.rule(spacing: 8)

        flow.paragraph(band.title, style: .heading)
        if let author = band.author { flow.paragraph(author, style: .body) }
        section(flow, "Lent by")
        flow.paragraph(band.lender, style: .body)
        section(flow, "Return to")
        for line in band.returnTo { flow.paragraph(line, style: .body) }
        flow.rule(spacing: 8)

        flow.paragraph("Please leave this band in the book.", style: .small, alignment: .center)
        flow.advance(8)
        let width = flow.contentWidth
        flow.ensureSpace(70)
        flow.page.drawBarcode(symbol, x: flow.left, y: flow.cursor, width: width, height: 48)
        flow.advance(52)
        flow.paragraph(band.requestID, style: TextStyle(.monospace, size: 10), alignment: .center)
        return try document.render()
    }

    private static func section(_ flow: PageFlow, _ label: String) {
        flow.advance(6)
        flow.paragraph(label.uppercased(), style: .small)
    }
}
