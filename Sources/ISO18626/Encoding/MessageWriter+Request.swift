/// Writing a `request`.
extension MessageWriter {
    mutating func request(_ request: Request) throws(ISO18626EncodingError) {
        writer.open("request")
        try header(request.header, of: .request)
        bibliographicInfo(request.bibliographicInfo)
        publicationInfo(request.publicationInfo)
        if let service = request.serviceInfo {
            serviceInfo(service)
        } else if is2021 {
            throw ISO18626EncodingError(.missingValue, "request/serviceInfo: required in edition 2021")
        }
        for supplier in request.supplierInfo { try supplierInfo(supplier) }
        for delivery in request.requestedDeliveryInfo { try requestedDeliveryInfo(delivery) }
        if let agency = request.requestingAgencyInfo {
            writer.open("requestingAgencyInfo")
            text("name", agency.name)
            text("contactName", agency.contactName)
            for address in agency.address { self.address(address) }
            writer.close("requestingAgencyInfo")
        }
        if let patron = request.patronInfo {
            writer.open("patronInfo")
            text("patronId", patron.patronID)
            text("surname", patron.surname)
            text("givenName", patron.givenName)
            code("patronType", patron.patronType)
            yesNo("sendToPatron", patron.sendToPatron)
            for address in patron.address { self.address(address) }
            writer.close("patronInfo")
        }
        if let billing = request.billingInfo {
            writer.open("billingInfo")
            code("paymentMethod", billing.paymentMethod)
            costs("maximumCosts", billing.maximumCosts)
            code("billingMethod", billing.billingMethod)
            text("billingName", billing.billingName)
            address(billing.address)
            writer.close("billingInfo")
        }
        writer.close("request")
    }

    private mutating func bibliographicInfo(_ info: BibliographicInfo) {
        writer.open("bibliographicInfo")
        text("supplierUniqueRecordId", info.supplierUniqueRecordID)
        text("title", info.title)
        text("author", info.author)
        if is2021 { text("authorId", info.authorID) }
        text("subtitle", info.subtitle)
        text("seriesTitle", info.seriesTitle)
        text("edition", info.edition)
        text("titleOfComponent", info.titleOfComponent)
        text("authorOfComponent", info.authorOfComponent)
        if is2021 {
            for volume in info.volume { text("volume", volume) }
        } else if !info.volume.isEmpty {
            text("volume", info.volume.joined(separator: "; "))
        }
        text("issue", info.issue)
        text("pagesRequested", info.pagesRequested)
        text("estimatedNoPages", info.estimatedNoPages)
        for item in info.bibliographicItemID {
            writer.open("bibliographicItemId")
            if is2021 {
                code("bibliographicItemIdentifierCode", item.code)
                text("bibliographicItemIdentifier", item.identifier)
            } else {
                text("bibliographicItemIdentifier", item.identifier)
                code("bibliographicItemIdentifierCode", item.code)
            }
            writer.close("bibliographicItemId")
        }
        text("sponsor", info.sponsor)
        text("informationSource", info.informationSource)
        for record in info.bibliographicRecordID { bibliographicRecordID(record) }
        writer.close("bibliographicInfo")
    }

    private mutating func bibliographicRecordID(_ record: BibliographicRecordID) {
        writer.open("bibliographicRecordId")
        code("bibliographicRecordIdentifierCode", record.code)
        text("bibliographicRecordIdentifier", record.identifier)
        writer.close("bibliographicRecordId")
    }

    private mutating func publicationInfo(_ info: PublicationInfo?) {
        guard let info else { return }
        writer.open("publicationInfo")
        text("publisher", info.publisher)
        if is2021 { text("publisherId", info.publisherID) }
        code("publicationType", info.publicationType)
        text("publicationDate", info.publicationDate)
        text("placeOfPublication", info.placeOfPublication)
        writer.close("publicationInfo")
    }

    private mutating func serviceInfo(_ info: ServiceInfo) {
        writer.open("serviceInfo")
        code("requestType", info.requestType)
        for subType in is2021 ? info.requestSubType : Array(info.requestSubType.prefix(3)) {
            code("requestSubType", subType)
        }
        text("requestingAgencyPreviousRequestId", info.requestingAgencyPreviousRequestID)
        code("serviceType", info.serviceType)
        code("serviceLevel", info.serviceLevel)
        if is2021 { code("itemFormat", info.itemFormat) } else { code("preferredFormat", info.itemFormat) }
        date("needBeforeDate", info.needBeforeDate)
        code("copyrightCompliance", info.copyrightCompliance)
        yesNo("anyEdition", info.anyEdition)
        if is2021 {
            code("preferredEdition", info.preferredEdition)
            codes("loanCondition", info.loanCondition)
        }
        date("startDate", info.startDate)
        date("endDate", info.endDate)
        text("note", info.note)
        writer.close("serviceInfo")
    }

    private mutating func supplierInfo(_ info: SupplierInfo) throws(ISO18626EncodingError) {
        writer.open("supplierInfo")
        try integer("sortOrder", info.sortOrder, path: "request/supplierInfo/sortOrder")
        agencyID("supplierCode", info.supplierCode)
        text("supplierDescription", info.supplierDescription)
        if let record = info.bibliographicRecordID { bibliographicRecordID(record) }
        text("callNumber", info.callNumber)
        text("summaryHoldings", info.summaryHoldings)
        text("availabilityNote", info.availabilityNote)
        writer.close("supplierInfo")
    }

    private mutating func requestedDeliveryInfo(_ info: RequestedDeliveryInfo) throws(ISO18626EncodingError) {
        writer.open("requestedDeliveryInfo")
        try integer("sortOrder", info.sortOrder, path: "request/requestedDeliveryInfo/sortOrder")
        address(info.address)
        if is2021 {
            code("deliveryMethod", info.deliveryMethod)
            code("courierName", info.courierName)
        }
        writer.close("requestedDeliveryInfo")
    }
}
