import Foundation
import ISO18626
import Testing

/// The 35 real messages from other implementations (`shared/reference/iso18626/samples`) are classified as
/// the wire-format issue requires, and everything that decodes survives a round trip through our encoder
/// into XML the published schemas accept.
@Suite(.enabled(if: ReferenceMaterial.testsRun, Comment(rawValue: ReferenceMaterial.unavailableReason)))
struct SampleConformanceTests {
    /// Samples that must be refused as they are, with the error a peer should get.
    static let expectedErrors: [String: (ErrorType, String)] = [
        "sam-06-crosslink-invalid-status.xml": (.unrecognisedDataValue, "statusInfo/status: 'WeCouldLoan'"),
        "ram-04-crosslink-invalid-action.xml": (.unsupportedActionType, "action: 'WeCancelThisMessage'"),
        // Templates with placeholders where values belong.
        "sam-07-modrs-cancelresponse-no-template.xml": (.unrecognisedDataValue, "header/timestamp: '_TIMESTAMP_'"),
        "sam-08-modrs-notification-unfilled.xml": (.unrecognisedDataValue, "header/timestamp: 'timestamp_holder'"),
        "sam-09-modrs-statuschange-expecttosupply-nonamespace.xml": (.unrecognisedDataValue, "header/timestamp: '_TIMESTAMP_'"),
        // request-06's timestamps are real (or empty and optional); its placeholder is the empty agency id.
        "request-06-modrs-retry-empty-elements.xml": (.unrecognisedDataValue, "requestingAgencyId/agencyIdValue: cannot be empty"),
    ]

    /// What each template needs to become a message.
    static let substitutions: [String: [(String, String)]] = [
        "sam-07-modrs-cancelresponse-no-template.xml": [("_TIMESTAMP_", "2026-11-23T09:15:00Z")],
        "sam-08-modrs-notification-unfilled.xml": [("timestamp_holder", "2026-11-23T09:15:00.123Z")],
        "sam-09-modrs-statuschange-expecttosupply-nonamespace.xml": [("_TIMESTAMP_", "2026-11-23T09:15:00+01:00")],
        "request-06-modrs-retry-empty-elements.xml": [
            ("<agencyIdValue></agencyIdValue>", "<agencyIdValue>DK-820010</agencyIdValue>")
        ],
    ]

    @Test func everySampleIsPresent() throws {
        #expect(try ReferenceMaterial.sampleNames().count == 35)
    }

    @Test(arguments: try ReferenceMaterial.sampleNames())
    func sampleIsClassified(name: String) throws {
        let text = try ReferenceMaterial.sample(name)
        let result = Result { () throws(ISO18626DecodingError) in try ISO18626Decoder().decode(text) }
        if let (errorType, fragment) = Self.expectedErrors[name] {
            guard case .failure(let error) = result else {
                Issue.record("\(name) decoded, but must be refused with \(errorType)")
                return
            }
            #expect(error.errorType == errorType, "\(name): \(error)")
            #expect(error.errorData.errorValue?.contains(fragment) == true, "\(name): \(error)")
            #expect(error.isRecognisedMessage, "\(name): the message type must be recovered for the confirmation")
            #expect(error.line != nil, "\(name): the error must say where")
        } else {
            if case .failure(let error) = result {
                Issue.record("\(name) must decode, but: \(error)")
            }
        }
    }

    @Test(arguments: Array(substitutions.keys).sorted())
    func templateDecodesOnceRealValuesAreSubstituted(name: String) throws {
        var text = try ReferenceMaterial.sample(name)
        for (placeholder, value) in Self.substitutions[name] ?? [] {
            text = text.replacingOccurrences(of: placeholder, with: value)
        }
        let decoded = try ISO18626Decoder().decode(text)
        #expect(decoded.message.header?.timestamp != nil)
    }

    @Test func refusedSampleStillEchoesItsHeaderIDs() throws {
        let text = try ReferenceMaterial.sample("sam-06-crosslink-invalid-status.xml")
        #expect {
            try ISO18626Decoder().decode(text)
        } throws: { error in
            guard let error = error as? ISO18626DecodingError else { return false }
            return error.kind == .supplyingAgencyMessage
                && error.ids.requestingAgencyID?.value != nil
                && error.ids.requestingAgencyRequestID != nil
        }
    }

    /// Every decodable sample re-encodes in its own edition into XML the published schema accepts, and
    /// decodes back to an equal value; where the other edition can carry it, the same holds there.
    @Test(arguments: try ReferenceMaterial.sampleNames().filter { expectedErrors[$0] == nil })
    func sampleRoundTripsThroughTheEncoder(name: String) throws {
        try assertRoundTrip(try ISO18626Decoder().decode(try ReferenceMaterial.sample(name)), name: name)
    }

    /// The templates, once filled in, round-trip as well.
    @Test(arguments: Array(substitutions.keys).sorted())
    func filledTemplateRoundTrips(name: String) throws {
        var text = try ReferenceMaterial.sample(name)
        for (placeholder, value) in Self.substitutions[name] ?? [] {
            text = text.replacingOccurrences(of: placeholder, with: value)
        }
        try assertRoundTrip(try ISO18626Decoder().decode(text), name: name)
    }

    private func assertRoundTrip(_ original: DecodedMessage, name: String) throws {
        let oracle = try #require(ReferenceMaterial.publishedSchemas)
        let encoder = ISO18626Encoder()
        if case .supplyingAgencyMessage(let message) = original.message, message.statusInfo.status == nil {
            // ReShare's refused cancels carry no status; illgate never emits a message without one.
            #expect {
                try encoder.encode(original.message, edition: original.edition)
            } throws: { ($0 as? ISO18626EncodingError)?.reason == .missingValue }
            return
        }
        var editions = [original.edition, original.edition == .v1_2 ? .v2021 : .v1_2]
        if original.message.header.map({ $0.supplyingAgencyID == nil }) == true {
            // A patron request without a supplier: the 2017 schema cannot carry it, the 2021 one can.
            #expect(throws: ISO18626EncodingError.self) { try encoder.encode(original.message, edition: .v1_2) }
            editions = [.v2021]
        }
        for (index, edition) in editions.enumerated() {
            let bytes: [UInt8]
            do {
                bytes = try encoder.encode(original.message, edition: edition)
            } catch {
                // Only the second edition may refuse (a value it cannot carry); the first must work.
                if index == 0 { Issue.record("\(name): \(error)") }
                continue
            }
            try oracle.validate(bytes, edition: edition)
            let again = try ISO18626Decoder().decode(bytes)
            #expect(again.edition == edition)
            if edition == original.edition {
                #expect(again.message == original.message, "\(name)")
            }
            let newWarnings = Set(again.warnings.map(\.path)).subtracting(original.warnings.map(\.path))
            #expect(newWarnings.isEmpty, "re-encoded \(name) needed tolerance: \(newWarnings)")
        }
    }
}
