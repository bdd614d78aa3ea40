public import Foundation
public import ISO18626

/// Which way a message travelled.
public enum MessageDirection: String, Hashable, Sendable, CaseIterable {
    /// From a peer to us.
    case inbound
    /// From us to a peer.
    case outbound
}

/// One ISO 18626 message, kept verbatim with its confirmation.
public struct MessageRecord: Hashable, Sendable {
    /// The store's id (0 until inserted).
    public var id: Int64
    /// The transaction it belongs to (`nil` for a message refused before one was found).
    public var transactionID: Int64?
    /// Which way it travelled.
    public var direction: MessageDirection
    /// Its type, when it could be recognised.
    public var kind: MessageKind?
    /// The peer it came from or goes to.
    public var peerName: String?
    /// Identifies the message for retransmission detection (inbound only).
    public var deduplicationKey: String?
    /// A one-word summary: the action, the status and reason, or `request`.
    public var summary: String
    /// The header timestamp.
    public var headerTimestamp: Date?
    /// When we received or created it.
    public var recordedAt: Date
    /// The XML exactly as received or sent.
    public var body: String
    /// The confirmation: the one we returned (inbound), or the peer's (outbound, once delivered).
    public var confirmation: String?
    /// The confirmation's verdict.
    public var confirmationStatus: MessageStatus?
    /// The error type of an ERROR confirmation.
    public var errorType: String?
    /// The error value of an ERROR confirmation.
    public var errorValue: String?

    /// Creates a record.
    public init(
        id: Int64 = 0,
        transactionID: Int64?,
        direction: MessageDirection,
        kind: MessageKind?,
        peerName: String?,
        deduplicationKey: String? = nil,
        summary: String,
        headerTimestamp: Date?,
        recordedAt: Date,
        body: String,
        confirmation: String? = nil,
        confirmationStatus: MessageStatus? = nil,
        errorType: String? = nil,
        errorValue: String? = nil
    ) {
        self.id = id
        self.transactionID = transactionID
        self.direction = direction
        self.kind = kind
        self.peerName = peerName
        self.deduplicationKey = deduplicationKey
        self.summary = summary
        self.headerTimestamp = headerTimestamp
        self.recordedAt = recordedAt
        self.body = body
        self.confirmation = confirmation
        self.confirmationStatus = confirmationStatus
        self.errorType = errorType
        self.errorValue = errorValue
    }
}
