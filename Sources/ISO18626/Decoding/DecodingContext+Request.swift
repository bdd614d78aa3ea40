/// Reading a `request`.
extension DecodingContext {
    func request(_ element: XMLElement) throws(DecodingFailure) -> Request {
        let path = "request"
        var children = children(of: element, path: path)
        let header = try header(try required("header", in: &children), path: path + "/header")
        let bibliographic = try bibliographicInfo(try required("bibliographicInfo", in: &children), path: path + "/bibliographicInfo")
        let publication = try nonBlank("publicationInfo", in: &children).map { element throws(DecodingFailure) in
            try publicationInfo(element, path: path + "/publicationInfo")
        }
        let service = try nonBlank("serviceInfo", in: &children).map { element throws(DecodingFailure) in
            try serviceInfo(element, path: path + "/serviceInfo")
        }
        var suppliers: [SupplierInfo] = []
        for element in all("supplierInfo", in: &children) {
            suppliers.append(try supplierInfo(element, path: path + "/supplierInfo"))
        }
        var deliveries: [RequestedDeliveryInfo] = []
        for element in all("requestedDeliveryInfo", in: &children) {
            deliveries.append(try requestedDeliveryInfo(element, path: path + "/requestedDeliveryInfo"))
        }
        let agency = try nonBlank("requestingAgencyInfo", in: &children).map { element throws(DecodingFailure) in
            try requestingAgencyInfo(element, path: path + "/requestingAgencyInfo")
        }
        let patron = try nonBlank("patronInfo", in: &children).map { element throws(DecodingFailure) in
            try patronInfo(element, path: path + "/patronInfo")
        }
        let billing = try nonBlank("billingInfo", in: &children).map { element throws(DecodingFailure) in
            try billingInfo(element, path: path + "/billingInfo")
        }
        try finish(children)
        return Request(
            header: header,
            bibliographicInfo: bibliographic,
            publicationInfo: publication,
            serviceInfo: service,
            supplierInfo: suppliers,
            requestedDeliveryInfo: deliveries,
            requestingAgencyInfo: agency,
            patronInfo: patron,
            billingInfo: billing
        )
    }

    private func bibliographicInfo(_ element: XMLElement, path: String) throws(DecodingFailure) -> BibliographicInfo {
        var children = children(of: element, path: path)
        var info = BibliographicInfo(
            supplierUniqueRecordID: string("supplierUniqueRecordId", in: &children),
            title: string("title", in: &children),
            author: string("author", in: &children),
            authorID: string("authorId", in: &children),
            subtitle: string("subtitle", in: &children),
            seriesTitle: string("seriesTitle", in: &children),
            edition: string("edition", in: &children),
            titleOfComponent: string("titleOfComponent", in: &children),
            authorOfComponent: string("authorOfComponent", in: &children),
            volume: strings("volume", in: &children),
            issue: string("issue", in: &children),
            pagesRequested: string("pagesRequested", in: &children),
            estimatedNoPages: string("estimatedNoPages", in: &children),
            sponsor: string("sponsor", in: &children),
            informationSource: string("informationSource", in: &children)
        )
        for item in all("bibliographicItemId", in: &children) {
            var inner = self.children(of: item, path: path + "/bibliographicItemId")
            let identifier = try requiredString("bibliographicItemIdentifier", in: &inner)
            let codeElement = try required("bibliographicItemIdentifierCode", in: &inner)
            let code: BibliographicItemIdentifierCode? = open(codeElement)
            try finish(inner)
            info.bibliographicItemID.append(
                BibliographicItemID(identifier: identifier, code: code ?? BibliographicItemIdentifierCode(""))
            )
        }
        for record in all("bibliographicRecordId", in: &children) {
            guard record.hasChildElements else {
                // ReShare (2023) sent the bare id as text, with no code saying what kind of id it is.
                warn(path + "/bibliographicRecordId", "holds text instead of a code and an identifier; ignored", at: record)
                continue
            }
            info.bibliographicRecordID.append(try bibliographicRecordID(record, path: path + "/bibliographicRecordId"))
        }
        try finish(children)
        return info
    }

    private func bibliographicRecordID(_ element: XMLElement, path: String) throws(DecodingFailure) -> BibliographicRecordID {
        var children = children(of: element, path: path)
        let codeElement = try required("bibliographicRecordIdentifierCode", in: &children)
        let code: BibliographicRecordIdentifierCode? = open(codeElement)
        let identifier = try requiredString("bibliographicRecordIdentifier", in: &children)
        try finish(children)
        return BibliographicRecordID(code: code ?? BibliographicRecordIdentifierCode(""), identifier: identifier)
    }

