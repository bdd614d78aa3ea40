public import Foundation

/// What service the requester wants, and on which terms.
public struct ServiceInfo: Hashable, Sendable {
    /// New, Retry (after RetryPossible) or Reminder. Absent means New.
    public var requestType: RequestType?
    /// Refinements such as PatronRequest or BookingRequest (at most three in the 2017 edition).
    public var requestSubType: [RequestSubType]
    /// With a Retry: the request id of the request being retried.
    public var requestingAgencyPreviousRequestID: String?
    /// Copy, Loan or either.
    public var serviceType: ServiceType
    /// How fast (Normal, Rush, ...).
    public var serviceLevel: ServiceLevel?
    /// Preferred format (`preferredFormat` in 2017, `itemFormat` in 2021).
    public var itemFormat: ItemFormat?
    /// The date after which the item is no use.
    public var needBeforeDate: Date?
    /// The copyright declaration for a copy (US-CCG, US-CCL, UK-FairDealing, ...).
    public var copyrightCompliance: CopyrightCompliance?
    /// Whether any edition will do (deprecated in 2021 in favour of ``preferredEdition``).
    public var anyEdition: Bool?
    /// Which edition is wanted (2021).
    public var preferredEdition: PreferredEdition?
    /// Loan conditions the requester accepts, typically in a Retry (2021).
    public var loanCondition: [LoanCondition]
    /// Start of the wanted period, for a BookingRequest.
    public var startDate: Date?
    /// End of the wanted period, for a BookingRequest.
    public var endDate: Date?
    /// Free text for the supplier's staff.
    public var note: String?

    /// Creates service details.
    public init(
        requestType: RequestType? = nil,
        requestSubType: [RequestSubType] = [],
        requestingAgencyPreviousRequestID: String? = nil,
        serviceType: ServiceType,
        serviceLevel: ServiceLevel? = nil,
        itemFormat: ItemFormat? = nil,
        needBeforeDate: Date? = nil,
        copyrightCompliance: CopyrightCompliance? = nil,
        anyEdition: Bool? = nil,
        preferredEdition: PreferredEdition? = nil,
        loanCondition: [LoanCondition] = [],
        startDate: Date? = nil,
        endDate: Date? = nil,
        note: String? = nil
    ) {
        self.requestType = requestType
        self.requestSubType = requestSubType
        self.requestingAgencyPreviousRequestID = requestingAgencyPreviousRequestID
        self.serviceType = serviceType
        self.serviceLevel = serviceLevel
        self.itemFormat = itemFormat
        self.needBeforeDate = needBeforeDate
        self.copyrightCompliance = copyrightCompliance
        self.anyEdition = anyEdition
        self.preferredEdition = preferredEdition
        self.loanCondition = loanCondition
        self.startDate = startDate
        self.endDate = endDate
        self.note = note
    }
}
