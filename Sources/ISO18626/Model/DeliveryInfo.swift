public import Foundation

/// What the supplier sent, when and how.
public struct DeliveryInfo: Hashable, Sendable {
    /// When the item was sent.
    public var dateSent: Date
    /// Barcodes or RFID of the items sent. The 2017 edition has one element; several ids are then
    /// sent comma-separated in it, as CrossLink and ReShare do.
    public var itemID: [String]
    /// Where to fetch an electronic copy (2021).
    public var url: String?
    /// How it was sent (`sentVia` in 2017, `deliveryMethod` in 2021).
    public var deliveryMethod: DeliveryMethod?
    /// Where it was sent (2021).
    public var address: Address?
    /// Whether it went straight to the patron.
    public var sentToPatron: Bool?
    /// Conditions of use (the 2017 edition carries one).
    public var loanCondition: [LoanCondition]
    /// The format delivered (`deliveredFormat` in 2017, `itemFormat` in 2021).
    public var itemFormat: ItemFormat?
    /// The service actually given, for a CopyOrLoan request (2021).
    public var serviceType: ServiceType?
    /// What the delivery costs (the 2017 edition carries one amount).
    public var deliveryCosts: [Costs]
    /// How the costs are to be paid (2021).
    public var paymentMethod: PaymentMethod?

    /// Creates delivery information.
    public init(
        dateSent: Date,
        itemID: [String] = [],
        url: String? = nil,
        deliveryMethod: DeliveryMethod? = nil,
        address: Address? = nil,
        sentToPatron: Bool? = nil,
        loanCondition: [LoanCondition] = [],
        itemFormat: ItemFormat? = nil,
        serviceType: ServiceType? = nil,
        deliveryCosts: [Costs] = [],
        paymentMethod: PaymentMethod? = nil
    ) {
        self.dateSent = dateSent
        self.itemID = itemID
        self.url = url
        self.deliveryMethod = deliveryMethod
        self.address = address
        self.sentToPatron = sentToPatron
        self.loanCondition = loanCondition
        self.itemFormat = itemFormat
        self.serviceType = serviceType
        self.deliveryCosts = deliveryCosts
        self.paymentMethod = paymentMethod
    }
}
