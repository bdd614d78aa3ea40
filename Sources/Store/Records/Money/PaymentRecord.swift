public import Foundation
public import ISO18626

/// A payment received against an invoice we issued (part payments too).
public struct PaymentRecord: Hashable, Sendable {
    public var id: Int64
    public var invoiceID: Int64
    public var amount: Money
    public var receivedOn: Date
    /// The payer's reference (cheque number, transfer id).
    public var reference: String?
    public var recordedAt: Date
    public var recordedBy: String

    public init(id: Int64 = 0, invoiceID: Int64, amount: Money, receivedOn: Date, reference: String?, recordedAt: Date, recordedBy: String) {
        self.id = id
        self.invoiceID = invoiceID
        self.amount = amount
        self.receivedOn = receivedOn
        self.reference = reference
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
    }
}
