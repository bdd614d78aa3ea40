/// How the requester pays.
public struct BillingInfo: Hashable, Sendable {
    /// Payment method (IFLAVoucher, CreditCard, ...).
    public var paymentMethod: PaymentMethod?
    /// The most the requester will pay.
    public var maximumCosts: Costs?
    /// Billing arrangement (Account, Invoice, ...).
    public var billingMethod: BillingMethod?
    /// Name to bill.
    public var billingName: String?
    /// Billing address.
    public var address: Address?

    /// Creates billing details.
    public init(
        paymentMethod: PaymentMethod? = nil,
        maximumCosts: Costs? = nil,
        billingMethod: BillingMethod? = nil,
        billingName: String? = nil,
        address: Address? = nil
    ) {
        self.paymentMethod = paymentMethod
        self.maximumCosts = maximumCosts
        self.billingMethod = billingMethod
        self.billingName = billingName
        self.address = address
    }
}
