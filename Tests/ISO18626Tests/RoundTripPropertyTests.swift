import Foundation
import ISO18626
import PropertyBased
import Testing

/// Property-based round trips through the wire format: whatever the encoder writes (and the schema accepts),
/// the decoder reads back as the same message; text escaping, timestamps and decimal amounts survive exactly.
///
/// Generators are in `Generators/RoundTripGenerators.swift` (leaves) and
/// `Generators/RoundTripMessageGenerators.swift` (whole messages, per edition).
@Suite struct RoundTripPropertyTests {
    static let casesPerMessageKind = 300

    // MARK: 1. Every message type, both editions

    /// encode (validated against the edition's schema) → decode gives the same message, the same edition,
    /// no warnings, and encoding the decoded message again gives the same bytes. The pretty-printed form
    /// (indentation between elements) decodes to the same message too.
    @Test(arguments: MessageKind.allCases, Edition.allCases)
    func messageSurvivesEncodeAndDecode(kind: MessageKind, edition: Edition) async throws {
        let validator = try SchemaValidator.bundled()
        let encoder = ISO18626Encoder(validator: validator)
        let prettyEncoder = ISO18626Encoder(prettyPrinted: true, validator: validator)
        let decoder = ISO18626Decoder()
        await propertyCheck(count: Self.casesPerMessageKind, input: RoundTripMessages.message(kind, edition)) { original in
            let bytes: [UInt8]
            do {
                bytes = try encoder.encode(original, edition: edition)
            } catch {
                Issue.record("encoding \(kind) in \(edition) failed: \(error)\n\(Self.unvalidatedXML(original, edition))")
                return
            }
            let xml = String(decoding: bytes, as: UTF8.self)
            let decoded: DecodedMessage
            do {
                decoded = try decoder.decode(bytes)
            } catch {
                Issue.record("decoding failed: \(error)\n\(xml)")
                return
            }
            #expect(decoded.edition == edition)
            #expect(decoded.declaredVersion == edition.versionAttribute)
            #expect(decoded.hasEnvelope)
            #expect(decoded.warnings.isEmpty, "\(decoded.warnings)\n\(xml)")
            #expect(
                decoded.message == original,
                "first difference: \(Self.firstDifference(decoded: decoded.message, original: original) ?? "none found")\n\(xml)"
            )
            if decoded.message == original {
                let again = try? encoder.encode(decoded.message, edition: edition)
                #expect(again == bytes, "re-encoding the decoded message changed the document\n\(xml)")
            }

            do {
                let pretty = try prettyEncoder.encode(original, edition: edition)
                let decodedPretty = try decoder.decode(pretty)
                #expect(
                    decodedPretty.message == original,
                    "pretty-printed: \(Self.firstDifference(decoded: decodedPretty.message, original: original) ?? "none found")"
                )
            } catch {
                Issue.record("pretty-printed round trip failed: \(error)\n\(xml)")
            }
        }
    }

    // MARK: 2. Escaping

    /// Any string put into a note comes back without the characters XML 1.0 cannot carry, trimmed,
    /// scalar for scalar (no normalisation), or as no note when nothing is left.
    @Test(arguments: Edition.allCases)
    func noteTextSurvivesEscaping(edition: Edition) async throws {
        let encoder = ISO18626Encoder(validator: try SchemaValidator.bundled())
        let decoder = ISO18626Decoder()
        await propertyCheck(count: 500, input: RoundTripGen.anyString) { text in
            let message = ISO18626Message.requestingAgencyMessage(
                RequestingAgencyMessage(header: Self.fixedHeader, action: .notification, note: text)
            )
            let expected = Self.expectedText(afterRoundTripOf: text)
            let bytes: [UInt8]
            do {
                bytes = try encoder.encode(message, edition: edition)
            } catch {
                Issue.record("encoding a note of \(Self.scalarDump(text)) failed: \(error)")
                return
            }
            guard case .requestingAgencyMessage(let decoded) = try? decoder.decode(bytes).message else {
                Issue.record("decoding failed for a note of \(Self.scalarDump(text))\n\(String(decoding: bytes, as: UTF8.self))")
                return
            }
            #expect(
                decoded.note.map(Self.scalarDump) == expected.map(Self.scalarDump),
                "note \(Self.scalarDump(text))"
            )
        }
    }

    /// The same for an open code's value and its `scheme` attribute, which is escaped differently (quotes,
    /// tab and LF as character references so that attribute-value normalisation keeps them). The scheme is
    /// any string here, most of which `xs:anyURI` refuses, so this encoder does not validate (the message
    /// round trip covers validated schemes).
    @Test(arguments: Edition.allCases)
    func codeValueAndSchemeSurviveEscaping(edition: Edition) async throws {
        let encoder = ISO18626Encoder()
        let decoder = ISO18626Decoder()
        let input = zip(RoundTripGen.anyString, RoundTripGen.anyString.optional(valueRate: 0.8))
        await propertyCheck(count: 500, input: input) { value, scheme in
            var message = SupplyingAgencyMessage(
                header: Self.fixedHeader,
                messageInfo: MessageInfo(reasonForMessage: .requestResponse, reasonUnfilled: ReasonUnfilled(value, scheme: scheme)),
                statusInfo: StatusInfo(status: .unfilled, lastChange: Self.fixedHeader.timestamp)
            )
            message.header.requestingAgencyAuthentication = nil
            let bytes: [UInt8]
            do {
                bytes = try encoder.encode(.supplyingAgencyMessage(message), edition: edition)
            } catch {
                Issue.record("encoding \(Self.scalarDump(value)) scheme \(scheme.map(Self.scalarDump) ?? "nil") failed: \(error)")
                return
            }
            let xml = String(decoding: bytes, as: UTF8.self)
            guard case .supplyingAgencyMessage(let decoded) = try? decoder.decode(bytes).message else {
                Issue.record("decoding failed\n\(xml)")
                return
            }
            let read = decoded.messageInfo.reasonUnfilled
            guard let expectedValue = Self.expectedText(afterRoundTripOf: value) else {
                #expect(read == nil, "\(xml)")
                return
            }
            let expectedScheme = scheme.flatMap(Self.expectedText(afterRoundTripOf:))
            // Without a scheme, a default value in another letter case takes the standard's spelling.
            var wanted = expectedValue
            if expectedScheme == nil, !ReasonUnfilledList.knownValues.contains(expectedValue),
                let canonical = ReasonUnfilledList.knownValues.first(where: { $0.lowercased() == expectedValue.lowercased() })
            {
                wanted = canonical
            }
            #expect(read.map { Self.scalarDump($0.value) } == Self.scalarDump(wanted), "value \(Self.scalarDump(value))")
            #expect(
                read?.scheme.map(Self.scalarDump) == expectedScheme.map(Self.scalarDump),
                "scheme \(scheme.map(Self.scalarDump) ?? "nil")"
            )
        }
    }

    // MARK: 3. Timestamps

    @Test func timestampFormatThenParseIsIdentity() async {
        await propertyCheck(count: 2000, input: RoundTripGen.date(in: RoundTripGen.fullMilliseconds)) { date in
            let text = TimestampFormat.format(date)
            #expect(TimestampFormat.parse(text) == date, "\(text) from \(date.timeIntervalSince1970)")
        }
    }

    /// An oracle for the calendar arithmetic: the anchors below are right, and the day after any date is
    /// formatted as the next calendar date (naive leap-year rule) at the same time of day. By induction from
    /// 1970-01-01 this pins down every date in 0001...9999.
    @Test func timestampFormatFollowsTheProlepticGregorianCalendar() async {
        let anchors: [(Int64, String)] = [
            (0, "1970-01-01T00:00:00Z"),
            (-1, "1969-12-31T23:59:59.999Z"),
            (951_782_400_000, "2000-02-29T00:00:00Z"),
            (-2_203_891_200_000, "1900-03-01T00:00:00Z"),
            (-62_135_596_800_000, "0001-01-01T00:00:00Z"),
            (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
            (1_795_000_000_250, "2026-11-18T11:06:40.250Z"),
        ]
        for (milliseconds, text) in anchors {
            #expect(TimestampFormat.format(RoundTripGen.date(milliseconds: milliseconds)) == text)
            #expect(TimestampFormat.parse(text) == RoundTripGen.date(milliseconds: milliseconds))
        }
        let day: Int64 = 86_400_000
        let range = RoundTripGen.fullMilliseconds.lowerBound...(RoundTripGen.fullMilliseconds.upperBound - day)
        await propertyCheck(count: 2000, input: RoundTripGen.date(in: range)) { date in
            let today = TimestampFormat.format(date)
            let tomorrow = TimestampFormat.format(date.addingTimeInterval(86_400))
            guard let (year, month, dayOfMonth) = Self.calendarDate(today), let next = Self.calendarDate(tomorrow) else {
                Issue.record("not yyyy-mm-ddT...: \(today) / \(tomorrow)")
                return
            }
            let expected =
                dayOfMonth < RoundTripGen.daysInMonth(month, year: year) ? (year, month, dayOfMonth + 1)
                : month < 12 ? (year, month + 1, 1) : (year + 1, 1, 1)
            #expect(next == expected, "\(today) → \(tomorrow)")
            #expect(today.dropFirst(10) == tomorrow.dropFirst(10), "\(today) → \(tomorrow)")
        }
    }

    /// `+hh:mm`, `+hhmm`, `+hh`, `-hh:mm`, `-hhmm`, `-hh`: the local time shifted by the offset, written with
    /// that offset, is the same instant as the Z form.
    @Test func timestampOffsetFormsAreTheSameInstant() async {
        let margin: Int64 = 15 * 3_600_000
        let range = (RoundTripGen.fullMilliseconds.lowerBound + margin)...(RoundTripGen.fullMilliseconds.upperBound - margin)
        let input = zip(
            RoundTripGen.date(in: range),
            Gen.int(in: 0...14),
            Gen.int(in: 0...59),
            Gen.bool,
            Gen.int(in: 0...2)
        )
        await propertyCheck(count: 2000, input: input) { date, hours, minutes, negative, style in
            let minutes = style == 2 ? 0 : minutes  // the ±hh form has no minutes
            let offsetSeconds = Double((hours * 60 + minutes) * 60) * (negative ? -1 : 1)
            let local = TimestampFormat.format(date.addingTimeInterval(offsetSeconds))
            #expect(local.hasSuffix("Z"))
            let hh = hours < 10 ? "0\(hours)" : "\(hours)"
            let mm = minutes < 10 ? "0\(minutes)" : "\(minutes)"
            let suffix =
                switch style {
                case 0: "\(hh):\(mm)"
                case 1: "\(hh)\(mm)"
                default: hh
                }
            let text = local.dropLast() + (negative ? "-" : "+") + suffix
            #expect(TimestampFormat.parse(String(text)) == date, "\(text) vs \(TimestampFormat.format(date))")
            #expect(TimestampFormat.parse(TimestampFormat.format(date)) == date)
        }
    }

    // MARK: 4. Decimals

    @Test func decimalFormatThenParseIsIdentity() async {
        let input = Gen<Decimal>.frequency((2, RoundTripGen.amount), (1, RoundTripGen.wideDecimal))
        await propertyCheck(count: 2000, input: input) { value in
            let text = DecimalFormat.format(value)
            #expect(DecimalFormat.parse(text) == value, "\(text)")
        }
    }

    // MARK: Helpers

    static let fixedHeader = Header(
        supplyingAgencyID: AgencyID(type: .isil, value: "DK-820010"),
        requestingAgencyID: AgencyID(type: .isil, value: "US-NNC"),
        timestamp: Date(timeIntervalSince1970: 1_795_000_000),
        requestingAgencyRequestID: "REQ-1"
    )

    /// What the decoder should read back: the text without characters XML 1.0 cannot carry, trimmed of
    /// XML white space (code points, as the decoder trims), or `nil` when nothing is left.
    static func expectedText(afterRoundTripOf text: String) -> String? {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { !RoundTripGen.isForbiddenInXML($0) })
        let trimmed = RoundTripGen.xmlTrimmed(String(scalars))
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Year, month and day of a `yyyy-mm-ddT...` text.
    static func calendarDate(_ text: String) -> (Int, Int, Int)? {
        let parts = text.prefix(10).split(separator: "-")
        guard text.count > 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            return nil
        }
        return (year, month, day)
    }

    /// The scalars of a string, so that comparisons are exact (String's `==` ignores normalisation).
    static func scalarDump(_ text: String) -> String {
        text.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
    }

    static func unvalidatedXML(_ message: ISO18626Message, _ edition: Edition) -> String {
        (try? ISO18626Encoder().encodeString(message, edition: edition)) ?? "(cannot encode even without validation)"
    }

    /// The path of the first field where two values differ, with both values.
    static func firstDifference(decoded: Any, original: Any, path: String = "message") -> String? {
        if let left = decoded as? Decimal, let right = original as? Decimal {
            return left == right ? nil : "\(path): decoded \(left), original \(right)"
        }
        if let left = decoded as? String, let right = original as? String {
            return left.unicodeScalars.elementsEqual(right.unicodeScalars)
                ? nil : "\(path): decoded \(String(reflecting: left)), original \(String(reflecting: right))"
        }
        if let left = decoded as? Date, let right = original as? Date {
            return left == right
                ? nil : "\(path): decoded \(left.timeIntervalSince1970), original \(right.timeIntervalSince1970)"
        }
        let leftMirror = Mirror(reflecting: decoded)
        let rightMirror = Mirror(reflecting: original)
        let leftChildren = Array(leftMirror.children)
        let rightChildren = Array(rightMirror.children)
        guard !leftChildren.isEmpty || !rightChildren.isEmpty else {
            let left = String(reflecting: decoded)
            let right = String(reflecting: original)
            return left == right ? nil : "\(path): decoded \(left), original \(right)"
        }
        guard leftChildren.count == rightChildren.count,
            zip(leftChildren, rightChildren).allSatisfy({ $0.label == $1.label })
        else {
            return "\(path): decoded \(String(reflecting: decoded)), original \(String(reflecting: original))"
        }
        for (index, (left, right)) in zip(leftChildren, rightChildren).enumerated() {
            let step = left.label.map { leftMirror.displayStyle == .optional ? "?" : ".\($0)" } ?? "[\(index)]"
            if let difference = firstDifference(decoded: left.value, original: right.value, path: path + step) {
                return difference
            }
        }
        return nil
    }
}
