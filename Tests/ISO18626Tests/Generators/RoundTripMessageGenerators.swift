import Foundation
import ISO18626
import PropertyBased

/// Random messages that an edition can carry in full, so that encode-then-decode must give them back unchanged.
///
/// What each edition can carry (from the model's documentation and the two schemas):
/// * v1.2: one volume, item id, loan condition and delivery cost, one error, at most three request
///   sub-types; no author or publisher id, consortial id, preferred edition, service loan conditions,
///   requested delivery method or courier, delivery URL, address, service type or payment method, no
///   shipping information; of the retry information only one offered cost and the retry dates; statuses
///   HoldReturn and ReleaseHoldReturn and actions HoldReturn and Lost do not exist; every header names the
///   supplying agency; a region may name a scheme; sort orders are any integer.
/// * 2021-2: a request has service information and its header no supplying agency request id; a supplying
///   agency message header has no authentication, consortial id or multiple item request id; a requesting
///   agency message header has no multiple item request id; confirmation headers have no multiple item
///   request id; a region is plain text (no scheme); sort orders are 0 or more.
/// * Both: the decoder reads an empty optional block as absent, so every optional block drawn has content.
enum RoundTripMessages {
    static func message(_ kind: MessageKind, _ edition: Edition) -> Generator<ISO18626Message, Shrink.None<ISO18626Message>> {
        RoundTripGen.build { draw in
            switch kind {
            case .request: .request(request(edition, &draw))
            case .requestConfirmation: .requestConfirmation(requestConfirmation(edition, &draw))
            case .supplyingAgencyMessage: .supplyingAgencyMessage(supplyingAgencyMessage(edition, &draw))
            case .supplyingAgencyMessageConfirmation:
                .supplyingAgencyMessageConfirmation(supplyingAgencyMessageConfirmation(edition, &draw))
            case .requestingAgencyMessage: .requestingAgencyMessage(requestingAgencyMessage(edition, &draw))
            case .requestingAgencyMessageConfirmation:
                .requestingAgencyMessageConfirmation(requestingAgencyMessageConfirmation(edition, &draw))
            }
        }
    }

    // MARK: Closed codes per edition

    static func statuses(_ edition: Edition) -> [Status] {
        edition == .v2021 ? Status.allCases : Status.allCases.filter { $0 != .holdReturn && $0 != .releaseHoldReturn }
    }

    static func actions(_ edition: Edition) -> [Action] {
        edition == .v2021 ? Action.allCases : Action.allCases.filter { $0 != .holdReturn && $0 != .lost }
    }

    // MARK: Headers

    static func header(_ kind: MessageKind, _ edition: Edition, _ draw: inout RoundTripDraw) -> Header {
        let is2021 = edition == .v2021
        let supplierOptional = is2021 && kind == .request
        let hasConsortialID = is2021 && kind != .supplyingAgencyMessage
        let hasMultipleItemRequestID = !is2021 || kind == .request
        let hasSupplyingAgencyRequestID = !(is2021 && kind == .request)
        let hasAuthentication = !(is2021 && kind == .supplyingAgencyMessage)
        return Header(
            supplyingAgencyID: supplierOptional ? draw.maybe(0.7) { $0.agencyID() } : draw.agencyID(),
            requestingAgencyID: draw.agencyID(),
            consortialID: hasConsortialID ? draw.maybe(0.4) { $0.agencyID() } : nil,
            multipleItemRequestID: hasMultipleItemRequestID ? draw.optionalText(0.4) : nil,
            timestamp: draw.date(),
            requestingAgencyRequestID: draw.text(),
            supplyingAgencyRequestID: hasSupplyingAgencyRequestID ? draw.optionalText() : nil,
            requestingAgencyAuthentication: hasAuthentication ? draw.maybe(0.4) { $0.authentication() } : nil
        )
    }

