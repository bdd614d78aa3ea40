/// A message from the supplier about a request: its answer, a status change, a renewal or cancel answer, a note.
public struct SupplyingAgencyMessage: Hashable, Sendable {
    /// Who is writing to whom, and the transaction ids.
    public var header: Header
    /// Why the message is sent.
    public var messageInfo: MessageInfo
    /// The request's status at the supplier.
    public var statusInfo: StatusInfo
    /// What the supplier could offer instead, with status RetryPossible.
    public var retryInfo: RetryInfo?
    /// What was sent, when and how.
    public var deliveryInfo: DeliveryInfo?
    /// Courier and insurance details of the shipment (2021).
    public var shippingInfo: ShippingInfo?
    /// Where the item is to be returned to.
    public var returnInfo: ReturnInfo?

    /// Creates a supplying agency message.
    public init(
        header: Header,
        messageInfo: MessageInfo,
        statusInfo: StatusInfo,
        retryInfo: RetryInfo? = nil,
        deliveryInfo: DeliveryInfo? = nil,
        shippingInfo: ShippingInfo? = nil,
        returnInfo: ReturnInfo? = nil
    ) {
        self.header = header
        self.messageInfo = messageInfo
        self.statusInfo = statusInfo
        self.retryInfo = retryInfo
        self.deliveryInfo = deliveryInfo
        self.shippingInfo = shippingInfo
        self.returnInfo = returnInfo
    }
}
