/// One place the requester would like the item delivered to.
public struct RequestedDeliveryInfo: Hashable, Sendable {
    /// Preference order.
    public var sortOrder: Int?
    /// The address.
    public var address: Address?
    /// How to deliver there (2021).
    public var deliveryMethod: DeliveryMethod?
    /// Which courier (2021).
    public var courierName: CourierName?

    /// Creates a delivery preference.
    public init(
        sortOrder: Int? = nil,
        address: Address? = nil,
        deliveryMethod: DeliveryMethod? = nil,
        courierName: CourierName? = nil
    ) {
        self.sortOrder = sortOrder
        self.address = address
        self.deliveryMethod = deliveryMethod
        self.courierName = courierName
    }
}
