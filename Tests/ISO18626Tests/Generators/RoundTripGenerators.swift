import Foundation
import ISO18626
import PropertyBased

// Random inputs for RoundTripPropertyTests.
//
// Leaves (text, schemes, dates, amounts, scalars) are built from PropertyBased's combinators, so they
// shrink when used directly. Whole messages are assembled imperatively by `RoundTripDraw`, which draws
// from those leaves with the property checker's seeded generator: the message types are too large and
// too conditional (per edition) for `zip`, and this keeps `.fixedSeed(...)` reproduction working.

/// Leaf generators.
enum RoundTripGen {
    // MARK: Text

    /// Pieces of text that XML must escape or that stress UTF-8: never XML white space at either end.
    static let specialPieces: [String] = [
        "&", "<", ">", "\"", "'", "&amp;", "&#13;", "]]>", "<!--", "-->", "<![CDATA[x]]>", "<a b=\"c\">",
        "é", "e\u{301}", "Zürich", "Ærø", "ß", "Ω", "中", "中文", "日本語", "한국어", "עברית", "العربية",
        "😀", "👩‍👩‍👧", "🇩🇰", "𝄞", "\u{A0}", "\u{85}", "\u{2028}", "\u{FEFF}", scalarString(0xFDD0), "\u{FFFD}",
        scalarString(0x10FFFD), "\u{7F}", "%20", "\\", "{}", "#", ",", ";", "; ", "ISIL:DK-820010", "0", "-1", "Y", "N",
    ]

    /// White space that may only appear inside a value (the decoder trims the ends).
    static let innerSpace: [String] = [" ", "  ", "\n", "\r", "\t", "\r\n", " \n "]

    static let textPiece = Gen<String>.frequency(
        (5, Gen.letterOrNumber.string(of: 1...8)),
        (3, Gen<String?>.element(of: specialPieces).map { $0! }),
        (2, Gen<String?>.element(of: innerSpace).map { $0! })
    )

    /// Non-empty text without surrounding XML white space: what survives the decoder unchanged.
    static let text = textPiece.array(of: 1...6).map { pieces -> String in
        let trimmed = xmlTrimmed(pieces.joined())
        return trimmed.isEmpty ? "x" : trimmed
    }

    // MARK: Code list schemes

    static let schemePrefix = Gen<String?>.element(of: [
        "http://example.org/codes/", "https://illtransactions.org/schemes/", "urn:x-illgate:", "info:local/",
        "http://www.ifla.org/ILL/",
    ]).map { $0! }

    /// Characters an `xs:anyURI` attribute can hold as libxml2 checks it (it replaces spaces, quotes,
    /// angle brackets and non-ASCII before parsing the URI), so no `%`, `#`, `[` or `]`.
    static let schemePiece = Gen<String>.frequency(
        (4, Gen.letterOrNumber.string(of: 1...8)),
        (2, Gen<String?>.element(of: [
            "-", ".", "/", ":", "&", "'", "\"", "<", ">", "é", "中", "😀", " ", "\n", "\t", "\r", "?a=b", "~", "_",
        ]).map { $0! })
    )

    /// A non-empty, trimmed `scheme` attribute value.
    static let scheme = zip(schemePrefix, schemePiece.array(of: 0...4)).map { prefix, pieces in
        xmlTrimmed(prefix + pieces.joined())
    }

    // MARK: Dates and amounts

    /// 1900-01-01T00:00:00.000Z ... 2099-12-31T23:59:59.999Z in milliseconds since 1970.
    static let messageMilliseconds: ClosedRange<Int64> = -2_208_988_800_000...4_102_444_799_999
    /// 0001-01-01T00:00:00.000Z ... 9999-12-31T23:59:59.999Z in milliseconds since 1970.
    static let fullMilliseconds: ClosedRange<Int64> = -62_135_596_800_000...253_402_300_799_999

    /// Whole-millisecond dates in a range, mostly uniform, some near its ends, near the epoch (negative
    /// values just below it) or on either side of a 1 March (leap days); half of them whole seconds.
    static func date(in range: ClosedRange<Int64>) -> Generator<Date, some Sequence & SendableMetatype> {
        let day: Int64 = 86_400_000
        let nearStart = range.lowerBound...min(range.upperBound, range.lowerBound + 2 * day)
        let nearEnd = max(range.lowerBound, range.upperBound - 2 * day)...range.upperBound
        let nearEpoch = max(range.lowerBound, -2 * day)...min(range.upperBound, 2 * day)
        let milliseconds = Gen<Int64>.frequency(
            (6, Gen.int64(in: range)),
            (1, Gen.int64(in: nearStart)),
            (1, Gen.int64(in: nearEnd)),
            (1, Gen.int64(in: nearEpoch)),
            (1, zip(Gen.int(in: 1...9999), Gen.int64(in: -2 * day...2 * day)).map { year, offset in
                clamp(millisecondsOfFirstOfMarch(year) + offset, to: range)
            })
        )
        return zip(milliseconds, Gen.bool).map { milliseconds, wholeSecond in
            date(milliseconds: wholeSecond ? milliseconds - floorMod(milliseconds, 1000) : milliseconds)
        }
    }

