public import Foundation
public import ISO18626

/// A lending decision shaped for the wire: the status message's fields for the peer's edition.
/// `nil` from ``LendingDecision/reply(for:)`` means nothing is sent (review).
public struct SupplierReply: Hashable, Sendable {
    public var status: Status
    public var reasonUnfilled: ReasonUnfilled?
    public var reasonRetry: ReasonRetry?
    /// Offers: written as `retryInfo` for 2021 peers, as `messageInfo/offeredCosts|retryAfter|retryBefore` for 2017.
    public var retryInfo: RetryInfo?
    public var note: String?
    public var dueDate: Date?
    public var deliveryMethod: DeliveryMethod?

    public init(
        status: Status,
        reasonUnfilled: ReasonUnfilled? = nil,
        reasonRetry: ReasonRetry? = nil,
        retryInfo: RetryInfo? = nil,
        note: String? = nil,
        dueDate: Date? = nil,
        deliveryMethod: DeliveryMethod? = nil
    ) {
        self.status = status
        self.reasonUnfilled = reasonUnfilled
        self.reasonRetry = reasonRetry
        self.retryInfo = retryInfo
        self.note = note
        self.dueDate = dueDate
        self.deliveryMethod = deliveryMethod
    }
}
