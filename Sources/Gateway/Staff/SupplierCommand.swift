public import Foundation
public import ISO18626
public import Transactions

/// A lending decision by our staff (or, later, our policy), with what the message to the borrower needs.
public struct SupplierCommand: Sendable {
    /// What to do.
    public var event: SupplierEvent
    /// A note for the borrower's staff.
    public var note: String?
    /// Why we cannot supply (with ``SupplierEvent/unfilled``).
    public var reasonUnfilled: ReasonUnfilled?
    /// Why we could supply on other terms (with ``SupplierEvent/retryPossible``).
    public var reasonRetry: ReasonRetry?
    /// The other terms we offer (with ``SupplierEvent/retryPossible``).
    public var retryInfo: RetryInfo?
    /// The due date (required to ship a loan or grant a renewal).
    public var dueDate: Date?
    /// When we expect to deliver (with ExpectToSupply or WillSupply).
    public var expectedDeliveryDate: Date?
    /// Barcodes of what we ship.
    public var itemIDs: [String]
    /// How we send it.
    public var deliveryMethod: DeliveryMethod?
    /// Where the copy can be fetched.
    public var url: String?
    /// The format sent.
    public var itemFormat: ItemFormat?

    /// Creates a command.
    public init(
        _ event: SupplierEvent,
        note: String? = nil,
        reasonUnfilled: ReasonUnfilled? = nil,
        reasonRetry: ReasonRetry? = nil,
        retryInfo: RetryInfo? = nil,
        dueDate: Date? = nil,
        expectedDeliveryDate: Date? = nil,
        itemIDs: [String] = [],
        deliveryMethod: DeliveryMethod? = nil,
        url: String? = nil,
        itemFormat: ItemFormat? = nil
    ) {
        self.event = event
        self.note = note
        self.reasonUnfilled = reasonUnfilled
        self.reasonRetry = reasonRetry
        self.retryInfo = retryInfo
        self.dueDate = dueDate
        self.expectedDeliveryDate = expectedDeliveryDate
        self.itemIDs = itemIDs
        self.deliveryMethod = deliveryMethod
        self.url = url
        self.itemFormat = itemFormat
    }

    /// What is missing for this command, or `nil` when it is complete.
    var missingDetail: String? {
        switch event {
        case .ship where dueDate == nil: "a loan needs a due date"
        case .grantRenewal where dueDate == nil: "a renewal needs the new due date"
        case .unfilled where reasonUnfilled == nil: "say why the request cannot be filled (reasonUnfilled)"
        case .retryPossible where reasonRetry == nil: "say what would make supply possible (reasonRetry)"
        default: nil
        }
    }
}
