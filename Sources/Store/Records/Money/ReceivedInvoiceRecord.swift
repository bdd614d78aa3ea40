public import Foundation
public import ISO18626

/// A lender's invoice to us, as staff recorded it, matched to our borrowing transactions.
public struct ReceivedInvoiceRecord: Hashable, Sendable {
    /// Where it stands.
    public enum State: String, Hashable, Sendable, CaseIterable {
        /// At least one line is flagged: a person must review it before approving.
        case flagged
        /// Every line matched and checked: ready to approve.
        case clean
        /// Approved for payment.
        case approved
    }

    public var id: Int64
    public var peerName: String
    /// The lender's invoice number.
    public var number: String
    public var invoiceDate: Date
    public var total: Money
    public var state: State
    public var recordedAt: Date
    public var approvedBy: String?
    public var approvedAt: Date?
    /// When it was last exported for payment.
    public var exportedAt: Date?
    public var note: String?

    public init(
        id: Int64 = 0,
        peerName: String,
        number: String,
        invoiceDate: Date,
        total: Money,
        state: State,
        recordedAt: Date,
        approvedBy: String? = nil,
        approvedAt: Date? = nil,
        exportedAt: Date? = nil,
        note: String? = nil
    ) {
        self.id = id
        self.peerName = peerName
        self.number = number
        self.invoiceDate = invoiceDate
        self.total = total
        self.state = state
        self.recordedAt = recordedAt
        self.approvedBy = approvedBy
        self.approvedAt = approvedAt
        self.exportedAt = exportedAt
        self.note = note
    }
}