    static func confirmationHeader(_ edition: Edition, _ draw: inout RoundTripDraw) -> ConfirmationHeader {
        ConfirmationHeader(
            supplyingAgencyID: draw.maybe(0.7) { $0.agencyID() },
            requestingAgencyID: draw.maybe(0.7) { $0.agencyID() },
            timestamp: draw.date(),
            requestingAgencyRequestID: draw.optionalText(0.7),
            multipleItemRequestID: edition == .v1_2 ? draw.optionalText(0.4) : nil,
            timestampReceived: draw.date(),
            messageStatus: draw.pick(MessageStatus.allCases)
        )
    }

    // MARK: Request

    static func request(_ edition: Edition, _ draw: inout RoundTripDraw) -> Request {
        let is2021 = edition == .v2021
        return Request(
            header: header(.request, edition, &draw),
            bibliographicInfo: bibliographicInfo(edition, &draw),
            publicationInfo: draw.maybe { publicationInfo(edition, &$0) },
            serviceInfo: is2021 ? serviceInfo(edition, &draw) : draw.maybe(0.7) { serviceInfo(edition, &$0) },
            supplierInfo: draw.many(0...3) { supplierInfo(edition, &$0) },
            requestedDeliveryInfo: draw.many(0...3) { requestedDeliveryInfo(edition, &$0) },
            requestingAgencyInfo: draw.maybe { requestingAgencyInfo(edition, &$0) },
            patronInfo: draw.maybe { patronInfo(edition, &$0) },
            billingInfo: draw.maybe { billingInfo(edition, &$0) }
        )
    }

    static func bibliographicInfo(_ edition: Edition, _ draw: inout RoundTripDraw) -> BibliographicInfo {
        let is2021 = edition == .v2021
        return BibliographicInfo(
            supplierUniqueRecordID: draw.optionalText(0.3),
            title: draw.optionalText(0.8),
            author: draw.optionalText(),
            authorID: is2021 ? draw.optionalText(0.3) : nil,
            subtitle: draw.optionalText(0.3),
            seriesTitle: draw.optionalText(0.3),
            edition: draw.optionalText(0.3),
            titleOfComponent: draw.optionalText(0.3),
            authorOfComponent: draw.optionalText(0.3),
            volume: draw.texts(is2021 ? 0...3 : 0...1),
            issue: draw.optionalText(0.3),
            pagesRequested: draw.optionalText(0.3),
            estimatedNoPages: draw.optionalText(0.3),
            bibliographicItemID: draw.many(0...3) {
                BibliographicItemID(identifier: $0.text(), code: $0.code(BibliographicItemIdentifierCodeList.self))
            },
            sponsor: draw.optionalText(0.3),
            informationSource: draw.optionalText(0.3),
            bibliographicRecordID: draw.many(0...3) { bibliographicRecordID(&$0) }
        )
    }

    static func bibliographicRecordID(_ draw: inout RoundTripDraw) -> BibliographicRecordID {
        BibliographicRecordID(code: draw.code(BibliographicRecordIdentifierCodeList.self), identifier: draw.text())
    }

    static func publicationInfo(_ edition: Edition, _ draw: inout RoundTripDraw) -> PublicationInfo {
        var info = PublicationInfo(
            publisher: draw.optionalText(),
            publisherID: edition == .v2021 ? draw.optionalText(0.3) : nil,
            publicationType: draw.optionalCode(PublicationTypeList.self),
            publicationDate: draw.optionalText(),
            placeOfPublication: draw.optionalText()
        )
        if info == PublicationInfo() { info.publisher = draw.text() }
        return info
    }