    private func publicationInfo(_ element: XMLElement, path: String) throws(DecodingFailure) -> PublicationInfo {
        var children = children(of: element, path: path)
        let info = PublicationInfo(
            publisher: string("publisher", in: &children),
            publisherID: string("publisherId", in: &children),
            publicationType: open("publicationType", in: &children),
            publicationDate: string("publicationDate", in: &children),
            placeOfPublication: string("placeOfPublication", in: &children)
        )
        try finish(children)
        return info
    }

    private func serviceInfo(_ element: XMLElement, path: String) throws(DecodingFailure) -> ServiceInfo {
        var children = children(of: element, path: path)
        // 2017 says preferredFormat, 2021 itemFormat: accept either.
        let format: ItemFormat? = open("itemFormat", in: &children) ?? open("preferredFormat", in: &children)
        let info = ServiceInfo(
            requestType: try closed("requestType", in: &children),
            requestSubType: try closedList("requestSubType", in: &children),
            requestingAgencyPreviousRequestID: string("requestingAgencyPreviousRequestId", in: &children),
            serviceType: try requiredClosed("serviceType", in: &children),
            serviceLevel: open("serviceLevel", in: &children),
            itemFormat: format,
            needBeforeDate: try date("needBeforeDate", in: &children),
            copyrightCompliance: open("copyrightCompliance", in: &children),
            anyEdition: try bool("anyEdition", in: &children),
            preferredEdition: try closed("preferredEdition", in: &children),
            loanCondition: openList("loanCondition", in: &children),
            startDate: try date("startDate", in: &children),
            endDate: try date("endDate", in: &children),
            note: string("note", in: &children)
        )
        try finish(children)
        return info
    }

    private func supplierInfo(_ element: XMLElement, path: String) throws(DecodingFailure) -> SupplierInfo {
        var children = children(of: element, path: path)
        let info = SupplierInfo(
            sortOrder: try integer("sortOrder", in: &children),
            supplierCode: try agencyID("supplierCode", in: &children),
            supplierDescription: string("supplierDescription", in: &children),
            bibliographicRecordID: try nonBlank("bibliographicRecordId", in: &children).map { element throws(DecodingFailure) in
                try bibliographicRecordID(element, path: path + "/bibliographicRecordId")
            },
            callNumber: string("callNumber", in: &children),
            summaryHoldings: string("summaryHoldings", in: &children),
            availabilityNote: string("availabilityNote", in: &children)
        )
        try finish(children)
        return info
    }

    private func requestedDeliveryInfo(_ element: XMLElement, path: String) throws(DecodingFailure) -> RequestedDeliveryInfo {
        var children = children(of: element, path: path)
        let info = RequestedDeliveryInfo(
            sortOrder: try integer("sortOrder", in: &children),
            address: try address("address", in: &children),
            deliveryMethod: open("deliveryMethod", in: &children),
            courierName: open("courierName", in: &children)
        )
        try finish(children)
        return info
    }

    private func requestingAgencyInfo(_ element: XMLElement, path: String) throws(DecodingFailure) -> RequestingAgencyInfo {
        var children = children(of: element, path: path)
        let info = RequestingAgencyInfo(
            name: string("name", in: &children),
            contactName: string("contactName", in: &children),
            address: try addresses("address", in: &children)
        )
        try finish(children)
        return info
    }

    private func patronInfo(_ element: XMLElement, path: String) throws(DecodingFailure) -> PatronInfo {
        var children = children(of: element, path: path)
        let info = PatronInfo(
            patronID: string("patronId", in: &children),
            surname: string("surname", in: &children),
            givenName: string("givenName", in: &children),
            patronType: open("patronType", in: &children),
            sendToPatron: try bool("sendToPatron", in: &children),
            address: try addresses("address", in: &children)
        )
        try finish(children)
        return info
    }

    private func billingInfo(_ element: XMLElement, path: String) throws(DecodingFailure) -> BillingInfo {
        var children = children(of: element, path: path)
        let info = BillingInfo(
            paymentMethod: open("paymentMethod", in: &children),
            maximumCosts: try costs("maximumCosts", in: &children),
            billingMethod: open("billingMethod", in: &children),
            billingName: string("billingName", in: &children),
            address: try address("address", in: &children)
        )
        try finish(children)
        return info
    }
}
