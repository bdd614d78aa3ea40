public import Foundation

/// The header of a request, supplying agency message or requesting agency message.
///
/// One type serves both editions. The 2017 schema has one shared header; the 2021 schema has three
/// slightly different ones, and the encoder writes only the fields the message's edition allows there.
public struct Header: Hashable, Sendable {
    /// The lender. Mandatory except in a 2021 request of sub-type PatronRequest or TransferRequest.
    public var supplyingAgencyID: AgencyID?
    /// The borrower.
    public var requestingAgencyID: AgencyID
    /// The consortium the request is made within (2021 requests and requesting agency messages only).
    public var consortialID: AgencyID?
    /// Ties together the requests of a MultipleItemRequest. The 2017 schema requires the element, empty if unused.
    public var multipleItemRequestID: String?
    /// When the message was sent.
    public var timestamp: Date
    /// The requester's id for the transaction: the key both sides use.
    public var requestingAgencyRequestID: String
    /// The supplier's own id for the transaction, once it has one.
    public var supplyingAgencyRequestID: String?
    /// The requester's credentials at the supplier (requests and requesting agency messages).
    public var requestingAgencyAuthentication: RequestingAgencyAuthentication?

    /// Creates a header.
    public init(
        supplyingAgencyID: AgencyID?,
        requestingAgencyID: AgencyID,
        consortialID: AgencyID? = nil,
        multipleItemRequestID: String? = nil,
        timestamp: Date,
        requestingAgencyRequestID: String,
        supplyingAgencyRequestID: String? = nil,
        requestingAgencyAuthentication: RequestingAgencyAuthentication? = nil
    ) {
        self.supplyingAgencyID = supplyingAgencyID
        self.requestingAgencyID = requestingAgencyID
        self.consortialID = consortialID
        self.multipleItemRequestID = multipleItemRequestID
        self.timestamp = timestamp
        self.requestingAgencyRequestID = requestingAgencyRequestID
        self.supplyingAgencyRequestID = supplyingAgencyRequestID
        self.requestingAgencyAuthentication = requestingAgencyAuthentication
    }
}
