public import Foundation

/// The status of a request at the supplier.
public struct StatusInfo: Hashable, Sendable {
    /// The status. Real peers leave it empty on notifications and refused cancels, so it may be absent
    /// on input; illgate never emits a message without one.
    public var status: Status?
    /// When the supplier expects to deliver.
    public var expectedDeliveryDate: Date?
    /// When a loan is due back.
    public var dueDate: Date?
    /// When the status last changed.
    public var lastChange: Date

    /// Creates status information.
    public init(status: Status?, expectedDeliveryDate: Date? = nil, dueDate: Date? = nil, lastChange: Date) {
        self.status = status
        self.expectedDeliveryDate = expectedDeliveryDate
        self.dueDate = dueDate
        self.lastChange = lastChange
    }
}