    static func serviceInfo(_ edition: Edition, _ draw: inout RoundTripDraw) -> ServiceInfo {
        let is2021 = edition == .v2021
        return ServiceInfo(
            requestType: draw.maybe { $0.pick(RequestType.allCases) },
            requestSubType: draw.many(is2021 ? 0...5 : 0...3) { $0.pick(RequestSubType.allCases) },
            requestingAgencyPreviousRequestID: draw.optionalText(0.3),
            serviceType: draw.pick(ServiceType.allCases),
            serviceLevel: draw.optionalCode(ServiceLevelList.self),
            itemFormat: draw.optionalCode(ItemFormatList.self),
            needBeforeDate: draw.optionalDate(),
            copyrightCompliance: draw.optionalCode(CopyrightComplianceList.self),
            anyEdition: draw.optionalBool(),
            preferredEdition: is2021 ? draw.maybe { $0.pick(PreferredEdition.allCases) } : nil,
            loanCondition: is2021 ? draw.codes(LoanConditionList.self, 0...3) : [],
            startDate: draw.optionalDate(0.3),
            endDate: draw.optionalDate(0.3),
            note: draw.optionalText()
        )
    }

    static func sortOrder(_ edition: Edition, _ draw: inout RoundTripDraw) -> Int {
        switch (edition, draw.int(0...3)) {
        case (.v1_2, 0): draw(Gen.int())  // xs:integer: any value, negative too
        case (.v2021, 0): draw(Gen.int(in: 0...Int.max))
        default: draw.int(0...20)
        }
    }

    static func supplierInfo(_ edition: Edition, _ draw: inout RoundTripDraw) -> SupplierInfo {
        var info = SupplierInfo(
            sortOrder: draw.maybe { sortOrder(edition, &$0) },
            supplierCode: draw.maybe { $0.agencyID() },
            supplierDescription: draw.optionalText(0.3),
            bibliographicRecordID: draw.maybe(0.3) { bibliographicRecordID(&$0) },
            callNumber: draw.optionalText(0.3),
            summaryHoldings: draw.optionalText(0.3),
            availabilityNote: draw.optionalText(0.3)
        )
        if info.isEmpty { info.supplierCode = draw.agencyID() }
        return info
    }

    static func requestedDeliveryInfo(_ edition: Edition, _ draw: inout RoundTripDraw) -> RequestedDeliveryInfo {
        let is2021 = edition == .v2021
        var info = RequestedDeliveryInfo(
            sortOrder: draw.maybe { sortOrder(edition, &$0) },
            address: draw.maybe { address(edition, &$0) },
            deliveryMethod: is2021 ? draw.optionalCode(DeliveryMethodList.self) : nil,
            courierName: is2021 ? draw.optionalCode(CourierNameList.self) : nil
        )
        if info == RequestedDeliveryInfo() { info.address = address(edition, &draw) }
        return info
    }

    static func requestingAgencyInfo(_ edition: Edition, _ draw: inout RoundTripDraw) -> RequestingAgencyInfo {
        var info = RequestingAgencyInfo(
            name: draw.optionalText(),
            contactName: draw.optionalText(),
            address: draw.many(0...3) { address(edition, &$0) }
        )
        if info == RequestingAgencyInfo() { info.name = draw.text() }
        return info
    }

    static func patronInfo(_ edition: Edition, _ draw: inout RoundTripDraw) -> PatronInfo {
        var info = PatronInfo(
            patronID: draw.optionalText(),
            surname: draw.optionalText(),
            givenName: draw.optionalText(),
            patronType: draw.optionalCode(PatronTypeList.self),
            sendToPatron: draw.optionalBool(),
            address: draw.many(0...2) { address(edition, &$0) }
        )
        if info == PatronInfo() { info.patronID = draw.text() }
        return info
    }

    static func billingInfo(_ edition: Edition, _ draw: inout RoundTripDraw) -> BillingInfo {
        var info = BillingInfo(
            paymentMethod: draw.optionalCode(PaymentMethodList.self),
            maximumCosts: draw.maybe { $0.costs() },
            billingMethod: draw.optionalCode(BillingMethodList.self),
            billingName: draw.optionalText(),
            address: draw.maybe { address(edition, &$0) }
        )
        if info == BillingInfo() { info.maximumCosts = draw.costs() }
        return info
    }

    // MARK: Addresses

