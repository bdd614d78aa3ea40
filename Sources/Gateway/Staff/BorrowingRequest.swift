public import ISO18626
import Foundation

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
    /// Lenders to ask, in order, if the first (``peerName``) cannot supply (the rota, policy B08–B10).
    public var alternatePeers: [String]
    /// The patron type for the borrowing rules; `nil` takes `patronInfo/patronType` or the configured default.
    public var patronType: String?
    /// The branch where the patron collects the item (a code of `[library]`'s branches); `nil` for none.
    public var pickupLocation: String?

    /// Creates a borrowing request.
    public init(
        peerName: String,
        requestID: String? = nil,
        bibliographicInfo: BibliographicInfo,
        publicationInfo: PublicationInfo? = nil,
        serviceInfo: ServiceInfo,
        requestedDeliveryInfo: [RequestedDeliveryInfo] = [],
        patronInfo: PatronInfo? = nil,
        billingInfo: BillingInfo? = nil,
        alternatePeers: [String] = [],
        patronType: String? = nil,
        pickupLocation: String? = nil
    ) {
        self.peerName = peerName
        self.requestID = requestID
        self.bibliographicInfo = bibliographicInfo
        self.publicationInfo = publicationInfo
        self.serviceInfo = serviceInfo
        self.requestedDeliveryInfo = requestedDeliveryInfo
        self.patronInfo = patronInfo
        self.billingInfo = billingInfo
        self.alternatePeers = alternatePeers
        self.patronType = patronType
        self.pickupLocation = pickupLocation
    }
}

extension BorrowingRequest {
    /// The ISO 18626 request (addressed to nobody yet: the sender fills in the supplier).
    func message(from ours: AgencyID, requestID: String, now: Date) -> Request {
        Request(
            header: Header(
                supplyingAgencyID: nil,
                requestingAgencyID: ours,
                timestamp: now,
                requestingAgencyRequestID: requestID
            ),
            bibliographicInfo: bibliographicInfo,
            publicationInfo: publicationInfo,
            serviceInfo: serviceInfo,
            requestedDeliveryInfo: requestedDeliveryInfo,
            patronInfo: patronInfo,
            billingInfo: billingInfo
        )
    }
}
