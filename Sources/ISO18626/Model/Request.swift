/// A request for an item or a copy, sent by the requesting library to a supplier.
public struct Request: Hashable, Sendable {
    /// Who is asking whom, and the transaction ids.
    public var header: Header
    /// What is wanted.
    public var bibliographicInfo: BibliographicInfo
    /// Publication details of what is wanted.
    public var publicationInfo: PublicationInfo?
    /// Which service is wanted and how (mandatory in the 2021 schema, optional in 2017).
    public var serviceInfo: ServiceInfo?
    /// Suggested suppliers, for brokers.
    public var supplierInfo: [SupplierInfo]
    /// Where to deliver, in order of preference.
    public var requestedDeliveryInfo: [RequestedDeliveryInfo]
    /// The requesting library's name and addresses.
    public var requestingAgencyInfo: RequestingAgencyInfo?
    /// The patron the request is for: personal data, never to be logged.
    public var patronInfo: PatronInfo?
    /// How the requester pays, and the most it will pay.
    public var billingInfo: BillingInfo?

    /// Creates a request.
    public init(
        header: Header,
        bibliographicInfo: BibliographicInfo,
        publicationInfo: PublicationInfo? = nil,
        serviceInfo: ServiceInfo? = nil,
        supplierInfo: [SupplierInfo] = [],
        requestedDeliveryInfo: [RequestedDeliveryInfo] = [],
        requestingAgencyInfo: RequestingAgencyInfo? = nil,
        patronInfo: PatronInfo? = nil,
        billingInfo: BillingInfo? = nil
    ) {
        self.header = header
        self.bibliographicInfo = bibliographicInfo
        self.publicationInfo = publicationInfo
        self.serviceInfo = serviceInfo
        self.supplierInfo = supplierInfo
        self.requestedDeliveryInfo = requestedDeliveryInfo
        self.requestingAgencyInfo = requestingAgencyInfo
        self.patronInfo = patronInfo
        self.billingInfo = billingInfo
    }
}
