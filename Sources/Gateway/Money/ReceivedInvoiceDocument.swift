public import Store

/// A lender's invoice as recorded, with its matched and flagged lines.
public struct ReceivedInvoiceDocument: Hashable, Sendable {
    public var invoice: ReceivedInvoiceRecord
    public var lines: [ReceivedInvoiceLineRecord]
}
