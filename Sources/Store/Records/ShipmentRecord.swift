public import Foundation

/// One loan we shipped (``TransactionStore/shipments(shippedFrom:before:)``): a line of a packing list.
public struct ShipmentRecord: Hashable, Sendable {
    /// Our transaction.
    public var transactionID: Int64
    /// The borrowing peer.
    public var peerName: String
    /// The borrower's agency.
    public var requestingAgencyID: String
    /// The borrower's request id.
    public var requestID: String
    /// Our id for the loan.
    public var ourRequestID: String?
    public var title: String?
    /// When it is due back.
    public var dueDate: Date?
    /// When it was shipped.
    public var shippedAt: Date

    /// Creates a record.
    public init(
        transactionID: Int64,
        peerName: String,
        requestingAgencyID: String,
        requestID: String,
        ourRequestID: String?,
        title: String?,
        dueDate: Date?,
        shippedAt: Date
    ) {
        self.transactionID = transactionID
        self.peerName = peerName
        self.requestingAgencyID = requestingAgencyID
        self.requestID = requestID
        self.ourRequestID = ourRequestID
        self.title = title
        self.dueDate = dueDate
        self.shippedAt = shippedAt
    }
}
