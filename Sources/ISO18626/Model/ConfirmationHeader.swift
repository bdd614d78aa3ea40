public import Foundation

/// The header of the three confirmation messages: an echo of the confirmed message's ids plus the verdict.
public struct ConfirmationHeader: Hashable, Sendable {
    /// Echo of the confirmed message's supplying agency.
    public var supplyingAgencyID: AgencyID?
    /// Echo of the confirmed message's requesting agency.
    public var requestingAgencyID: AgencyID?
    /// When the confirmation was created.
    public var timestamp: Date
    /// Echo of the confirmed message's requesting agency request id.
    public var requestingAgencyRequestID: String?
    /// Echo of the multiple item request id (2017 edition only).
    public var multipleItemRequestID: String?
    /// The `timestamp` of the confirmed message's header.
    public var timestampReceived: Date
    /// Whether the confirmed message was understood (`OK`) or not (`ERROR`, with error data).
    public var messageStatus: MessageStatus

    /// Creates a confirmation header.
    public init(
        supplyingAgencyID: AgencyID? = nil,
        requestingAgencyID: AgencyID? = nil,
        timestamp: Date,
        requestingAgencyRequestID: String? = nil,
        multipleItemRequestID: String? = nil,
        timestampReceived: Date,
        messageStatus: MessageStatus
    ) {
        self.supplyingAgencyID = supplyingAgencyID
        self.requestingAgencyID = requestingAgencyID
        self.timestamp = timestamp
        self.requestingAgencyRequestID = requestingAgencyRequestID
        self.multipleItemRequestID = multipleItemRequestID
        self.timestampReceived = timestampReceived
        self.messageStatus = messageStatus
    }
}
