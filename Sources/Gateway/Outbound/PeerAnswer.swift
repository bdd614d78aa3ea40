public import ISO18626

/// What a peer's answer to one of our messages means: the one place a peer's confirmation is decoded.
///
/// Any confirmation type is accepted (peers have been known to answer with the wrong one); its
/// `messageStatus` decides.
public enum PeerAnswer: Hashable, Sendable {
    /// A confirmation with `messageStatus` OK: the peer has the message.
    case confirmed
    /// A confirmation with `messageStatus` ERROR: the peer refused the message, for these reasons.
    case refused([ErrorData])
    /// Not an ISO 18626 confirmation (an HTML error page, an empty body, another message type).
    case notISO18626(String)

    /// Reads a peer's answer.
    /// - Parameter bytes: the answer as received.
    public init(_ bytes: [UInt8]) {
        let decoded: DecodedMessage
        do {
            decoded = try ISO18626Decoder().decode(bytes)
        } catch {
            self = .notISO18626(error.description)
            return
        }
        guard let header = decoded.message.confirmationHeader else {
            self = .notISO18626("a \(decoded.message.kind) is not a confirmation")
            return
        }
        guard header.messageStatus != .ok else {
            self = .confirmed
            return
        }
        switch decoded.message {
        case .requestConfirmation(let confirmation): self = .refused(confirmation.errorData)
        case .supplyingAgencyMessageConfirmation(let confirmation): self = .refused(confirmation.errorData)
        case .requestingAgencyMessageConfirmation(let confirmation): self = .refused(confirmation.errorData)
        default: self = .refused([])
        }
    }

    /// Whether the answer is a confirmation, OK or ERROR.
    public var isConfirmation: Bool {
        if case .notISO18626 = self { false } else { true }
    }
}
