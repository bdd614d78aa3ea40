public import Foundation

/// The reads of the charges ledger and the invoices both ways, on a consistent snapshot.
public protocol MoneyStoreReader {
    func charge(id: Int64) throws -> ChargeRecord?
    /// A transaction's charge entries, oldest first.
    func charges(transactionID: Int64) throws -> [ChargeRecord]
    /// Every charge entry on one side, for one peer or all, oldest first.
    func charges(side: ChargeRecord.Side, peerName: String?) throws -> [ChargeRecord]
    /// The charges of a peer that are on an invoice that is not voided, with that invoice's number.
    func invoicedCharges(peerName: String) throws -> [Int64: String]
    func invoice(id: Int64) throws -> InvoiceRecord?
    func invoice(number: String) throws -> InvoiceRecord?
    /// Issued invoices and credit notes, for one peer or all, oldest first.
    func invoices(peerName: String?) throws -> [InvoiceRecord]
    func invoiceLines(invoiceID: Int64) throws -> [InvoiceLineRecord]
    func payments(invoiceID: Int64) throws -> [PaymentRecord]
    /// The payments of one peer's invoices, or of everyone's when `nil`, oldest first.
    func payments(peerName: String?) throws -> [PaymentRecord]
    func receivedInvoice(id: Int64) throws -> ReceivedInvoiceRecord?
    func receivedInvoice(peerName: String, number: String) throws -> ReceivedInvoiceRecord?
    /// Lenders' invoices in these states, oldest first.
    func receivedInvoices(states: Set<ReceivedInvoiceRecord.State>) throws -> [ReceivedInvoiceRecord]
    func receivedInvoiceLines(invoiceID: Int64) throws -> [ReceivedInvoiceLineRecord]
    /// Lines of lenders' invoices matched to one of our transactions.
    func receivedInvoiceLines(transactionID: Int64) throws -> [ReceivedInvoiceLineRecord]
    /// The money billed and paid both ways, dated in `[start, end)`, oldest first: invoices and credit notes
    /// we issued (not voided) and the payments received for them; lenders' invoices we recorded and the ones
    /// we approved for payment.
    func moneyActivity(from start: Date, before end: Date) throws -> [MoneyActivityRecord]
}

/// The writes of the charges ledger and the invoices, inside the caller's database transaction. Invoice
/// numbers are allocated here, so two invoices issued at once never share or skip a number.
public protocol MoneyStoreWriter: MoneyStoreReader {
    /// Appends a charge entry and returns it with its id.
    func insert(_ charge: ChargeRecord) throws -> ChargeRecord
    /// The next number in a year's invoice sequence (1 for the first), read in the writing transaction.
    func nextInvoiceSequence(year: Int) throws -> Int
    /// Stores an issued invoice with its lines.
    func insert(_ invoice: InvoiceRecord, lines: [InvoiceLineRecord]) throws -> InvoiceRecord
    /// Marks an invoice void (the only change an issued invoice ever sees).
    func void(invoiceID: Int64, at: Date, reason: String) throws
    func insert(_ payment: PaymentRecord) throws -> PaymentRecord
    /// Stores a lender's invoice with its lines.
    func insert(_ invoice: ReceivedInvoiceRecord, lines: [ReceivedInvoiceLineRecord]) throws -> ReceivedInvoiceRecord
    /// Saves a lender's invoice's state, approval and export time.
    func update(_ invoice: ReceivedInvoiceRecord) throws
    /// Sets a holding's circulation status (an item billed as lost is `lost`).
    func setHoldingStatus(id: Int64, _ status: HoldingRecord.Status) throws
}
