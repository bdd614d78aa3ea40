import Foundation

/// Writes the body of one message in one edition: the element order, names and cardinalities of that
/// edition's schema. Shared structures are here; each message type has its own extension.
struct MessageWriter {
    var writer: XMLWriter
    let edition: Edition

    var is2021: Bool { edition == .v2021 }

    // MARK: Values

    mutating func text(_ name: StaticString, _ value: String?) {
        writer.element(name, value)
    }

    mutating func date(_ name: StaticString, _ value: Date?) {
        guard let value else { return }
        writer.element(name, date: value)
    }

    mutating func yesNo(_ name: StaticString, _ value: Bool?) {
        writer.element(name, value.map { $0 ? "Y" : "N" })
    }

    mutating func boolean(_ name: StaticString, _ value: Bool?) {
        writer.element(name, value.map { $0 ? "true" : "false" })
    }

    mutating func code<Code: ClosedCode>(_ name: StaticString, _ value: Code?) {
        writer.element(name, value?.rawValue)
    }

    mutating func code<List>(_ name: StaticString, _ value: OpenCode<List>?) {
        guard let value else { return }
        writer.element(name, value.value, scheme: value.scheme)
    }

    mutating func codes<List>(_ name: StaticString, _ values: [OpenCode<List>]) {
        for value in values { code(name, value) }
    }

    mutating func integer(_ name: StaticString, _ value: Int?, path: String) throws(ISO18626EncodingError) {
        guard let value else { return }
        if is2021, value < 0 {
            throw ISO18626EncodingError(.invalidValue, "\(path): must be 0 or more in edition 2021, not \(value)")
        }
        writer.element(name, String(value))
    }

    /// A value the 2017 edition allows once: the first is written.
    func single<Value>(_ values: [Value]) -> [Value] {
        is2021 ? values : Array(values.prefix(1))
    }

    // MARK: Shared structures

    mutating func agencyID(_ name: StaticString, _ id: AgencyID?) {
        guard let id else { return }
        writer.open(name)
        code("agencyIdType", id.type)
        text("agencyIdValue", id.value)
        writer.close(name)
    }

    mutating func requiredAgencyID(_ name: StaticString, _ id: AgencyID?, in kind: MessageKind) throws(ISO18626EncodingError) {
        guard let id else {
            throw ISO18626EncodingError(.missingValue, "\(kind)/header/\(name): required in edition \(edition)")
        }
        agencyID(name, id)
    }

    /// The header of a request (`request`), supplying (`sam`) or requesting (`ram`) agency message.
    mutating func header(_ header: Header, of kind: MessageKind) throws(ISO18626EncodingError) {
        writer.open("header")
        if is2021, kind == .request {
            agencyID("supplyingAgencyId", header.supplyingAgencyID)
        } else {
            try requiredAgencyID("supplyingAgencyId", header.supplyingAgencyID, in: kind)
        }
        agencyID("requestingAgencyId", header.requestingAgencyID)
        if is2021 {
            if kind != .supplyingAgencyMessage { agencyID("consortialId", header.consortialID) }
            if kind == .request { text("multipleItemRequestId", header.multipleItemRequestID) }
        } else {
            text("multipleItemRequestId", header.multipleItemRequestID ?? "")
        }
        date("timestamp", header.timestamp)
        text("requestingAgencyRequestId", header.requestingAgencyRequestID)
        if !(is2021 && kind == .request) {
            text("supplyingAgencyRequestId", header.supplyingAgencyRequestID)
        }
        if !(is2021 && kind == .supplyingAgencyMessage), let authentication = header.requestingAgencyAuthentication {
            writer.open("requestingAgencyAuthentication")
            text("accountId", authentication.accountID)
            text("securityCode", authentication.securityCode)
            writer.close("requestingAgencyAuthentication")
        }
        writer.close("header")
    }

    mutating func confirmationHeader(_ header: ConfirmationHeader) {
        writer.open("confirmationHeader")
        agencyID("supplyingAgencyId", header.supplyingAgencyID)
        agencyID("requestingAgencyId", header.requestingAgencyID)
        date("timestamp", header.timestamp)
        text("requestingAgencyRequestId", header.requestingAgencyRequestID)
        if !is2021 { text("multipleItemRequestId", header.multipleItemRequestID) }
        date("timestampReceived", header.timestampReceived)
        code("messageStatus", header.messageStatus)
        writer.close("confirmationHeader")
    }

    mutating func errorData(_ errors: [ErrorData]) {
        for error in single(errors) {
            writer.open("errorData")
            code("errorType", error.errorType)
            text("errorValue", error.errorValue)
            writer.close("errorData")
        }
    }

    mutating func address(_ address: Address?) {
        guard let address else { return }
        writer.open("address")
        switch address {
        case .electronic(let electronic):
            writer.open("electronicAddress")
            code("electronicAddressType", electronic.type)
            text("electronicAddressData", electronic.data)
            writer.close("electronicAddress")
        case .physical(let physical):
            physicalAddress(physical)
        }
        writer.close("address")
    }

    mutating func physicalAddress(_ address: PhysicalAddress?) {
        guard let address else { return }
        writer.open("physicalAddress")
        text("line1", address.line1)
        text("line2", address.line2)
        text("locality", address.locality)
        text("postalCode", address.postalCode)
        if is2021 {
            text("region", address.region?.value)
        } else {
            code("region", address.region)
        }
        code("country", address.country)
        writer.close("physicalAddress")
    }

    mutating func costs(_ name: StaticString, _ costs: Costs?) {
        guard let costs else { return }
        writer.open(name)
        code("currencyCode", costs.currencyCode)
        text("monetaryValue", DecimalFormat.format(costs.monetaryValue))
        writer.close(name)
    }
}
