public import ISO18626

/// One line of a lender's invoice, with the borrowing transaction it matched and why it is flagged.
public struct ReceivedInvoiceLineRecord: Hashable, Sendable {
    public var id: Int64
    public var invoiceID: Int64
    public var lineNumber: Int
    /// Our request id, as the lender printed it.
    public var requestID: String
    /// The borrowing transaction it matched, if any.
    public var transactionID: Int64?
    public var description: String
    public var amount: Money
    /// Why the line needs review; empty when it is clean.
    public var flags: [String]

    public init(
        id: Int64 = 0,
        invoiceID: Int64 = 0,
        lineNumber: Int,
        requestID: String,
        transactionID: Int64?,
        description: String,
        amount: Money,
        flags: [String]
    ) {
        self.id = id
        self.invoiceID = invoiceID
        self.lineNumber = lineNumber
        self.requestID = requestID
        self.transactionID = transactionID
        self.description = description
        self.amount = amount
        self.flags = flags
    }
}
