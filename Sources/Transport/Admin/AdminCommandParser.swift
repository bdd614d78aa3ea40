import Foundation
import Gateway
import ISO18626
import Transactions

/// Turns the admin API's JSON into the Gateway's commands, naming what is wrong when it cannot.
enum AdminCommandParser {
    /// `will-supply`, `will_supply` and `willSupply` all name the event `willSupply`.
    static func eventName(_ text: String) -> String {
        var result = ""
        var upperNext = false
        for character in text {
            if character == "-" || character == "_" || character == " " {
                upperNext = true
            } else if upperNext {
                result += character.uppercased()
                upperNext = false
            } else {
                result.append(character)
            }
        }
        return result
    }

    static func supplierCommand(_ request: AdminActionRequest) throws(AdminError) -> SupplierCommand {
        guard let event = SupplierEvent(rawValue: eventName(request.action)), !event.isFromPeer else {
            let names = SupplierEvent.allCases.filter { !$0.isFromPeer }.map(\.rawValue).joined(separator: ", ")
            throw AdminError(error: "'\(request.action)' is not a lending action; use one of: \(names)", reason: .badRequest)
        }
        var retryInfo: RetryInfo?
        if let offer = request.offeredCost {
            retryInfo = RetryInfo(offeredCosts: [try costs(offer, field: "offeredCost")])
        }
        return SupplierCommand(
            event,
            note: request.note,
            reasonUnfilled: request.reasonUnfilled.map { ReasonUnfilled(lenient: $0, scheme: nil) },
            reasonRetry: request.reasonRetry.map { ReasonRetry(lenient: $0, scheme: nil) },
            retryInfo: retryInfo,
            dueDate: try request.dueDate.map { text throws(AdminError) in try date(text, field: "dueDate") },
            expectedDeliveryDate: try request.expectedDeliveryDate.map { text throws(AdminError) in try date(text, field: "expectedDeliveryDate") },
            itemIDs: request.itemIDs ?? [],
            deliveryMethod: request.deliveryMethod.map { DeliveryMethod(lenient: $0, scheme: nil) },
            url: request.url,
            itemFormat: request.itemFormat.map { ItemFormat(lenient: $0, scheme: nil) }
        )
    }

    static func requesterCommand(_ request: AdminActionRequest) throws(AdminError) -> RequesterCommand {
        guard let event = RequesterEvent(rawValue: eventName(request.action)), !event.isFromPeer else {
            let names = RequesterEvent.allCases.filter { !$0.isFromPeer }.map(\.rawValue).joined(separator: ", ")
            throw AdminError(error: "'\(request.action)' is not a borrowing action; use one of: \(names)", reason: .badRequest)
        }
        return RequesterCommand(event, note: request.note)
    }

    static func borrowingRequest(_ request: AdminBorrowRequest) throws(AdminError) -> BorrowingRequest {
        guard let serviceType = ServiceType(lenient: request.serviceType) else {
            throw AdminError(error: "serviceType must be Loan, Copy or CopyOrLoan, not '\(request.serviceType)'", reason: .badRequest)
        }
        guard request.title != nil || request.isbn != nil || request.issn != nil || request.oclc != nil else {
            throw AdminError(error: "say what is wanted: a title, an ISBN, an ISSN or an OCLC number", reason: .badRequest)
        }
        var itemIDs: [BibliographicItemID] = []
        if let isbn = request.isbn { itemIDs.append(BibliographicItemID(identifier: isbn, code: .isbn)) }
        if let issn = request.issn { itemIDs.append(BibliographicItemID(identifier: issn, code: .issn)) }
        let records = request.oclc.map { [BibliographicRecordID(code: .oclc, identifier: $0)] } ?? []
        var billing: BillingInfo?
        if let maximum = request.maximumCost {
            billing = BillingInfo(maximumCosts: try costs(maximum, field: "maximumCost"))
        }
        return BorrowingRequest(
            peerName: request.peer,
            requestID: request.requestID,
            bibliographicInfo: BibliographicInfo(
                title: request.title,
                author: request.author,
                titleOfComponent: request.titleOfComponent,
                authorOfComponent: request.authorOfComponent,
                volume: request.volume.map { [$0] } ?? [],
                issue: request.issue,
                pagesRequested: request.pages,
                bibliographicItemID: itemIDs,
                bibliographicRecordID: records
            ),
            publicationInfo: request.publicationDate.map { PublicationInfo(publicationDate: $0) },
            serviceInfo: ServiceInfo(
                requestType: .new,
                serviceType: serviceType,
                needBeforeDate: try request.needBefore.map { text throws(AdminError) in try date(text, field: "needBefore") },
                copyrightCompliance: request.copyrightCompliance.map { CopyrightCompliance(lenient: $0, scheme: nil) },
                note: request.note
            ),
            patronInfo: request.patronID == nil && request.patronType == nil && request.patronEmail == nil
                ? nil
                : PatronInfo(
                    patronID: request.patronID,
                    patronType: request.patronType.map { PatronType(lenient: $0, scheme: nil) },
                    address: try patronEmail(request.patronEmail).map { [.electronic(ElectronicAddress(type: "Email", data: $0))] } ?? []
                ),
            billingInfo: billing,
            alternatePeers: request.alternates ?? [],
            patronType: request.patronType,
            pickupLocation: request.pickup
        )
    }

    /// A patron's e-mail address: one line with one `@` between non-empty parts. The refusal does not repeat it.
    static func patronEmail(_ text: String?) throws(AdminError) -> String? {
        guard let text else { return nil }
        let address = text.trimmingCharacters(in: .whitespaces)
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty }), !address.contains(where: { $0.isNewline || $0 == " " || $0 == "," }) else {
            throw AdminError(error: "patronEmail: not an e-mail address (one address, like name@example.org)", reason: .badRequest)
        }
        return address
    }

    /// `2026-12-20` (end of that day, UTC) or a full timestamp.
    static func date(_ text: String, field: String) throws(AdminError) -> Date {
        guard let date = TimestampFormat.parse(text) else {
            throw AdminError(error: "\(field): '\(text)' is not a date (use 2026-12-20 or 2026-12-20T17:00:00Z)", reason: .badRequest)
        }
        return date
    }

    /// `25.00 USD` or `USD 25.00`.
    static func costs(_ text: String, field: String) throws(AdminError) -> Costs {
        let parts = text.split(separator: " ").map(String.init)
        guard parts.count == 2 else {
            throw AdminError(error: "\(field): write an amount and a currency, such as '25.00 USD'", reason: .badRequest)
        }
        let (amountText, currency) = DecimalFormat.parse(parts[0]) != nil ? (parts[0], parts[1]) : (parts[1], parts[0])
        guard let amount = DecimalFormat.parse(amountText), currency.count == 3 else {
            throw AdminError(error: "\(field): write an amount and a currency, such as '25.00 USD'", reason: .badRequest)
        }
        return Costs(currencyCode: CurrencyCode(lenient: currency.uppercased(), scheme: nil), monetaryValue: amount)
    }
}
