public import ISO18626

/// What the gateway answers to one inbound message, with what a transport needs to log it.
public struct InboundReply: Sendable {
    /// The answer's body.
    public enum Body: Sendable, Equatable {
        /// An ISO 18626 confirmation (OK or ERROR): HTTP 200.
        case confirmation([UInt8])
        /// The input is not recognisably an ISO 18626 message, so no confirmation can answer it: HTTP 400
        /// with this plain explanation.
        case notISO18626(String)
        /// The message could not be stored (the database failed): HTTP 503, the peer should retry.
        case unavailable(String)
    }

    /// The answer.
    public var body: Body
    /// The message type, when recognised.
    public var kind: MessageKind?
    /// The confirmation's verdict.
    public var messageStatus: MessageStatus?
    /// The errors reported to the peer.
    public var errors: [ErrorData]
    /// The header ids of the message.
    public var ids: MessageIDs
    /// The transaction the message was applied to.
    public var transactionID: Int64?
    /// The peer the message came from, when identified.
    public var peerName: String?
    /// The action, status and reason, or `request`: for the log line.
    public var summary: String
    /// Whether this was a retransmission answered from the stored confirmation.
    public var isRetransmission: Bool
    /// Set when the message was refused for authentication reasons: a security event to log (never sent
    /// to the peer, whose error value stays vague).
    public var securityEvent: String?
    /// The policy decision this message led to (a new request or a renewal), for its own log line.
    public var decision: DecisionSummary?
    /// Why the message could not be stored, for the administrator's log (never sent to the peer).
    public var storageFailure: String?
    /// The error value (or plain explanation) as the log may carry it: the element and the problem, without
    /// any value that came from a patron element (the peer's confirmation keeps it).
    public var logErrorValue: String?

    /// Creates a reply.
    public init(
        body: Body,
        kind: MessageKind? = nil,
        messageStatus: MessageStatus? = nil,
        errors: [ErrorData] = [],
        ids: MessageIDs = MessageIDs(),
        transactionID: Int64? = nil,
        peerName: String? = nil,
        summary: String = "",
        isRetransmission: Bool = false,
        securityEvent: String? = nil,
        decision: DecisionSummary? = nil,
        storageFailure: String? = nil
    ) {
        self.body = body
        self.kind = kind
        self.messageStatus = messageStatus
        self.errors = errors
        self.ids = ids
        self.transactionID = transactionID
        self.peerName = peerName
        self.summary = summary
        self.isRetransmission = isRetransmission
        self.securityEvent = securityEvent
        self.decision = decision
        self.storageFailure = storageFailure
    }

    /// Sets ``logErrorValue`` from the error value, redacting the patron values of `message` (the bytes
    /// received) and any value quoted for a patron element or in a parse error.
    mutating func redactLogErrorValue(message: [UInt8]) {
        let text: String?
        switch body {
        case .confirmation: text = errors.first?.errorValue
        case .notISO18626(let explanation), .unavailable(let explanation): text = explanation
        }
        guard let text else { return }
        let patronValues = PatronDataRedaction.patronValues(inMessage: String(decoding: message, as: UTF8.self))
        logErrorValue = PatronDataRedaction.errorText(text, patronValues: patronValues)
    }

    /// The confirmation bytes, if the answer is a confirmation.
    public var confirmation: [UInt8]? {
        if case .confirmation(let bytes) = body { return bytes }
        return nil
    }
}