    static func clamp(_ value: Int64, to range: ClosedRange<Int64>) -> Int64 {
        min(max(value, range.lowerBound), range.upperBound)
    }

    /// Milliseconds since 1970 of 1 March of a proleptic Gregorian year, counted day by day from 1970
    /// (an independent, deliberately naive count).
    static func millisecondsOfFirstOfMarch(_ year: Int) -> Int64 {
        // 1970-03-01 is day 59.
        var days: Int64 = 59
        if year >= 1970 {
            for y in 1970..<year { days += isLeapYear(y + 1) ? 366 : 365 }
        } else {
            for y in year..<1970 { days -= isLeapYear(y + 1) ? 366 : 365 }
        }
        return days * 86_400_000
    }

    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static let messageDate: Generator<Date, some Sequence & SendableMetatype> = date(in: messageMilliseconds)

    static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    static func floorMod(_ value: Int64, _ divisor: Int64) -> Int64 {
        ((value % divisor) + divisor) % divisor
    }

    /// An exact decimal `units × 10^-places`.
    static func decimal(units: Int64, places: Int) -> Decimal {
        Decimal(
            sign: units < 0 ? .minus : .plus,
            exponent: -places,
            significand: Decimal(units.magnitude)
        )
    }

    /// Monetary values: integers with 0-2 decimal places, mostly of a realistic size.
    static let amount = zip(
        Gen<Int64>.frequency(
            (4, Gen.int64(in: -100_000...100_000)),
            (1, Gen.int64(in: -1_000_000_000_000_000...1_000_000_000_000_000)),
            (1, Gen.int64())
        ),
        Gen.int(in: 0...2)
    ).map { units, places in decimal(units: units, places: places) }

    /// Wider decimals for the format property: any 64-bit significand, 0-6 decimal places.
    static let wideDecimal = zip(Gen.int64(), Gen.int(in: 0...6)).map { units, places in
        decimal(units: units, places: places)
    }

    // MARK: Arbitrary strings (escaping property)

    /// Any Unicode scalar, weighted towards those the encoder must escape or drop.
    static let anyScalar = Gen<Character>.frequency(
        (3, Gen.unicodeScalar(in: "\u{0}"..."\u{1F}").map(Character.init)),
        (6, Gen.unicodeScalar(in: " "..."~").map(Character.init)),
        (3, Gen<String?>.element(of: ["&", "<", ">", "\"", "'", " ", "\t", "\n", "\r", "\r\n"]).map { Character($0!) }),
        (1, Gen.unicodeScalar(in: "\u{7F}"..."\u{FF}").map(Character.init)),
        (1, Gen.unicodeScalar(in: "\u{300}"..."\u{36F}").map(Character.init)),
        (2, Gen.unicodeScalar(in: "\u{100}"..."\u{D7FF}").map(Character.init)),
        (2, Gen.unicodeScalar(in: "\u{E000}"..."\u{FFFF}").map(Character.init)),
        (2, Gen<UInt32?>.element(of: [0xFFFE, 0xFFFF, 0xFDD0, 0xFEFF, 0x85, 0x2028, 0x10FFFF])
            .map { Character(Unicode.Scalar($0!)!) }),
        (2, Gen.unicodeScalar(in: "\u{10000}"..."\u{10FFFF}").map(Character.init))
    )

    static let anyString = anyScalar.array(of: 0...24).map { String($0) }

    // MARK: Helpers

    /// A one-scalar string (for noncharacters, which Swift string literals refuse).
    static func scalarString(_ value: UInt32) -> String {
        String(Character(Unicode.Scalar(value)!))
    }

