public import Foundation
public import Gateway
import ISO18626
public import Printing
import Store

/// Lays an ``InvoiceDocument`` out as a printable PDF a business office accepts: who from (name, address,
/// tax id) and to, the number and dates, one row per line (request id, item id, title, due and lost dates,
/// description, amount), the total, payments and credits, what is still owed, and the payment terms.
public struct InvoiceLayout: Sendable {
    /// The page size (A4 by default; Letter for North America).
    public var pageSize: PageSize
    /// Dates print in this zone.
    public var timeZone: TimeZone

    /// Creates a layout.
    public init(pageSize: PageSize = .a4, timeZone: TimeZone) {
        self.pageSize = pageSize
        self.timeZone = timeZone
    }

    /// The PDF's bytes.
    public func render(_ document: InvoiceDocument) throws(PDFError) -> [UInt8] {
        let invoice = document.invoice
        let day = DayFormat(timeZone: timeZone)
        let issuer = document.issuer
        let heading = invoice.kind == .invoice ? "Invoice" : "Credit note"
        let pdf = try PDFDocument(title: "\(heading) \(invoice.number)")
        let flow = PageFlow(document: pdf, pageSize: pageSize) { page, number, flow in
            page.drawText("\(heading) \(invoice.number)", x: flow.left, baseline: flow.margins.top + 14, style: .title)
            if number > 1 {
                page.drawText("continued", x: flow.left, baseline: flow.margins.top + 14, style: .small, alignment: .right, width: flow.contentWidth)
            }
            return 30
        }
        var from = [issuer.name] + issuer.address
        if let taxID = issuer.taxID { from.append("Tax id \(taxID)") }
        var details = ["Number \(invoice.number)", "Date \(day(invoice.issuedAt))"]
        if invoice.kind == .invoice { details.append("Due \(day(invoice.dueAt))") }
        if let credited = document.creditsNumber { details.append("Credits invoice \(credited)") }
        flow.columns([(from, .body), (details, .strong)], widths: [flow.contentWidth * 0.6])
        flow.advance(10)
        flow.paragraph("Bill to: \(invoice.billTo)", style: .strong)
        if let voided = invoice.voidedAt {
            flow.paragraph("VOID since \(day(voided)): \(invoice.voidReason ?? "")", style: .heading)
        }
        flow.advance(8)
        let lines = PDFTable(
            columns: [
                TableColumn("Request", width: .fixed(92)),
                TableColumn("Item", width: .fixed(64)),
                TableColumn("Title", width: .flexible(1)),
                TableColumn("Due", width: .fixed(54)),
                TableColumn("Lost", width: .fixed(54)),
                TableColumn("Charge", width: .flexible(1)),
                TableColumn("Amount", width: .fixed(56), alignment: .right),
            ],
            headerStyle: TextStyle(.bold, size: 8),
            bodyStyle: TextStyle(.regular, size: 8)
        )
        let rows = document.lines.map { line -> TableRow in
            let due: String = line.dueDate.map { day($0) } ?? ""
            let lost: String = line.lostDate.map { day($0) } ?? ""
            return TableRow([line.requestID, line.itemID ?? "", line.title ?? "", due, lost, line.description, line.amount.formattedAmount])
        }
        try lines.draw(rows, in: flow)
        flow.advance(8)
        let currency = invoice.total.currency.value
        var summary = [TableRow(["Total", invoice.total.formattedAmount], emphasised: true)]
        for payment in document.payments {
            summary.append(TableRow(["Paid \(day(payment.receivedOn))" + (payment.reference.map { " (\($0))" } ?? ""), payment.amount.negated.formattedAmount]))
        }
        for credit in document.credits {
            summary.append(TableRow(["Credit note \(credit.number)", credit.total.formattedAmount]))
        }
        if invoice.kind == .invoice {
            summary.append(TableRow(["Balance due", document.balance.formattedAmount], emphasised: true))
        }
        try PDFTable(columns: [TableColumn("Summary"), TableColumn(currency, width: .fixed(80), alignment: .right)]).draw(summary, in: flow)
        flow.advance(12)
        if invoice.kind == .invoice {
            flow.paragraph("Payment terms: \(issuer.paymentTermsDays) days. Please quote invoice \(invoice.number) with your payment.")
        }
        if let note = invoice.note { flow.paragraph(note) }
        flow.numberPages()
        return try pdf.render()
    }
}

extension Gateway {
    /// An invoice as a printable PDF, on `pageSize` (`a4`, `letter`), with dates in the library's time zone.
    public func invoicePDF(_ document: InvoiceDocument, pageSize: String) throws(StaffActionError) -> [UInt8] {
        guard let size = PageSize(named: pageSize) else {
            throw StaffActionError(.invalidInput, "page: '\(pageSize)' is not a page size; use one of \(PageSize.names.joined(separator: ", "))")
        }
        do {
            return try InvoiceLayout(pageSize: size, timeZone: libraryTimeZone).render(document)
        } catch {
            throw StaffActionError(.cannotPrint, "invoice \(document.invoice.number) could not be printed: \(error)")
        }
    }
}
