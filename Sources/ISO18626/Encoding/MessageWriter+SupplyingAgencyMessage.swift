/// Writing a `supplyingAgencyMessage`.
extension MessageWriter {
    mutating func supplyingAgencyMessage(_ message: SupplyingAgencyMessage) throws(ISO18626EncodingError) {
        let path = "supplyingAgencyMessage"
        guard let status = message.statusInfo.status else {
            throw ISO18626EncodingError(.missingValue, "\(path)/statusInfo/status: required; the message has no status")
        }
        if !is2021, status.isOnlyIn2021 {
            throw ISO18626EncodingError(.notInEdition, "\(path)/statusInfo/status: \(status) exists only in edition 2021")
        }
        writer.open("supplyingAgencyMessage")
        try header(message.header, of: .supplyingAgencyMessage)

        writer.open("messageInfo")
        code("reasonForMessage", message.messageInfo.reasonForMessage)
        yesNo("answerYesNo", message.messageInfo.answerYesNo)
        text("note", message.messageInfo.note)
        code("reasonUnfilled", message.messageInfo.reasonUnfilled)
        code("reasonRetry", message.messageInfo.reasonRetry)
        if !is2021, let retry = message.retryInfo {
            costs("offeredCosts", retry.offeredCosts.first)
            date("retryAfter", retry.retryAfter)
            date("retryBefore", retry.retryBefore)
        }
        writer.close("messageInfo")

        writer.open("statusInfo")
        code("status", status)
        date("expectedDeliveryDate", message.statusInfo.expectedDeliveryDate)
        date("dueDate", message.statusInfo.dueDate)
        date("lastChange", message.statusInfo.lastChange)
        writer.close("statusInfo")

        if is2021, let retry = message.retryInfo, !retry.isEmpty {
            retryInfo(retry)
        }
        if let delivery = message.deliveryInfo {
            deliveryInfo(delivery)
        }
        if is2021, let shipping = message.shippingInfo {
            writer.open("shippingInfo")
            code("courierName", shipping.courierName)
            for tracking in shipping.trackingID { text("trackingId", tracking) }
            yesNo("insurance", shipping.insurance)
            yesNo("insuranceThirdParty", shipping.insuranceThirdParty)
            text("thirdPartyName", shipping.thirdPartyName)
            for cost in shipping.insuranceCosts { costs("insuranceCosts", cost) }
            writer.close("shippingInfo")
        }
        if let returnInfo = message.returnInfo {
            writer.open("returnInfo")
            agencyID("returnAgencyId", returnInfo.returnAgencyID)
            text("name", returnInfo.name)
            physicalAddress(returnInfo.physicalAddress)
            writer.close("returnInfo")
        }
        writer.close("supplyingAgencyMessage")
    }

    private mutating func retryInfo(_ retry: RetryInfo) {
        writer.open("retryInfo")
        codes("loanCondition", retry.loanCondition)
        for edition in retry.edition { text("edition", edition) }
        codes("itemFormat", retry.itemFormat)
        for volume in retry.volume { text("volume", volume) }
        code("serviceType", retry.serviceType)
        codes("serviceLevel", retry.serviceLevel)
        codes("deliveryMethod", retry.deliveryMethod)
        codes("courierName", retry.courierName)
        for cost in retry.offeredCosts { costs("offeredCosts", cost) }
        codes("paymentMethod", retry.paymentMethod)
        date("retryBefore", retry.retryBefore)
        date("retryAfter", retry.retryAfter)
        writer.close("retryInfo")
    }

    private mutating func deliveryInfo(_ delivery: DeliveryInfo) {
        writer.open("deliveryInfo")
        date("dateSent", delivery.dateSent)
        if is2021 {
            for item in delivery.itemID { text("itemId", item) }
            text("URL", delivery.url)
            code("deliveryMethod", delivery.deliveryMethod)
            address(delivery.address)
        } else {
            text("itemId", delivery.itemID.isEmpty ? nil : delivery.itemID.joined(separator: ","))
            code("sentVia", delivery.deliveryMethod)
        }
        boolean("sentToPatron", delivery.sentToPatron)
        codes("loanCondition", single(delivery.loanCondition))
        if is2021 {
            code("itemFormat", delivery.itemFormat)
            code("serviceType", delivery.serviceType)
        } else {
            code("deliveredFormat", delivery.itemFormat)
        }
        for cost in single(delivery.deliveryCosts) { costs("deliveryCosts", cost) }
        if is2021 { code("paymentMethod", delivery.paymentMethod) }
        writer.close("deliveryInfo")
    }
}