    static func address(_ edition: Edition, _ draw: inout RoundTripDraw) -> Address {
        if draw.chance(0.5) {
            return .electronic(ElectronicAddress(type: draw.code(ElectronicAddressTypeList.self), data: draw.text()))
        }
        return .physical(physicalAddress(edition, &draw))
    }

    static func physicalAddress(_ edition: Edition, _ draw: inout RoundTripDraw) -> PhysicalAddress {
        var address = PhysicalAddress(
            line1: draw.optionalText(0.7),
            line2: draw.optionalText(0.3),
            locality: draw.optionalText(),
            postalCode: draw.optionalText(),
            // A region names a scheme only in v1.2; in 2021 it is plain text.
            region: draw.optionalCode(RegionList.self, 0.5, schemeAllowed: edition == .v1_2),
            country: draw.optionalCode(CountryList.self)
        )
        if address == PhysicalAddress() { address.line1 = draw.text() }
        return address
    }

    // MARK: Supplying agency message

    static func supplyingAgencyMessage(_ edition: Edition, _ draw: inout RoundTripDraw) -> SupplyingAgencyMessage {
        let is2021 = edition == .v2021
        return SupplyingAgencyMessage(
            header: header(.supplyingAgencyMessage, edition, &draw),
            messageInfo: MessageInfo(
                reasonForMessage: draw.pick(ReasonForMessage.allCases),
                answerYesNo: draw.optionalBool(0.3),
                note: draw.optionalText(),
                reasonUnfilled: draw.optionalCode(ReasonUnfilledList.self, 0.3),
                reasonRetry: draw.optionalCode(ReasonRetryList.self, 0.3)
            ),
            statusInfo: StatusInfo(
                status: draw.pick(statuses(edition)),
                expectedDeliveryDate: draw.optionalDate(0.3),
                dueDate: draw.optionalDate(0.3),
                lastChange: draw.date()
            ),
            retryInfo: draw.maybe(0.4) { retryInfo(edition, &$0) },
            deliveryInfo: draw.maybe(0.5) { deliveryInfo(edition, &$0) },
            shippingInfo: is2021 ? draw.maybe(0.4) { shippingInfo(&$0) } : nil,
            returnInfo: draw.maybe(0.3) { returnInfo(edition, &$0) }
        )
    }

    static func retryInfo(_ edition: Edition, _ draw: inout RoundTripDraw) -> RetryInfo {
        var info: RetryInfo
        if edition == .v2021 {
            info = RetryInfo(
                loanCondition: draw.codes(LoanConditionList.self, 0...2),
                edition: draw.texts(0...2),
                itemFormat: draw.codes(ItemFormatList.self, 0...2),
                volume: draw.texts(0...2),
                serviceType: draw.maybe(0.3) { $0.pick(ServiceType.allCases) },
                serviceLevel: draw.codes(ServiceLevelList.self, 0...2),
                deliveryMethod: draw.codes(DeliveryMethodList.self, 0...2),
                courierName: draw.codes(CourierNameList.self, 0...2),
                offeredCosts: draw.many(0...2) { $0.costs() },
                paymentMethod: draw.codes(PaymentMethodList.self, 0...2),
                retryBefore: draw.optionalDate(0.3),
                retryAfter: draw.optionalDate(0.3)
            )
        } else {
            // v1.2 carries only these three, inside messageInfo.
            info = RetryInfo(
                offeredCosts: draw.many(0...1) { $0.costs() },
                retryBefore: draw.optionalDate(),
                retryAfter: draw.optionalDate()
            )
        }
        if info.isEmpty { info.retryAfter = draw.date() }
        return info
    }

