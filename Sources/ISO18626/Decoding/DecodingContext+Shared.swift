import Foundation

/// Readers for the structures every message type shares: headers, agency ids, addresses, costs, errors.
extension DecodingContext {
    func header(_ element: XMLElement, path: String) throws(DecodingFailure) -> Header {
        var children = children(of: element, path: path)
        let timestamp = try requiredDate("timestamp", in: &children)
        messageTimestamp = timestamp
        let header = Header(
            supplyingAgencyID: try agencyID("supplyingAgencyId", in: &children),
            requestingAgencyID: try requiredAgencyID("requestingAgencyId", in: &children),
            consortialID: try agencyID("consortialId", in: &children),
            multipleItemRequestID: string("multipleItemRequestId", in: &children),
            timestamp: timestamp,
            requestingAgencyRequestID: try possiblyEmptyString("requestingAgencyRequestId", in: &children),
            supplyingAgencyRequestID: string("supplyingAgencyRequestId", in: &children),
            requestingAgencyAuthentication: authentication(in: &children)
        )
        try finish(children)
        return header
    }

    func confirmationHeader(
        _ element: XMLElement,
        path: String,
        strayAction: inout Action?
    ) throws(DecodingFailure) -> ConfirmationHeader {
        var children = children(of: element, path: path)
        let header = ConfirmationHeader(
            supplyingAgencyID: try agencyID("supplyingAgencyId", in: &children),
            requestingAgencyID: try agencyID("requestingAgencyId", in: &children),
            timestamp: try requiredDate("timestamp", in: &children),
            requestingAgencyRequestID: string("requestingAgencyRequestId", in: &children),
            multipleItemRequestID: string("multipleItemRequestId", in: &children),
            timestampReceived: try requiredDate("timestampReceived", in: &children),
            messageStatus: try requiredClosed("messageStatus", in: &children)
        )
        // 2023 ReShare put the echoed action inside the confirmation header.
        if let action = one("action", in: &children) {
            warn(path + "/action", "action belongs after the confirmation header; read from here", at: action)
            strayAction = try closed(action, path: path + "/action", errorType: .unsupportedActionType)
        }
        try finish(children)
        return header
    }

    private func authentication(in children: inout ChildElements) -> RequestingAgencyAuthentication? {
        guard let element = nonBlank("requestingAgencyAuthentication", in: &children) else { return nil }
        var inner = self.children(of: element, path: children.path + "/requestingAgencyAuthentication")
        let result = RequestingAgencyAuthentication(
            accountID: string("accountId", in: &inner),
            securityCode: string("securityCode", in: &inner)
        )
        // Unknown elements inside credentials are not worth failing a message over.
        for entry in inner.unclaimed { warn(inner.path + "/" + entry.name, "unknown element ignored", at: entry.element) }
        return result
    }

    func agencyID(_ name: String, in children: inout ChildElements) throws(DecodingFailure) -> AgencyID? {
        guard let element = nonBlank(name, in: &children) else { return nil }
        return try agencyID(element, path: children.path + "/" + name)
    }

    func requiredAgencyID(_ name: String, in children: inout ChildElements) throws(DecodingFailure) -> AgencyID {
        let element = try required(name, in: &children)
        return try agencyID(element, path: children.path + "/" + name)
    }

    func agencyID(_ element: XMLElement, path: String) throws(DecodingFailure) -> AgencyID {
        var children = children(of: element, path: path)
        let typeElement = one("agencyIdType", in: &children)
        let value = try requiredString("agencyIdValue", in: &children)
        try finish(children)
        let type: AgencyIDType? = typeElement.flatMap(open)
        return AgencyID(type: type ?? AgencyIDType(""), value: value)
    }

    func address(_ element: XMLElement, path: String) throws(DecodingFailure) -> Address? {
        var children = children(of: element, path: path)
        defer { _ = try? finish(children) }
        if let electronic = nonBlank("electronicAddress", in: &children) {
            var inner = self.children(of: electronic, path: path + "/electronicAddress")
            let typeElement = try required("electronicAddressType", in: &inner)
            let type: ElectronicAddressType? = open(typeElement)
            let data = try requiredString("electronicAddressData", in: &inner)
            try finish(inner)
            return .electronic(ElectronicAddress(type: type ?? ElectronicAddressType(""), data: data))
        }
        if let physical = nonBlank("physicalAddress", in: &children) {
            return .physical(try physicalAddress(physical, path: path + "/physicalAddress"))
        }
        return nil
    }

    func addresses(_ name: String, in children: inout ChildElements) throws(DecodingFailure) -> [Address] {
        var result: [Address] = []
        for element in all(name, in: &children) {
            if let address = try address(element, path: children.path + "/" + name) { result.append(address) }
        }
        return result
    }

    func address(_ name: String, in children: inout ChildElements) throws(DecodingFailure) -> Address? {
        let found = all(name, in: &children)
        if found.count > 1 {
            warn(children.path + "/" + name, "repeated \(found.count) times; only the first is used", at: found[1])
        }
        guard let element = found.first else { return nil }
        return try address(element, path: children.path + "/" + name)
    }

    func physicalAddress(_ element: XMLElement, path: String) throws(DecodingFailure) -> PhysicalAddress {
        var children = children(of: element, path: path)
        let result = PhysicalAddress(
            line1: string("line1", in: &children),
            line2: string("line2", in: &children),
            locality: string("locality", in: &children),
            postalCode: string("postalCode", in: &children),
            region: open("region", in: &children),
            country: open("country", in: &children)
        )
        try finish(children)
        return result
    }

    func costs(_ element: XMLElement, path: String) throws(DecodingFailure) -> Costs {
        var children = children(of: element, path: path)
        let currencyElement = try required("currencyCode", in: &children)
        guard let currency: CurrencyCode = open(currencyElement) else {
            throw failure(.unrecognisedDataValue, path + "/currencyCode", "cannot be empty", at: currencyElement)
        }
        let amount = try decimal(try required("monetaryValue", in: &children), path: path + "/monetaryValue")
        try finish(children)
        return Costs(currencyCode: currency, monetaryValue: amount)
    }

    func costs(_ name: String, in children: inout ChildElements) throws(DecodingFailure) -> Costs? {
        guard let element = nonBlank(name, in: &children) else { return nil }
        return try costs(element, path: children.path + "/" + name)
    }

    func costsList(_ name: String, in children: inout ChildElements) throws(DecodingFailure) -> [Costs] {
        var result: [Costs] = []
        for element in all(name, in: &children) { result.append(try costs(element, path: children.path + "/" + name)) }
        return result
    }

    func errorData(in children: inout ChildElements) throws(DecodingFailure) -> [ErrorData] {
        var result: [ErrorData] = []
        for element in all("errorData", in: &children) {
            var inner = self.children(of: element, path: children.path + "/errorData")
            result.append(
                ErrorData(
                    errorType: try requiredClosed("errorType", in: &inner),
                    errorValue: string("errorValue", in: &inner)
                )
            )
            try finish(inner)
        }
        return result
    }
}
