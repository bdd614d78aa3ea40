import Foundation
import ISO18626
import Testing

/// The encoder writes each edition's shape, refuses what it cannot write validly, and every output
/// validates against the published schema of its edition.
@Suite struct EncoderTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func header(supplier: AgencyID? = AgencyID(type: .isil, value: "DK-820010")) -> Header {
        Header(
            supplyingAgencyID: supplier,
            requestingAgencyID: AgencyID(type: .isil, value: "US-NNC"),
            timestamp: now,
            requestingAgencyRequestID: "REQ-1",
            supplyingAgencyRequestID: "SUP-9"
        )
    }

    static let request = Request(
        header: header(),
        bibliographicInfo: BibliographicInfo(
            title: "Journal of Things & <Stuff>",
            titleOfComponent: "On \"quotes\" and 'apostrophes'",
            volume: ["12"],
            bibliographicItemID: [BibliographicItemID(identifier: "0028-0836", code: .issn)]
        ),
        serviceInfo: ServiceInfo(serviceType: .copy, copyrightCompliance: .usCCG),
        billingInfo: BillingInfo(maximumCosts: Costs(currencyCode: .usd, monetaryValue: Decimal(string: "12.50") ?? 0))
    )

    private func text(_ message: ISO18626Message, _ edition: Edition) throws -> String {
        let bytes = try ISO18626Encoder().encode(message, edition: edition)
        if let oracle = ReferenceMaterial.publishedSchemas {
            try oracle.validate(bytes, edition: edition)
        } else if ReferenceMaterial.isRequired {
            Issue.record(Comment(rawValue: ReferenceMaterial.unavailableReason))
        }
        try SchemaValidator.bundled().validate(bytes, edition: edition)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func envelopeAndNamespaceAreAlwaysWritten() throws {
        let xml = try text(.request(Self.request), .v1_2)
        #expect(xml.contains("<ISO18626Message xmlns=\"http://illtransactions.org/2013/iso18626\""))
        #expect(xml.contains("ill:version=\"1.2\""))
        #expect(try text(.request(Self.request), .v2021).contains("ill:version=\"2021-2\""))
    }

    @Test func textIsEscaped() throws {
        let xml = try text(.request(Self.request), .v1_2)
        #expect(xml.contains("Journal of Things &amp; &lt;Stuff&gt;"))
        let decoded = try ISO18626Decoder().decode(xml)
        #expect(decoded.message == .request(Self.request))
    }

    @Test func itemIdentifierOrderFollowsTheEdition() throws {
        let v1_2 = try text(.request(Self.request), .v1_2)
        let v2021 = try text(.request(Self.request), .v2021)
        let identifier = "<bibliographicItemIdentifier>", code = "<bibliographicItemIdentifierCode>"
        #expect(try #require(v1_2.range(of: identifier)).lowerBound < (try #require(v1_2.range(of: code))).lowerBound)
        #expect(try #require(v2021.range(of: code)).lowerBound < (try #require(v2021.range(of: identifier))).lowerBound)
    }

    @Test func multipleItemRequestIdIsWrittenOnlyWhereTheEditionWantsIt() throws {
        #expect(try text(.request(Self.request), .v1_2).contains("<multipleItemRequestId></multipleItemRequestId>"))
        let message = SupplyingAgencyMessage(
            header: Self.header(),
            messageInfo: MessageInfo(reasonForMessage: .requestResponse),
            statusInfo: StatusInfo(status: .willSupply, lastChange: Self.now)
        )
        #expect(!(try text(.supplyingAgencyMessage(message), .v2021)).contains("multipleItemRequestId"))
    }

    @Test func retryOffersMoveBetweenMessageInfoAndRetryInfo() throws {
        let message = SupplyingAgencyMessage(
            header: Self.header(),
            messageInfo: MessageInfo(reasonForMessage: .requestResponse, reasonRetry: .costExceedsMaxCost),
            statusInfo: StatusInfo(status: .retryPossible, lastChange: Self.now),
            retryInfo: RetryInfo(
                offeredCosts: [Costs(currencyCode: .usd, monetaryValue: 25)],
                retryAfter: Self.now.addingTimeInterval(86_400)
            )
        )
        let v1_2 = try text(.supplyingAgencyMessage(message), .v1_2)
        #expect(v1_2.contains("<messageInfo><reasonForMessage>RequestResponse</reasonForMessage><reasonRetry>CostExceedsMaxCost</reasonRetry><offeredCosts>"))
        #expect(!v1_2.contains("retryInfo"))
        let v2021 = try text(.supplyingAgencyMessage(message), .v2021)
        #expect(v2021.contains("<retryInfo><offeredCosts>"))
        for xml in [v1_2, v2021] {
            #expect(try ISO18626Decoder().decode(xml).message == .supplyingAgencyMessage(message))
        }
    }

    @Test func messageWithoutStatusIsNotEmitted() throws {
        let message = SupplyingAgencyMessage(
            header: Self.header(),
            messageInfo: MessageInfo(reasonForMessage: .cancelResponse, answerYesNo: false),
            statusInfo: StatusInfo(status: nil, lastChange: Self.now)
        )
        #expect {
            try ISO18626Encoder().encode(.supplyingAgencyMessage(message), edition: .v1_2)
        } throws: { error in
            (error as? ISO18626EncodingError)?.reason == .missingValue
        }
    }

    @Test func editionOnlyValuesAreRefusedInTheOtherEdition() throws {
        let hold = SupplyingAgencyMessage(
            header: Self.header(),
            messageInfo: MessageInfo(reasonForMessage: .statusChange),
            statusInfo: StatusInfo(status: .holdReturn, lastChange: Self.now)
        )
        #expect(throws: ISO18626EncodingError.self) { try ISO18626Encoder().encode(.supplyingAgencyMessage(hold), edition: .v1_2) }
        #expect(try text(.supplyingAgencyMessage(hold), .v2021).contains("<status>HoldReturn</status>"))

        let lost = RequestingAgencyMessage(header: Self.header(), action: .lost)
        #expect(throws: ISO18626EncodingError.self) { try ISO18626Encoder().encode(.requestingAgencyMessage(lost), edition: .v1_2) }
        #expect(try text(.requestingAgencyMessage(lost), .v2021).contains("<action>Lost</action>"))
    }

    @Test func patronRequestWithoutSupplierIsWrittenOnlyIn2021() throws {
        var request = Self.request
        request.header.supplyingAgencyID = nil
        request.serviceInfo?.requestSubType = [.patronRequest]
        #expect(throws: ISO18626EncodingError.self) { try ISO18626Encoder().encode(.request(request), edition: .v1_2) }
        #expect(try text(.request(request), .v2021).contains("<requestSubType>PatronRequest</requestSubType>"))
    }

    @Test func severalItemIDsAreJoinedInThe2017Edition() throws {
        let message = SupplyingAgencyMessage(
            header: Self.header(),
            messageInfo: MessageInfo(reasonForMessage: .statusChange),
            statusInfo: StatusInfo(status: .loaned, dueDate: Self.now, lastChange: Self.now),
            deliveryInfo: DeliveryInfo(dateSent: Self.now, itemID: ["39001", "39002"])
        )
        #expect(try text(.supplyingAgencyMessage(message), .v1_2).contains("<itemId>39001,39002</itemId>"))
        #expect(try text(.supplyingAgencyMessage(message), .v2021).contains("<itemId>39001</itemId><itemId>39002</itemId>"))
    }

    @Test func confirmationsOfEveryKindAreValid() throws {
        let header = ConfirmationHeader(
            supplyingAgencyID: AgencyID(type: .isil, value: "DK-820010"),
            requestingAgencyID: AgencyID(type: .isil, value: "US-NNC"),
            timestamp: Self.now,
            requestingAgencyRequestID: "REQ-1",
            timestampReceived: Self.now.addingTimeInterval(-1),
            messageStatus: .error
        )
        let errors = [ErrorData(errorType: .unrecognisedDataValue, errorValue: "status: WeCouldLoan")]
        let messages: [ISO18626Message] = [
            .requestConfirmation(RequestConfirmation(confirmationHeader: header, errorData: errors)),
            .supplyingAgencyMessageConfirmation(
                SupplyingAgencyMessageConfirmation(confirmationHeader: header, reasonForMessage: .statusChange, errorData: errors)
            ),
            .requestingAgencyMessageConfirmation(
                RequestingAgencyMessageConfirmation(confirmationHeader: header, action: .cancel, errorData: errors)
            ),
        ]
        for message in messages {
            for edition in Edition.allCases {
                let xml = try text(message, edition)
                #expect(try ISO18626Decoder().decode(xml).message == message)
            }
        }
    }

    @Test func outputValidationCatchesSchemaViolations() throws {
        var request = Self.request
        request.supplierInfo = [SupplierInfo(sortOrder: -1)]
        #expect(throws: ISO18626EncodingError.self) { try ISO18626Encoder().encode(.request(request), edition: .v2021) }
    }
}