    static func deliveryInfo(_ edition: Edition, _ draw: inout RoundTripDraw) -> DeliveryInfo {
        let is2021 = edition == .v2021
        return DeliveryInfo(
            dateSent: draw.date(),
            itemID: draw.texts(is2021 ? 0...3 : 0...1),
            url: is2021 ? draw.optionalText(0.3) : nil,
            deliveryMethod: draw.optionalCode(DeliveryMethodList.self),
            address: is2021 ? draw.maybe(0.3) { address(edition, &$0) } : nil,
            sentToPatron: draw.optionalBool(),
            loanCondition: draw.codes(LoanConditionList.self, is2021 ? 0...3 : 0...1),
            itemFormat: draw.optionalCode(ItemFormatList.self),
            serviceType: is2021 ? draw.maybe(0.3) { $0.pick(ServiceType.allCases) } : nil,
            deliveryCosts: draw.many(is2021 ? 0...3 : 0...1) { $0.costs() },
            paymentMethod: is2021 ? draw.optionalCode(PaymentMethodList.self, 0.3) : nil
        )
    }

    static func shippingInfo(_ draw: inout RoundTripDraw) -> ShippingInfo {
        var info = ShippingInfo(
            courierName: draw.optionalCode(CourierNameList.self),
            trackingID: draw.texts(0...3),
            insurance: draw.optionalBool(),
            insuranceThirdParty: draw.optionalBool(),
            thirdPartyName: draw.optionalText(0.3),
            insuranceCosts: draw.many(0...2) { $0.costs() }
        )
        if info == ShippingInfo() { info.trackingID = [draw.text()] }
        return info
    }

    static func returnInfo(_ edition: Edition, _ draw: inout RoundTripDraw) -> ReturnInfo {
        var info = ReturnInfo(
            returnAgencyID: draw.maybe { $0.agencyID() },
            name: draw.optionalText(),
            physicalAddress: draw.maybe { physicalAddress(edition, &$0) }
        )
        if info == ReturnInfo() { info.name = draw.text() }
        return info
    }

    // MARK: Requesting agency message and confirmations

    static func requestingAgencyMessage(_ edition: Edition, _ draw: inout RoundTripDraw) -> RequestingAgencyMessage {
        RequestingAgencyMessage(
            header: header(.requestingAgencyMessage, edition, &draw),
            action: draw.pick(actions(edition)),
            note: draw.optionalText()
        )
    }

    static func errorData(_ edition: Edition, _ draw: inout RoundTripDraw) -> [ErrorData] {
        draw.many(edition == .v2021 ? 0...3 : 0...1) {
            ErrorData(errorType: $0.pick(ErrorType.allCases), errorValue: $0.optionalText(0.7))
        }
    }

    static func requestConfirmation(_ edition: Edition, _ draw: inout RoundTripDraw) -> RequestConfirmation {
        RequestConfirmation(confirmationHeader: confirmationHeader(edition, &draw), errorData: errorData(edition, &draw))
    }

    static func supplyingAgencyMessageConfirmation(
        _ edition: Edition,
        _ draw: inout RoundTripDraw
    ) -> SupplyingAgencyMessageConfirmation {
        SupplyingAgencyMessageConfirmation(
            confirmationHeader: confirmationHeader(edition, &draw),
            reasonForMessage: draw.maybe { $0.pick(ReasonForMessage.allCases) },
            errorData: errorData(edition, &draw)
        )
    }

    static func requestingAgencyMessageConfirmation(
        _ edition: Edition,
        _ draw: inout RoundTripDraw
    ) -> RequestingAgencyMessageConfirmation {
        RequestingAgencyMessageConfirmation(
            confirmationHeader: confirmationHeader(edition, &draw),
            action: draw.maybe { $0.pick(actions(edition)) },
            errorData: errorData(edition, &draw)
        )
    }
}

extension RoundTripDraw {
    mutating func authentication() -> RequestingAgencyAuthentication {
        // An empty requestingAgencyAuthentication element reads back as absent, so one field at least.
        switch int(0...2) {
        case 0: RequestingAgencyAuthentication(accountID: text())
        case 1: RequestingAgencyAuthentication(securityCode: text())
        default: RequestingAgencyAuthentication(accountID: text(), securityCode: text())
        }
    }
}
