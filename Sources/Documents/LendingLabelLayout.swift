public import Foundation
public import Gateway
public import Printing

/// The lending label of a loan we ship, laid out on a 4 × 6 inch shipping label (``PageSize/shippingLabel``):
/// the borrower's address block large, our return address small above it, and the borrower's request id
/// as a Code 128 barcode it scans when the parcel arrives.
public enum LendingLabelLayout {
    /// Renders the label.
    /// - Parameter calendar: the library's calendar; the due date is printed as its day there.
    /// - Throws: ``PDFError`` when the document cannot be drawn (a request id that is not printable ASCII).
    public static func render(_ label: LendingLabel, calendar: Calendar) throws(PDFError) -> [UInt8] {
        let symbol = try Code128Symbol(label.requestID)
        let document = try PDFDocument(title: "Lending label \(label.requestID)")
        let flow = PageFlow(document: document, pageSize: .shippingLabel, margins: PageMargins(all: 14))
        flow.paragraph("FROM", style: .small)
        for line in label.from { flow.paragraph(line, style: .small) }
        flow.rule(lineWidth: 1, spacing: 6)
        flow.paragraph("TO", style: .small)
        for (index, line) in label.to.enumerated() {
            flow.paragraph(line, style: TextStyle(index == 0 ? .bold : .regular, size: 14))
        }
        flow.rule(lineWidth: 1, spacing: 6)
        flow.paragraph("INTERLIBRARY LOAN", style: .heading)
        flow.paragraph(label.title, style: .body)
        if let due = label.dueDate { flow.paragraph("Due back \(DayFormat(calendar: calendar)(due))", style: .strong) }
        if let ours = label.ourRequestID { flow.paragraph("Our reference \(ours)", style: .small) }
        flow.advance(8)
        flow.ensureSpace(66)
        flow.page.drawBarcode(symbol, x: flow.left, y: flow.cursor, width: flow.contentWidth, height: 48)
        flow.advance(52)
        flow.paragraph(label.requestID, style: TextStyle(.monospace, size: 10), alignment: .center)
        return try document.render()
    }
}
