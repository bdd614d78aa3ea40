import Foundation

/// Money is decided inside the writer: an invoice number is allocated, a balance read and a charge written
/// in the same transaction, so a decision that touches the charges ledger runs serially.
extension IntentRecorder {
    private func serial<Result>() throws -> Result {
        throw SerialDecisionRequired(.moneyLedger)
    }

    func charge(id: Int64) throws -> ChargeRecord? { try serial() }
    func charges(transactionID: Int64) throws -> [ChargeRecord] { try serial() }
    func charges(side: ChargeRecord.Side, peerName: String?) throws -> [ChargeRecord] { try serial() }
    func invoicedCharges(peerName: String) throws -> [Int64: String] { try serial() }
    func invoice(id: Int64) throws -> InvoiceRecord? { try serial() }
    func invoice(number: String) throws -> InvoiceRecord? { try serial() }
    func invoices(peerName: String?) throws -> [InvoiceRecord] { try serial() }
    func invoiceLines(invoiceID: Int64) throws -> [InvoiceLineRecord] { try serial() }
    func payments(invoiceID: Int64) throws -> [PaymentRecord] { try serial() }
    func payments(peerName: String?) throws -> [PaymentRecord] { try serial() }
    func receivedInvoice(id: Int64) throws -> ReceivedInvoiceRecord? { try serial() }
    func receivedInvoice(peerName: String, number: String) throws -> ReceivedInvoiceRecord? { try serial() }
    func receivedInvoices(states: Set<ReceivedInvoiceRecord.State>) throws -> [ReceivedInvoiceRecord] { try serial() }
    func receivedInvoiceLines(invoiceID: Int64) throws -> [ReceivedInvoiceLineRecord] { try serial() }
    func receivedInvoiceLines(transactionID: Int64) throws -> [ReceivedInvoiceLineRecord] { try serial() }
    func moneyActivity(from start: Date, before end: Date) throws -> [MoneyActivityRecord] { try serial() }
    func insert(_ charge: ChargeRecord) throws -> ChargeRecord { try serial() }
    func nextInvoiceSequence(year: Int) throws -> Int { try serial() }
    func insert(_ invoice: InvoiceRecord, lines: [InvoiceLineRecord]) throws -> InvoiceRecord { try serial() }
    func void(invoiceID: Int64, at: Date, reason: String) throws { try serial() as Void }
    func insert(_ payment: PaymentRecord) throws -> PaymentRecord { try serial() }
    func insert(_ invoice: ReceivedInvoiceRecord, lines: [ReceivedInvoiceLineRecord]) throws -> ReceivedInvoiceRecord {
        try serial()
    }
    func update(_ invoice: ReceivedInvoiceRecord) throws { try serial() as Void }
    func setHoldingStatus(id: Int64, _ status: HoldingRecord.Status) throws { try serial() as Void }
}
