/// Reading a `requestingAgencyMessage` and the three confirmations.
extension DecodingContext {
    func requestingAgencyMessage(_ element: XMLElement) throws(DecodingFailure) -> RequestingAgencyMessage {
        let path = "requestingAgencyMessage"
        var children = children(of: element, path: path)
        let header = try header(try required("header", in: &children), path: path + "/header")
        let message = RequestingAgencyMessage(
            header: header,
            action: try requiredClosed("action", in: &children, errorType: .unsupportedActionType),
            note: string("note", in: &children)
        )
        try finish(children)
        return message
    }

    func requestConfirmation(_ element: XMLElement) throws(DecodingFailure) -> RequestConfirmation {
        let path = "requestConfirmation"
        var children = children(of: element, path: path)
        var ignoredAction: Action?
        let header = try confirmationHeader(
            try required("confirmationHeader", in: &children),
            path: path + "/confirmationHeader",
            strayAction: &ignoredAction
        )
        let confirmation = RequestConfirmation(confirmationHeader: header, errorData: try errorData(in: &children))
        try finish(children)
        return confirmation
    }

    func supplyingAgencyMessageConfirmation(_ element: XMLElement) throws(DecodingFailure) -> SupplyingAgencyMessageConfirmation {
        let path = "supplyingAgencyMessageConfirmation"
        var children = children(of: element, path: path)
        var ignoredAction: Action?
        let header = try confirmationHeader(
            try required("confirmationHeader", in: &children),
            path: path + "/confirmationHeader",
            strayAction: &ignoredAction
        )
        let confirmation = SupplyingAgencyMessageConfirmation(
            confirmationHeader: header,
            reasonForMessage: try closed(
                "reasonForMessage",
                in: &children,
                errorType: .unsupportedReasonForMessageType
            ),
            errorData: try errorData(in: &children)
        )
        try finish(children)
        return confirmation
    }

    func requestingAgencyMessageConfirmation(_ element: XMLElement) throws(DecodingFailure) -> RequestingAgencyMessageConfirmation {
        let path = "requestingAgencyMessageConfirmation"
        var children = children(of: element, path: path)
        var strayAction: Action?
        let header = try confirmationHeader(
            try required("confirmationHeader", in: &children),
            path: path + "/confirmationHeader",
            strayAction: &strayAction
        )
        let action: Action? = try closed("action", in: &children, errorType: .unsupportedActionType)
        let confirmation = RequestingAgencyMessageConfirmation(
            confirmationHeader: header,
            action: action ?? strayAction,
            errorData: try errorData(in: &children)
        )
        try finish(children)
        return confirmation
    }
}
