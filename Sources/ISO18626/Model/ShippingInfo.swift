/// How a physical item travels: courier, tracking and insurance (2021).
public struct ShippingInfo: Hashable, Sendable {
    /// The courier.
    public var courierName: CourierName?
    /// The courier's tracking ids.
    public var trackingID: [String]
    /// Whether the shipment is insured.
    public var insurance: Bool?
    /// Whether a third party insures it.
    public var insuranceThirdParty: Bool?
    /// The third party's name.
    public var thirdPartyName: String?
    /// What the insurance costs.
    public var insuranceCosts: [Costs]

    /// Creates shipping information.
    public init(
        courierName: CourierName? = nil,
        trackingID: [String] = [],
        insurance: Bool? = nil,
        insuranceThirdParty: Bool? = nil,
        thirdPartyName: String? = nil,
        insuranceCosts: [Costs] = []
    ) {
        self.courierName = courierName
        self.trackingID = trackingID
        self.insurance = insurance
        self.insuranceThirdParty = insuranceThirdParty
        self.thirdPartyName = thirdPartyName
        self.insuranceCosts = insuranceCosts
    }
}
