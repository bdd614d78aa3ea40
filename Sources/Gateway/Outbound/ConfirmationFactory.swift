import Foundation
import ISO18626

/// Builds the confirmation that answers an inbound message, echoing its header.
enum ConfirmationFactory {
    /// The confirmation for a message of `kind` with these ids.
    static func confirmation(
        answering kind: MessageKind,
        ids: MessageIDs,
        echo: Echo,
        errors: [ErrorData],
        now: Date
    ) -> ISO18626Message {
        let header = ConfirmationHeader(
            supplyingAgencyID: ids.supplyingAgencyID,
            requestingAgencyID: ids.requestingAgencyID,
            timestamp: now,
            requestingAgencyRequestID: ids.requestingAgencyRequestID,
            timestampReceived: ids.timestamp ?? now,
            messageStatus: errors.isEmpty ? .ok : .error
        )
        switch kind {
        case .supplyingAgencyMessage:
            return .supplyingAgencyMessageConfirmation(
                SupplyingAgencyMessageConfirmation(confirmationHeader: header, reasonForMessage: echo.reason, errorData: errors)
            )
        case .requestingAgencyMessage:
            return .requestingAgencyMessageConfirmation(
                RequestingAgencyMessageConfirmation(confirmationHeader: header, action: echo.action, errorData: errors)
            )
        case .request, .requestConfirmation, .supplyingAgencyMessageConfirmation, .requestingAgencyMessageConfirmation:
            return .requestConfirmation(RequestConfirmation(confirmationHeader: header, errorData: errors))
        }
    }

    /// What a confirmation echoes besides the header.
    struct Echo {
        var reason: ReasonForMessage?
        var action: Action?

        static let none = Echo()

        init(reason: ReasonForMessage? = nil, action: Action? = nil) {
            self.reason = reason
            self.action = action
        }

        init(_ message: ISO18626Message) {
            switch message {
            case .supplyingAgencyMessage(let sam): self.init(reason: sam.messageInfo.reasonForMessage)
            case .requestingAgencyMessage(let ram): self.init(action: ram.action)
            default: self.init()
            }
        }
    }
}

extension ISO18626Message {
    /// A one-word summary for logs and message lists: the action, the status and reason, or the type.
    var summary: String {
        switch self {
        case .request(let request): "request" + (request.serviceInfo?.requestType.map { ":\($0)" } ?? "")
        case .supplyingAgencyMessage(let message):
            "\(message.statusInfo.status?.rawValue ?? "-")/\(message.messageInfo.reasonForMessage)"
        case .requestingAgencyMessage(let message): message.action.rawValue
        case .requestConfirmation(let confirmation): confirmation.confirmationHeader.messageStatus.rawValue
        case .supplyingAgencyMessageConfirmation(let confirmation): confirmation.confirmationHeader.messageStatus.rawValue
        case .requestingAgencyMessageConfirmation(let confirmation): confirmation.confirmationHeader.messageStatus.rawValue
        }
    }
}
