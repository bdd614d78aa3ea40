public import ISO18626

/// What staff fill in to borrow an item (or get a copy) for a patron from a peer.
public struct BorrowingRequest: Sendable {
    /// The configured peer to ask.
    public var peerName: String
    /// Our id for the request; generated when `nil`.
    public var requestID: String?
    /// What is wanted.
    public var bibliographicInfo: BibliographicInfo
    /// Publication details.
    public var publicationInfo: PublicationInfo?
    /// The service and its terms.
    public var serviceInfo: ServiceInfo
    /// Where the item should go.
    public var requestedDeliveryInfo: [RequestedDeliveryInfo]
    /// Our patron: sent to the supplier only as far as the workflow needs (id and type).
    public var patronInfo: PatronInfo?
    /// How we pay, and the most we pay.
    public var billingInfo: BillingInfo?

    /// Creates a borrowing request.
    public init(
        peerName: String,
        requestID: String? = nil,
        bibliographicInfo: BibliographicInfo,
        publicationInfo: PublicationInfo? = nil,
        serviceInfo: ServiceInfo,
        requestedDeliveryInfo: [RequestedDeliveryInfo] = [],
        patronInfo: PatronInfo? = nil,
        billingInfo: BillingInfo? = nil
    ) {
        self.peerName = peerName
        self.requestID = requestID
        self.bibliographicInfo = bibliographicInfo
        self.publicationInfo = publicationInfo
        self.serviceInfo = serviceInfo
        self.requestedDeliveryInfo = requestedDeliveryInfo
        self.patronInfo = patronInfo
        self.billingInfo = billingInfo
    }
}
