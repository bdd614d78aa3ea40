import Foundation

/// Money is decided inside the writer: an invoice number is allocated, a balance read and a charge written
/// in the same transaction, so a decision that touches the charges ledger runs serially.
extension IntentRecorder {
    private func serial<Result>(_ operation: String) throws -> Result {
        throw SerialDecisionRequired(operation: operation)
    }

    func charge(id: Int64) throws -> ChargeRecord? { try serial("reading a charge") }
    func charges(transactionID: Int64) throws -> [ChargeRecord] { try serial("reading a transaction's charges") }
    func charges(side: ChargeRecord.Side, peerName: String?) throws -> [ChargeRecord] { try serial("reading charges") }
    func invoicedChargeIDs(peerName: String) throws -> Set<Int64> { try serial("reading invoiced charges") }
    func invoice(id: Int64) throws -> InvoiceRecord? { try serial("reading an invoice") }
    func invoice(number: String) throws -> InvoiceRecord? { try serial("reading an invoice") }
    func invoices(peerName: String?) throws -> [InvoiceRecord] { try serial("reading invoices") }
    func invoiceLines(invoiceID: Int64) throws -> [InvoiceLineRecord] { try serial("reading invoice lines") }
    func payments(invoiceID: Int64) throws -> [PaymentRecord] { try serial("reading payments") }
    func receivedInvoice(id: Int64) throws -> ReceivedInvoiceRecord? { try serial("reading a lender's invoice") }
    func receivedInvoice(peerName: String, number: String) throws -> ReceivedInvoiceRecord? { try serial("reading a lender's invoice") }
    func receivedInvoices(states: Set<ReceivedInvoiceRecord.State>) throws -> [ReceivedInvoiceRecord] { try serial("reading lenders' invoices") }
    func receivedInvoiceLines(invoiceID: Int64) throws -> [ReceivedInvoiceLineRecord] { try serial("reading a lender's invoice lines") }
    func receivedInvoiceLines(transactionID: Int64) throws -> [ReceivedInvoiceLineRecord] { try serial("reading a lender's invoice lines") }
    func insert(_ charge: ChargeRecord) throws -> ChargeRecord { try serial("a new charge") }
    func nextInvoiceSequence(year: Int) throws -> Int { try serial("an invoice number") }
    func insert(_ invoice: InvoiceRecord, lines: [InvoiceLineRecord]) throws -> InvoiceRecord { try serial("a new invoice") }
    func void(invoiceID: Int64, at: Date, reason: String) throws { try serial("voiding an invoice") as Void }
    func insert(_ payment: PaymentRecord) throws -> PaymentRecord { try serial("a payment") }
    func insert(_ invoice: ReceivedInvoiceRecord, lines: [ReceivedInvoiceLineRecord]) throws -> ReceivedInvoiceRecord {
        try serial("a lender's invoice")
    }
    func update(_ invoice: ReceivedInvoiceRecord) throws { try serial("a lender's invoice") as Void }
    func setHoldingStatus(id: Int64, _ status: HoldingRecord.Status) throws { try serial("a holding's status") as Void }
}
