/// Reading a `supplyingAgencyMessage`, in either edition's shape.
extension DecodingContext {
    func supplyingAgencyMessage(_ element: XMLElement) throws(DecodingFailure) -> SupplyingAgencyMessage {
        let path = "supplyingAgencyMessage"
        var children = children(of: element, path: path)
        let header = try header(try required("header", in: &children), path: path + "/header")

        let messageInfoElement = try required("messageInfo", in: &children)
        var messageChildren = self.children(of: messageInfoElement, path: path + "/messageInfo")
        let messageInfo = MessageInfo(
            reasonForMessage: try requiredClosed(
                "reasonForMessage",
                in: &messageChildren,
                errorType: .unsupportedReasonForMessageType
            ),
            answerYesNo: try bool("answerYesNo", in: &messageChildren),
            note: string("note", in: &messageChildren),
            reasonUnfilled: open("reasonUnfilled", in: &messageChildren),
            reasonRetry: open("reasonRetry", in: &messageChildren)
        )
        // The 2017 edition carries these three in messageInfo; the model keeps them in retryInfo.
        let legacyOfferedCosts = try costsList("offeredCosts", in: &messageChildren)
        let legacyRetryAfter = try date("retryAfter", in: &messageChildren)
        let legacyRetryBefore = try date("retryBefore", in: &messageChildren)
        try finish(messageChildren)

        let statusInfo: StatusInfo
        if let statusElement = one("statusInfo", in: &children) {
            statusInfo = try self.statusInfo(statusElement, path: path + "/statusInfo")
        } else {
            warn(path + "/statusInfo", "mandatory element is missing; the status is taken as unknown", at: element)
            statusInfo = StatusInfo(status: nil, lastChange: header.timestamp)
        }

        var retryInfo = try nonBlank("retryInfo", in: &children).map { element throws(DecodingFailure) in
            try self.retryInfo(element, path: path + "/retryInfo")
        }
        if !legacyOfferedCosts.isEmpty || legacyRetryAfter != nil || legacyRetryBefore != nil {
            var merged = retryInfo ?? RetryInfo()
            if merged.offeredCosts.isEmpty { merged.offeredCosts = legacyOfferedCosts }
            merged.retryAfter = merged.retryAfter ?? legacyRetryAfter
            merged.retryBefore = merged.retryBefore ?? legacyRetryBefore
            retryInfo = merged
        }

        let deliveryInfo = try nonBlank("deliveryInfo", in: &children).map { element throws(DecodingFailure) in
            try self.deliveryInfo(element, path: path + "/deliveryInfo")
        }
        let shippingInfo = try nonBlank("shippingInfo", in: &children).map { element throws(DecodingFailure) in
            try self.shippingInfo(element, path: path + "/shippingInfo")
        }
        let returnInfo = try nonBlank("returnInfo", in: &children).map { element throws(DecodingFailure) in
            try self.returnInfo(element, path: path + "/returnInfo")
        }
        try finish(children)
        return SupplyingAgencyMessage(
            header: header,
            messageInfo: messageInfo,
            statusInfo: statusInfo,
            retryInfo: retryInfo,
            deliveryInfo: deliveryInfo,
            shippingInfo: shippingInfo,
            returnInfo: returnInfo
        )
    }

    private func statusInfo(_ element: XMLElement, path: String) throws(DecodingFailure) -> StatusInfo {
        var children = children(of: element, path: path)
        let status: Status? = try closed("status", in: &children)
        if status == nil {
            warn(path + "/status", "empty; the status is taken as unknown", at: element)
        }
        let info = StatusInfo(
            status: status,
            expectedDeliveryDate: try date("expectedDeliveryDate", in: &children),
            dueDate: try date("dueDate", in: &children),
            lastChange: try dateOrMessageTime("lastChange", in: &children)
        )
        try finish(children)
        return info
    }

    private func retryInfo(_ element: XMLElement, path: String) throws(DecodingFailure) -> RetryInfo {
        var children = children(of: element, path: path)
        let info = RetryInfo(
            loanCondition: openList("loanCondition", in: &children),
            edition: strings("edition", in: &children),
            itemFormat: openList("itemFormat", in: &children),
            volume: strings("volume", in: &children),
            serviceType: try closed("serviceType", in: &children),
            serviceLevel: openList("serviceLevel", in: &children),
            deliveryMethod: openList("deliveryMethod", in: &children),
            courierName: openList("courierName", in: &children),
            offeredCosts: try costsList("offeredCosts", in: &children),
            paymentMethod: openList("paymentMethod", in: &children),
            retryBefore: try date("retryBefore", in: &children),
            retryAfter: try date("retryAfter", in: &children)
        )
        try finish(children)
        return info
    }

    private func deliveryInfo(_ element: XMLElement, path: String) throws(DecodingFailure) -> DeliveryInfo {
        var children = children(of: element, path: path)
        let method: DeliveryMethod? = open("deliveryMethod", in: &children) ?? open("sentVia", in: &children)
        let format: ItemFormat? = open("itemFormat", in: &children) ?? open("deliveredFormat", in: &children)
        let info = DeliveryInfo(
            dateSent: try dateOrMessageTime("dateSent", in: &children),
            itemID: strings("itemId", in: &children),
            url: string("URL", in: &children),
            deliveryMethod: method,
            address: try address("address", in: &children),
            sentToPatron: try bool("sentToPatron", in: &children),
            loanCondition: openList("loanCondition", in: &children),
            itemFormat: format,
            serviceType: try closed("serviceType", in: &children),
            deliveryCosts: try costsList("deliveryCosts", in: &children),
            paymentMethod: open("paymentMethod", in: &children)
        )
        try finish(children)
        return info
    }

    private func shippingInfo(_ element: XMLElement, path: String) throws(DecodingFailure) -> ShippingInfo {
        var children = children(of: element, path: path)
        let info = ShippingInfo(
            courierName: open("courierName", in: &children),
            trackingID: strings("trackingId", in: &children),
            insurance: try bool("insurance", in: &children),
            insuranceThirdParty: try bool("insuranceThirdParty", in: &children),
            thirdPartyName: string("thirdPartyName", in: &children),
            insuranceCosts: try costsList("insuranceCosts", in: &children)
        )
        try finish(children)
        return info
    }

    private func returnInfo(_ element: XMLElement, path: String) throws(DecodingFailure) -> ReturnInfo {
        var children = children(of: element, path: path)
        let info = ReturnInfo(
            returnAgencyID: try agencyID("returnAgencyId", in: &children),
            name: string("name", in: &children),
            physicalAddress: try nonBlank("physicalAddress", in: &children).map { element throws(DecodingFailure) in
                try physicalAddress(element, path: path + "/physicalAddress")
            }
        )
        try finish(children)
        return info
    }
}
