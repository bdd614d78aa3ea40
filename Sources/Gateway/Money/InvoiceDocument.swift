public import Foundation
public import ISO18626
public import Store

/// An issued invoice (or credit note) with everything printed on it: who from, who to, the lines, the
/// totals, payments and credits so far, and what is still owed. The CSV and the PDF are renderings of it.
public struct InvoiceDocument: Hashable, Sendable {
    /// Who issues it (`[billing]`).
    public var issuer: BillingConfiguration
    public var invoice: InvoiceRecord
    public var lines: [InvoiceLineRecord]
    public var payments: [PaymentRecord]
    /// Credit notes against it.
    public var credits: [InvoiceRecord]
    /// The invoice a credit note credits (its number).
    public var creditsNumber: String?
    /// What is still owed: the total less payments and credits (zero once voided).
    public var balance: Money

    /// Whether it was voided.
    public var isVoid: Bool { invoice.voidedAt != nil }

    /// The lines as CSV, one row per line, with the invoice's number, dates and totals on each row.
    public func csv(timeZone: TimeZone) -> String {
        let day = DayFormat(timeZone: timeZone)
        return CSVText.render(
            header: [
                "invoice", "kind", "issued", "due", "peer", "line", "request_id", "item_id", "title", "due_date", "lost_date", "description",
                "amount", "currency", "invoice_total", "balance",
            ],
            rows: lines.map { line in
                [
                    invoice.number, invoice.kind.rawValue, day(invoice.issuedAt), day(invoice.dueAt), invoice.peerName, String(line.lineNumber),
                    line.requestID, line.itemID ?? "", line.title ?? "", line.dueDate.map(day.callAsFunction) ?? "",
                    line.lostDate.map(day.callAsFunction) ?? "", line.description, line.amount.formattedAmount, line.amount.currency.value,
                    invoice.total.formattedAmount, balance.formattedAmount,
                ]
            }
        )
    }
}
