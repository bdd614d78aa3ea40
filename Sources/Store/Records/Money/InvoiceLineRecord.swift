public import Foundation
public import ISO18626

/// One line of an issued invoice: a charge, with what the business office needs to see beside it.
public struct InvoiceLineRecord: Hashable, Sendable {
    public var id: Int64
    public var invoiceID: Int64
    public var lineNumber: Int
    public var chargeID: Int64?
    public var transactionID: Int64?
    /// The borrower's request id.
    public var requestID: String
    /// Barcodes of the item shipped, if known.
    public var itemID: String?
    public var title: String?
    public var dueDate: Date?
    /// When the item was billed as lost.
    public var lostDate: Date?
    public var description: String
    public var amount: Money

    public init(
        id: Int64 = 0,
        invoiceID: Int64 = 0,
        lineNumber: Int,
        chargeID: Int64?,
        transactionID: Int64?,
        requestID: String,
        itemID: String? = nil,
        title: String? = nil,
        dueDate: Date? = nil,
        lostDate: Date? = nil,
        description: String,
        amount: Money
    ) {
        self.id = id
        self.invoiceID = invoiceID
        self.lineNumber = lineNumber
        self.chargeID = chargeID
        self.transactionID = transactionID
        self.requestID = requestID
        self.itemID = itemID
        self.title = title
        self.dueDate = dueDate
        self.lostDate = lostDate
        self.description = description
        self.amount = amount
    }
}
