/// Writing a `requestingAgencyMessage` and the three confirmations.
extension MessageWriter {
    mutating func requestingAgencyMessage(_ message: RequestingAgencyMessage) throws(ISO18626EncodingError) {
        try checkEdition(of: message.action, path: "requestingAgencyMessage/action")
        writer.open("requestingAgencyMessage")
        try header(message.header, of: .requestingAgencyMessage)
        code("action", message.action)
        text("note", message.note)
        writer.close("requestingAgencyMessage")
    }

    mutating func requestConfirmation(_ confirmation: RequestConfirmation) throws(ISO18626EncodingError) {
        writer.open("requestConfirmation")
        confirmationHeader(confirmation.confirmationHeader)
        errorData(confirmation.errorData)
        writer.close("requestConfirmation")
    }

    mutating func supplyingAgencyMessageConfirmation(
        _ confirmation: SupplyingAgencyMessageConfirmation
    ) throws(ISO18626EncodingError) {
        writer.open("supplyingAgencyMessageConfirmation")
        confirmationHeader(confirmation.confirmationHeader)
        code("reasonForMessage", confirmation.reasonForMessage)
        errorData(confirmation.errorData)
        writer.close("supplyingAgencyMessageConfirmation")
    }

    mutating func requestingAgencyMessageConfirmation(
        _ confirmation: RequestingAgencyMessageConfirmation
    ) throws(ISO18626EncodingError) {
        if let action = confirmation.action {
            try checkEdition(of: action, path: "requestingAgencyMessageConfirmation/action")
        }
        writer.open("requestingAgencyMessageConfirmation")
        confirmationHeader(confirmation.confirmationHeader)
        code("action", confirmation.action)
        errorData(confirmation.errorData)
        writer.close("requestingAgencyMessageConfirmation")
    }

    private func checkEdition(of action: Action, path: String) throws(ISO18626EncodingError) {
        if !is2021, action.isOnlyIn2021 {
            throw ISO18626EncodingError(.notInEdition, "\(path): \(action) exists only in edition 2021")
        }
    }
}