    /// The white space XML allows around element content: the scalars space, tab, LF and CR (XML 1.0's S),
    /// trimmed one code point at a time, as the decoder does, even when a combining mark follows.
    static func isXMLSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    static func xmlTrimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isXMLSpace($0) }),
            let last = scalars.lastIndex(where: { !isXMLSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Whether XML 1.0 cannot carry the scalar at all (C0 controls but tab/LF/CR, U+FFFE, U+FFFF).
    static func isForbiddenInXML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00..<0x20: true
        case 0xFFFE, 0xFFFF: true
        default: false
        }
    }

    /// The default values of each open list, sorted so that seeded draws are reproducible (a Set's order is not).
    static let sortedKnownValues: [String: [String]] = {
        func entry<L: OpenCodeList>(_: L.Type) -> (String, [String]) { (L.listName, L.knownValues.sorted()) }
        return Dictionary(uniqueKeysWithValues: [
            entry(AgencyIDTypeList.self), entry(ElectronicAddressTypeList.self), entry(CountryList.self),
            entry(RegionList.self), entry(BibliographicItemIdentifierCodeList.self),
            entry(BibliographicRecordIdentifierCodeList.self), entry(PublicationTypeList.self),
            entry(ServiceLevelList.self), entry(ItemFormatList.self), entry(CopyrightComplianceList.self),
            entry(LoanConditionList.self), entry(ReasonUnfilledList.self), entry(ReasonRetryList.self),
            entry(DeliveryMethodList.self), entry(CourierNameList.self), entry(PatronTypeList.self),
            entry(BillingMethodList.self), entry(PaymentMethodList.self), entry(CurrencyCodeList.self),
        ])
    }()

    static func knownValues<L: OpenCodeList>(_: L.Type) -> [String] {
        sortedKnownValues[L.listName] ?? L.knownValues.sorted()
    }

    /// A generator that builds a value imperatively from a `RoundTripDraw`.
    static func build<Value: Sendable>(
        _ body: @Sendable @escaping (inout RoundTripDraw) -> Value
    ) -> Generator<Value, Shrink.None<Value>> {
        Generator { rng in
            var draw = RoundTripDraw(rng: rng)
            let value = body(&draw)
            rng = draw.rng
            return value
        }
    }
}

/// Draws random values from the property checker's seeded generator.
struct RoundTripDraw {
    var rng: any SeededRandomNumberGenerator

    // MARK: Primitives

    mutating func callAsFunction<Value, Shrinks: Sequence & SendableMetatype>(_ generator: Generator<Value, Shrinks>) -> Value {
        generator.run(using: &rng)
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &rng) < probability
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &rng)
    }

    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[int(0...(elements.count - 1))]
    }

    mutating func maybe<Value>(_ probability: Double = 0.5, _ make: (inout RoundTripDraw) -> Value) -> Value? {
        chance(probability) ? make(&self) : nil
    }

    mutating func many<Value>(_ count: ClosedRange<Int>, _ make: (inout RoundTripDraw) -> Value) -> [Value] {
        (0..<int(count)).map { _ in make(&self) }
    }

    // MARK: Leaves

    mutating func text() -> String { self(RoundTripGen.text) }

    mutating func optionalText(_ probability: Double = 0.5) -> String? {
        chance(probability) ? text() : nil
    }

    mutating func texts(_ count: ClosedRange<Int>) -> [String] { many(count) { $0.text() } }

    mutating func date() -> Date { self(RoundTripGen.messageDate) }

    mutating func optionalDate(_ probability: Double = 0.5) -> Date? {
        chance(probability) ? date() : nil
    }

    mutating func bool() -> Bool { chance(0.5) }

    mutating func optionalBool(_ probability: Double = 0.5) -> Bool? {
        chance(probability) ? bool() : nil
    }

    /// A value of an open list: half default values, half arbitrary text; sometimes with a scheme.
    /// Without a scheme, a value that is a default value in another letter case is read back in the
    /// standard's spelling, so such values are drawn in that spelling.
    mutating func code<List: OpenCodeList>(_: List.Type = List.self, schemeAllowed: Bool = true) -> OpenCode<List> {
        let known = RoundTripGen.knownValues(List.self)
        let scheme = schemeAllowed && chance(0.3) ? self(RoundTripGen.scheme) : nil
        var value = !known.isEmpty && chance(0.5) ? pick(known) : text()
        if scheme == nil, !known.contains(value) {
            let folded = value.lowercased()
            if let canonical = known.first(where: { $0.lowercased() == folded }) { value = canonical }
        }
        return OpenCode(value, scheme: scheme)
    }

    mutating func optionalCode<List: OpenCodeList>(
        _: List.Type = List.self,
        _ probability: Double = 0.5,
        schemeAllowed: Bool = true
    ) -> OpenCode<List>? {
        chance(probability) ? code(List.self, schemeAllowed: schemeAllowed) : nil
    }

    mutating func codes<List: OpenCodeList>(_: List.Type = List.self, _ count: ClosedRange<Int>) -> [OpenCode<List>] {
        many(count) { $0.code(List.self) }
    }

    mutating func costs() -> Costs {
        Costs(currencyCode: code(CurrencyCodeList.self), monetaryValue: self(RoundTripGen.amount))
    }

    mutating func agencyID() -> AgencyID {
        AgencyID(type: code(AgencyIDTypeList.self), value: text())
    }
}
