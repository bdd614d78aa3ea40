import Foundation
import ISO18626
import Testing

/// The decoder reads messages the way real peers write them.
@Suite struct DecoderToleranceTests {
    let decoder = ISO18626Decoder()

    private func request(_ text: String) throws -> Request {
        guard case .request(let request) = try decoder.decode(text).message else {
            Issue.record("not a request")
            throw CancellationError()
        }
        return request
    }

    @Test func anyPrefixOrNoNamespaceReadsTheSame() throws {
        let plain = try decoder.decode(MessageFixtures.request())
        let prefixed = MessageFixtures.request()
            .replacingOccurrences(of: "<", with: "<tag0:")
            .replacingOccurrences(of: "<tag0:/", with: "</tag0:")
            .replacingOccurrences(of: "<tag0:?xml", with: "<?xml")
            .replacingOccurrences(of: "xmlns=", with: "xmlns:tag0=")
        let noNamespace = MessageFixtures.request()
            .replacingOccurrences(of: "xmlns=\"\(MessageFixtures.namespace)\"", with: "")
        #expect(try decoder.decode(prefixed).message == plain.message)
        #expect(try decoder.decode(noNamespace).message == plain.message)
    }

    @Test func bareMessageWithoutEnvelopeIsRead() throws {
        let bare = """
            <request xmlns="\(MessageFixtures.namespace)">\(MessageFixtures.header())
            <bibliographicInfo><title>Moby Dick</title></bibliographicInfo>
            <serviceInfo><serviceType>Loan</serviceType></serviceInfo></request>
            """
        let decoded = try decoder.decode(bare)
        #expect(decoded.hasEnvelope == false)
        #expect(decoded.message == (try decoder.decode(MessageFixtures.request())).message)
    }

    @Test(arguments: [
        ("1.0", Edition.v1_2), ("1.1", .v1_2), ("1.2", .v1_2), ("", .v1_2), ("2021-1", .v2021), ("2021-2", .v2021),
        ("2021-3", .v2021),
    ])
    func versionAttributePicksTheEdition(version: String, edition: Edition) throws {
        let qualified = try decoder.decode(MessageFixtures.request().replacingOccurrences(of: "\"1.2\"", with: "\"\(version)\""))
        #expect(qualified.edition == edition)
        #expect(qualified.declaredVersion == version)
        let unqualified = MessageFixtures.request().replacingOccurrences(of: "ill:version=\"1.2\"", with: "version=\"\(version)\"")
        #expect(try decoder.decode(unqualified).edition == edition)
    }

    @Test(arguments: [
        ("2024-12-12T20:12:00.629710681Z", "2024-12-12T20:12:00.629Z"),
        ("2023-09-29T12:55:16.209916600Z", "2023-09-29T12:55:16.209Z"),
        ("1900-01-01T01:01:01+0000", "1900-01-01T01:01:01Z"),
        ("2026-11-23T10:00:00+01:00", "2026-11-23T09:00:00Z"),
        ("2026-11-23T10:00:00-06:00", "2026-11-23T16:00:00Z"),
        ("2026-11-23 14:30:00", "2026-11-23T14:30:00Z"),
        ("2023-10-06", "2023-10-06T23:59:59Z"),
        ("0001-01-01T00:00:00.000Z", "0001-01-01T00:00:00Z"),
        (" 2026-11-23T10:00:00Z\n", "2026-11-23T10:00:00Z"),
    ])
    func timestampsAreReadLeniently(written: String, meaning: String) throws {
        let parsed = try #require(TimestampFormat.parse(written))
        #expect(TimestampFormat.format(parsed) == meaning)
    }

    @Test(arguments: ["yesterday", "2026-13-01T00:00:00Z", "2026-02-30", "2026-11-23T25:00:00Z", "2026-11-23T10:00:00+2", "20261123"])
    func impossibleTimestampsAreRefused(text: String) {
        #expect(TimestampFormat.parse(text) == nil)
    }

    @Test func emptyOptionalElementsAreAbsent() throws {
        let text = MessageFixtures.request().replacingOccurrences(
            of: "<serviceType>Loan</serviceType>",
            with: "<serviceType>Loan</serviceType><needBeforeDate/><serviceLevel></serviceLevel><anyEdition/><note>  </note>"
        )
        let service = try #require(try request(text).serviceInfo)
        #expect(service.needBeforeDate == nil)
        #expect(service.serviceLevel == nil)
        #expect(service.anyEdition == nil)
        #expect(service.note == nil)
    }

    @Test func codeValuesInAnyCaseAreRead() throws {
        let loan = try request(MessageFixtures.request(serviceType: "loan"))
        #expect(loan.serviceInfo?.serviceType == .loan)
        let copy = try request(MessageFixtures.request(serviceType: " COPYORLOAN "))
        #expect(copy.serviceInfo?.serviceType == .copyOrLoan)
        guard case .supplyingAgencyMessage(let message) = try decoder.decode(
            MessageFixtures.supplyingAgencyMessage(status: "willsupply", reason: "statuschange")
        ).message else { throw CancellationError() }
        #expect(message.statusInfo.status == .willSupply)
        #expect(message.messageInfo.reasonForMessage == .statusChange)
    }

