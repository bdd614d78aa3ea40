public import Foundation

/// What a supplier could do instead, sent with status RetryPossible.
///
/// The 2021 edition has a `retryInfo` block; the 2017 edition carries only `offeredCosts`, `retryAfter` and
/// `retryBefore`, inside `messageInfo`. The encoder writes whichever the message's edition has.
public struct RetryInfo: Hashable, Sendable {
    /// Conditions the supplier would lend under (MustMeetLoanCondition).
    public var loanCondition: [LoanCondition]
    /// Editions the supplier could supply (ReqEditionNotPossible).
    public var edition: [String]
    /// Formats the supplier could supply (ReqFormatNotPossible).
    public var itemFormat: [ItemFormat]
    /// Volumes available (MultiVolAvail).
    public var volume: [String]
    /// The service the supplier could give (ReqServTypeNotPossible).
    public var serviceType: ServiceType?
    /// Service levels the supplier supports (ReqServLevelNotSupp).
    public var serviceLevel: [ServiceLevel]
    /// Delivery methods the supplier supports (ReqDelMethodNotSupp).
    public var deliveryMethod: [DeliveryMethod]
    /// Couriers the supplier uses (CourierNotSupp).
    public var courierName: [CourierName]
    /// What it would cost (CostExceedsMaxCost). The 2017 edition carries one amount.
    public var offeredCosts: [Costs]
    /// Payment methods the supplier accepts (ReqPayMethodNotSupported).
    public var paymentMethod: [PaymentMethod]
    /// Retry before this time.
    public var retryBefore: Date?
    /// Retry after this time.
    public var retryAfter: Date?

    /// Creates retry information.
    public init(
        loanCondition: [LoanCondition] = [],
        edition: [String] = [],
        itemFormat: [ItemFormat] = [],
        volume: [String] = [],
        serviceType: ServiceType? = nil,
        serviceLevel: [ServiceLevel] = [],
        deliveryMethod: [DeliveryMethod] = [],
        courierName: [CourierName] = [],
        offeredCosts: [Costs] = [],
        paymentMethod: [PaymentMethod] = [],
        retryBefore: Date? = nil,
        retryAfter: Date? = nil
    ) {
        self.loanCondition = loanCondition
        self.edition = edition
        self.itemFormat = itemFormat
        self.volume = volume
        self.serviceType = serviceType
        self.serviceLevel = serviceLevel
        self.deliveryMethod = deliveryMethod
        self.courierName = courierName
        self.offeredCosts = offeredCosts
        self.paymentMethod = paymentMethod
        self.retryBefore = retryBefore
        self.retryAfter = retryAfter
    }

    /// Whether nothing is filled in.
    public var isEmpty: Bool { self == RetryInfo() }
}
