public import Foundation

/// One ISO 18626 message of any of the six types.
public enum ISO18626Message: Hashable, Sendable {
    /// A request for an item or copy.
    case request(Request)
    /// The confirmation of a request.
    case requestConfirmation(RequestConfirmation)
    /// A message from the supplier.
    case supplyingAgencyMessage(SupplyingAgencyMessage)
    /// The confirmation of a supplying agency message.
    case supplyingAgencyMessageConfirmation(SupplyingAgencyMessageConfirmation)
    /// A message from the requester.
    case requestingAgencyMessage(RequestingAgencyMessage)
    /// The confirmation of a requesting agency message.
    case requestingAgencyMessageConfirmation(RequestingAgencyMessageConfirmation)

    /// The message's type.
    public var kind: MessageKind {
        switch self {
        case .request: .request
        case .requestConfirmation: .requestConfirmation
        case .supplyingAgencyMessage: .supplyingAgencyMessage
        case .supplyingAgencyMessageConfirmation: .supplyingAgencyMessageConfirmation
        case .requestingAgencyMessage: .requestingAgencyMessage
        case .requestingAgencyMessageConfirmation: .requestingAgencyMessageConfirmation
        }
    }

    /// The header of a request, supplying or requesting agency message; `nil` for a confirmation.
    public var header: Header? {
        switch self {
        case .request(let message): message.header
        case .supplyingAgencyMessage(let message): message.header
        case .requestingAgencyMessage(let message): message.header
        case .requestConfirmation, .supplyingAgencyMessageConfirmation, .requestingAgencyMessageConfirmation: nil
        }
    }

    /// The confirmation header of a confirmation; `nil` for the other messages.
    public var confirmationHeader: ConfirmationHeader? {
        switch self {
        case .requestConfirmation(let message): message.confirmationHeader
        case .supplyingAgencyMessageConfirmation(let message): message.confirmationHeader
        case .requestingAgencyMessageConfirmation(let message): message.confirmationHeader
        case .request, .supplyingAgencyMessage, .requestingAgencyMessage: nil
        }
    }

    /// The ids that identify the transaction the message belongs to, as far as the message carries them.
    public var ids: MessageIDs {
        if let header {
            return MessageIDs(
                supplyingAgencyID: header.supplyingAgencyID,
                requestingAgencyID: header.requestingAgencyID,
                requestingAgencyRequestID: header.requestingAgencyRequestID,
                supplyingAgencyRequestID: header.supplyingAgencyRequestID,
                timestamp: header.timestamp
            )
        }
        let confirmation = confirmationHeader
        return MessageIDs(
            supplyingAgencyID: confirmation?.supplyingAgencyID,
            requestingAgencyID: confirmation?.requestingAgencyID,
            requestingAgencyRequestID: confirmation?.requestingAgencyRequestID,
            supplyingAgencyRequestID: nil,
            timestamp: confirmation?.timestamp
        )
    }
}

/// The identifying fields of a message's header, also what the decoder recovers from a message it rejects
/// so that the error confirmation can echo them.
public struct MessageIDs: Hashable, Sendable {
    /// The supplying agency.
    public var supplyingAgencyID: AgencyID?
    /// The requesting agency.
    public var requestingAgencyID: AgencyID?
    /// The requester's transaction id.
    public var requestingAgencyRequestID: String?
    /// The supplier's transaction id.
    public var supplyingAgencyRequestID: String?
    /// The header timestamp.
    public var timestamp: Date?

    /// Creates a set of ids.
    public init(
        supplyingAgencyID: AgencyID? = nil,
        requestingAgencyID: AgencyID? = nil,
        requestingAgencyRequestID: String? = nil,
        supplyingAgencyRequestID: String? = nil,
        timestamp: Date? = nil
    ) {
        self.supplyingAgencyID = supplyingAgencyID
        self.requestingAgencyID = requestingAgencyID
        self.requestingAgencyRequestID = requestingAgencyRequestID
        self.supplyingAgencyRequestID = supplyingAgencyRequestID
        self.timestamp = timestamp
    }
}