    @Test func americanErrorTypeSpellingsAreRead() throws {
        for spelling in ["UnrecognizedDataValue", "unrecognisedDATAvalue", "UnrecognizedDataElement", "UnsupportedReasonforMessageType"] {
            #expect(ErrorType(lenient: spelling) != nil, "\(spelling)")
        }
        #expect(ErrorType(lenient: "UnrecognizedDataValue") == .unrecognisedDataValue)
    }

    @Test func openCodesKeepUnknownValuesAndCanonicaliseKnownOnes() throws {
        let text = MessageFixtures.request().replacingOccurrences(
            of: "<serviceType>Loan</serviceType>",
            with: "<serviceType>Loan</serviceType><serviceLevel>rush</serviceLevel><copyrightCompliance ill:scheme=\"urn:x-local\">LocalRule7</copyrightCompliance>"
        )
        let service = try #require(try request(text).serviceInfo)
        #expect(service.serviceLevel == .rush)
        #expect(service.copyrightCompliance == CopyrightCompliance("LocalRule7", scheme: "urn:x-local"))
        #expect(service.copyrightCompliance?.isDefaultValue == false)
    }

    @Test func unknownElementsAreIgnoredWithWarnings() throws {
        let text = MessageFixtures.request(extraBibliographic: "<issn>1234-5678</issn><oclcNumber>42</oclcNumber>")
        let decoded = try decoder.decode(text)
        #expect(decoded.warnings.map(\.path).contains("request/bibliographicInfo/issn"))
        #expect(decoded.warnings.count == 2)
    }

    @Test func strictModeRefusesUnknownElements() throws {
        let strict = ISO18626Decoder(options: .init(rejectUnknownElements: true))
        let text = MessageFixtures.request(extraBibliographic: "<issn>1234-5678</issn>")
        #expect {
            try strict.decode(text)
        } throws: { error in
            let error = error as? ISO18626DecodingError
            return error?.errorType == .unrecognisedDataElement && error?.description.contains("bibliographicInfo/issn") == true
        }
    }

    @Test func strictModeValidatesAgainstTheSchema() throws {
        let strict = ISO18626Decoder(options: .init(schemaValidator: try SchemaValidator.bundled()))
        #expect(throws: Never.self) { try strict.decode(MessageFixtures.request()) }
        // Valid for the tolerant reader, but the schema wants serviceType after requestType.
        let reordered = MessageFixtures.request().replacingOccurrences(
            of: "<serviceType>Loan</serviceType>",
            with: "<serviceType>Loan</serviceType><requestType>New</requestType>"
        )
        #expect(throws: Never.self) { try decoder.decode(reordered) }
        #expect {
            try strict.decode(reordered)
        } throws: { error in
            (error as? ISO18626DecodingError)?.errorType == .badlyFormedMessage
        }
    }

    @Test func activeSectionWrapperIsSeenThrough() throws {
        let text = MessageFixtures.envelope(
            "<requestingAgencyMessage>\(MessageFixtures.header())<activeSection><action>Received</action><note>#seq:4#</note></activeSection></requestingAgencyMessage>",
            version: "1.0"
        )
        let decoded = try decoder.decode(text)
        guard case .requestingAgencyMessage(let message) = decoded.message else { throw CancellationError() }
        #expect(message.action == .received)
        #expect(message.note == "#seq:4#")
        #expect(decoded.warnings.contains { $0.path.hasSuffix("activeSection") })
    }

    @Test func legacyAndCurrentElementNamesMeanTheSame() throws {
        let legacy = MessageFixtures.supplyingAgencyMessage().replacingOccurrences(
            of: "</statusInfo>",
            with: "</statusInfo><deliveryInfo><dateSent>2026-11-23T10:00:00Z</dateSent><sentVia>Mail</sentVia><deliveredFormat>Printed</deliveredFormat></deliveryInfo>"
        )
        let current = MessageFixtures.supplyingAgencyMessage().replacingOccurrences(
            of: "</statusInfo>",
            with: "</statusInfo><deliveryInfo><dateSent>2026-11-23T10:00:00Z</dateSent><deliveryMethod>Mail</deliveryMethod><itemFormat>Printed</itemFormat></deliveryInfo>"
        )
        #expect(try decoder.decode(legacy).message == (try decoder.decode(current)).message)
    }

    @Test func emptyLastChangeFallsBackToTheMessageTime() throws {
        let text = MessageFixtures.supplyingAgencyMessage().replacingOccurrences(
            of: "<lastChange>2026-11-23T10:00:00Z</lastChange>",
            with: "<lastChange/>"
        )
        let decoded = try decoder.decode(text)
        guard case .supplyingAgencyMessage(let message) = decoded.message else { throw CancellationError() }
        #expect(message.statusInfo.lastChange == message.header.timestamp)
        #expect(decoded.warnings.contains { $0.path.hasSuffix("lastChange") })
    }

    @Test func repeatedSingleElementTakesTheFirstWithAWarning() throws {
        let text = MessageFixtures.request(extraBibliographic: "<author>First</author><author>Second</author>")
        let decoded = try decoder.decode(text)
        guard case .request(let request) = decoded.message else { throw CancellationError() }
        #expect(request.bibliographicInfo.author == "First")
        #expect(decoded.warnings.contains { $0.message.contains("repeated") })
    }
}
