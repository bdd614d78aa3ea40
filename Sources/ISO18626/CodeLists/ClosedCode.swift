/// A closed ISO 18626 code list: the schema enumerates every value, so an unknown value is an error.
///
/// Values are emitted exactly as the schema spells them (`rawValue`) and read leniently:
/// surrounding white space is ignored, letter case does not matter, and
/// ``alternateSpellings`` lists spellings real peers use that the schema does not
/// (for example the 2021 text's American `Unrecognized...`).
public protocol ClosedCode: RawRepresentable, CaseIterable, Hashable, Sendable, CustomStringConvertible
where RawValue == String {
    /// The element name the code appears in, used in error values (`status: WeCouldLoan`).
    static var elementName: String { get }
    /// Spellings accepted on input besides the canonical ones, lower-cased.
    static var alternateSpellings: [String: Self] { get }
}

extension ClosedCode {
    public static var alternateSpellings: [String: Self] { [:] }

    public var description: String { rawValue }

    /// Reads a value the way real peers write it: any letter case, surrounding white space ignored.
    /// - Returns: `nil` when the text names no value of this list.
    public init?(lenient text: String) {
        let trimmed = text.trimmingXMLWhitespace()
        if let exact = Self(rawValue: trimmed) {
            self = exact
            return
        }
        let folded = trimmed.lowercased()
        if let match = Self.allCases.first(where: { $0.rawValue.lowercased() == folded }) {
            self = match
        } else if let alternate = Self.alternateSpellings[folded] {
            self = alternate
        } else {
            return nil
        }
    }
}

extension StringProtocol {
    /// The string without the white space XML allows around element content (space, tab, CR, LF).
    package func trimmingXMLWhitespace() -> String {
        let string = String(self)
        let utf8 = string.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) })
        else { return "" }
        if first == utf8.startIndex, utf8.index(after: last) == utf8.endIndex {
            return string
        }
        return String(string[first...last])
    }
}
