import Foundation
import ISO18626
import Testing

/// Hostile and broken inputs each get the right errorType, and none crashes or hangs the decoder.
@Suite struct HostileInputTests {
    let decoder = ISO18626Decoder()

    private func decodingError(_ text: String) -> ISO18626DecodingError? {
        decodingError(Array(text.utf8))
    }

    private func decodingError(_ bytes: [UInt8]) -> ISO18626DecodingError? {
        do {
            _ = try decoder.decode(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func externalEntityIsRefusedAndNeverRead() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("illgate-xxe-\(UUID()).txt")
        try "TOP-SECRET".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE request [<!ENTITY xxe SYSTEM "file://\(secret.path)">]>
            <request xmlns="\(MessageFixtures.namespace)">\(MessageFixtures.header(requestID: "&xxe;"))
            <bibliographicInfo><title>&xxe;</title></bibliographicInfo></request>
            """
        let error = try #require(decodingError(text))
        #expect(error.errorType == .badlyFormedMessage)
        #expect(error.description.contains("DOCTYPE"))
        #expect(!error.description.contains("TOP-SECRET"))
    }

    @Test func billionLaughsIsRefusedQuickly() throws {
        var entities = "<!ENTITY lol0 \"lol\">"
        for level in 1...10 {
            let previous = "&lol\(level - 1);"
            entities += "<!ENTITY lol\(level) \"\(String(repeating: previous, count: 10))\">"
        }
        let text = "<?xml version=\"1.0\"?><!DOCTYPE lolz [\(entities)]><request>&lol10;</request>"
        let started = ContinuousClock.now
        let error = try #require(decodingError(text))
        #expect(error.errorType == .badlyFormedMessage)
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func deepNestingIsRefused() throws {
        let depth = 10_000
        let text = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let error = try #require(decodingError(text))
        #expect(error.errorType == .badlyFormedMessage)
        #expect(!error.isRecognisedMessage)
    }

    @Test func deepNestingInsideARealMessageIsRefused() throws {
        let deep = String(repeating: "<x>", count: 5_000) + String(repeating: "</x>", count: 5_000)
        let error = try #require(decodingError(MessageFixtures.request(extraBibliographic: deep)))
        #expect(error.errorType == .badlyFormedMessage)
    }

    @Test func twentyMegabyteBodyIsRefusedBeforeParsing() throws {
        let padding = String(repeating: "x", count: 20 * 1024 * 1024)
        let text = MessageFixtures.request(extraBibliographic: "<note>\(padding)</note>")
        let error = try #require(decodingError(text))
        #expect(error.errorType == .badlyFormedMessage)
        #expect(error.description.contains("limit"))
    }

    @Test func invalidUTF8IsRefused() throws {
        var bytes = Array(MessageFixtures.request().utf8)
        let title = try #require(bytes.firstRange(of: Array("Moby".utf8)))
        bytes.replaceSubrange(title, with: [0xC3, 0x28, 0xFF, 0xFE])
        let error = try #require(decodingError(bytes))
        #expect(error.errorType == .badlyFormedMessage)
        #expect(error.line != nil)
    }

    @Test func notXMLAtAllIsRefusedAsUnrecognisable() throws {
        let error = try #require(decodingError("this is not xml"))
        #expect(error.errorType == .badlyFormedMessage)
        #expect(!error.isRecognisedMessage)
        #expect(try #require(decodingError("")).errorType == .badlyFormedMessage)
    }

    @Test func wrongRootElementIsRefused() throws {
        let error = try #require(decodingError("<invoice xmlns=\"\(MessageFixtures.namespace)\"><total>1</total></invoice>"))
        #expect(error.errorType == .badlyFormedMessage)
        #expect(error.description.contains("invoice"))
        #expect(!error.isRecognisedMessage)
    }

    @Test func unknownMessageTypeIsRefused() throws {
        let error = try #require(decodingError(MessageFixtures.envelope("<loanOfferMessage>\(MessageFixtures.header())</loanOfferMessage>")))
        #expect(error.errorType == .unrecognisedDataElement)
        #expect(error.description.contains("loanOfferMessage"))
        #expect(!error.isRecognisedMessage)
    }

    @Test func missingMandatoryElementIsRefused() throws {
        let text = MessageFixtures.request().replacingOccurrences(
            of: "<serviceType>Loan</serviceType>",
            with: "<requestType>New</requestType>"
        )
        let error = try #require(decodingError(text))
        #expect(error.errorType == .badlyFormedMessage)
        #expect(error.description.contains("serviceInfo/serviceType: mandatory element is missing"))
        #expect(error.kind == .request)
        #expect(error.ids.requestingAgencyRequestID == "REQ-1")
        #expect(error.ids.requestingAgencyID == AgencyID(type: .isil, value: "US-NNC"))
    }

    @Test func missingHeaderIsRefused() throws {
        let text = MessageFixtures.envelope("<requestingAgencyMessage><action>Received</action></requestingAgencyMessage>")
        let error = try #require(decodingError(text))
        #expect(error.errorType == .badlyFormedMessage)
        #expect(error.description.contains("requestingAgencyMessage/header"))
    }

    @Test func badEnumerationValuesGetTheirSpecificErrorTypes() throws {
        let serviceType = try #require(decodingError(MessageFixtures.request(serviceType: "Borrow")))
        #expect(serviceType.errorType == .unrecognisedDataValue)
        #expect(serviceType.description.contains("serviceType: 'Borrow'"))

        let status = try #require(decodingError(MessageFixtures.supplyingAgencyMessage(status: "Lent")))
        #expect(status.errorType == .unrecognisedDataValue)

        let reason = try #require(decodingError(MessageFixtures.supplyingAgencyMessage(reason: "Gossip")))
        #expect(reason.errorType == .unsupportedReasonForMessageType)
        #expect(reason.description.contains("Gossip"))

        let action = try #require(decodingError(MessageFixtures.requestingAgencyMessage(action: "Burn")))
        #expect(action.errorType == .unsupportedActionType)
    }

    @Test func wrongNamespaceIsRefused() throws {
        let text = MessageFixtures.request().replacingOccurrences(
            of: "xmlns=\"\(MessageFixtures.namespace)\" xmlns:ill=\"\(MessageFixtures.namespace)\"",
            with: "xmlns=\"https://example.com/ill/request\" xmlns:ill=\"https://example.com/ill/request\""
        )
        let error = try #require(decodingError(text))
        #expect(error.errorType == .badlyFormedMessage)
        #expect(error.description.contains("https://example.com/ill/request"))
    }

    @Test func badTimestampDecimalAndNumberAreNamed() throws {
        let timestamp = try #require(
            decodingError(MessageFixtures.request().replacingOccurrences(of: "2026-11-23T10:00:00Z", with: "yesterday"))
        )
        #expect(timestamp.errorType == .unrecognisedDataValue)
        #expect(timestamp.description.contains("header/timestamp: 'yesterday'"))

        let costs = """
            <billingInfo><maximumCosts><currencyCode>USD</currencyCode><monetaryValue>12,50</monetaryValue></maximumCosts></billingInfo>
            """
        let amount = try #require(
            decodingError(MessageFixtures.request().replacingOccurrences(of: "</request>", with: costs + "</request>"))
        )
        #expect(amount.errorType == .unrecognisedDataValue)
        #expect(amount.description.contains("monetaryValue: '12,50'"))
    }

    @Test func mismatchedTagsAreRefusedWithPosition() throws {
        let error = try #require(decodingError("<request>\n<header></request>"))
        #expect(error.errorType == .badlyFormedMessage)
        #expect(error.line == 2)
        #expect(error.column != nil)
    }

    /// Random corruption of a valid message never crashes the decoder: it either decodes or says why.
    @Test func randomCorruptionNeverCrashes() throws {
        let original = Array(MessageFixtures.request().utf8)
        var generator = SplitMix64(seed: 18626)
        for _ in 0..<2_000 {
            var bytes = original
            for _ in 0..<Int(generator.next() % 4 + 1) {
                let index = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 3 {
                case 0: bytes[index] = UInt8(truncatingIfNeeded: generator.next())
                case 1: bytes.remove(at: index)
                default: bytes.insert(UInt8(truncatingIfNeeded: generator.next()), at: index)
                }
            }
            if let error = decodingError(bytes) {
                #expect(error.errorData.errorValue?.isEmpty == false)
            }
        }
    }
}

/// A small deterministic random number generator, so corruption tests are repeatable.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
