/// The last line of defence against patron data in the logs.
///
/// **The real rule is: never log patron data.** Callers log transaction ids, message types, states, peers and
/// outcomes; never a patron's name, id, email, address or phone, and never a message body. This guard only
/// catches mistakes, and only two kinds of them:
///
/// - a metadata value whose key names patron data (``isPatronDataKey(_:)``, case-insensitive, also inside
///   nested dictionaries) is printed as `[redacted]`;
/// - ISO 18626 XML in a message, a metadata value or an error description has the content of every
///   `patronInfo` element (with any namespace prefix) replaced by `[redacted]` (``scrubPatronInfo(_:)``).
///
/// Anything else, such as a patron's name interpolated into a message, it cannot recognize. Network addresses
/// belong under specific keys (`peer_address`, `listen_address`): a key named just `address` is redacted.
public enum PatronDataGuard {
    /// What is printed in place of patron data.
    public static let redactionMarker = "[redacted]"

    /// Key fragments that always mean patron data, wherever they appear in a normalized key.
    private static let patronKeyFragments: [String] = [
        "patron", "surname", "givenname", "firstname", "lastname", "familyname", "fullname", "email", "phone",
        "dateofbirth", "birthdate", "postaladdress", "physicaladdress", "electronicaddress", "homeaddress",
        "streetaddress",
    ]

    /// Normalized keys that mean patron data only as a whole (`address`, but not `peer_address`).
    private static let patronKeys: Set<String> = ["address", "addressline", "line1", "line2", "postcode", "postalcode"]

    /// Whether a metadata key names patron data.
    ///
    /// The key is lowercased and stripped of `_`, `-`, `.` and spaces, so `patron_id`, `patronId`, `PatronID`,
    /// `given-name` and `e_mail` all match. Keys containing `patron`, `surname`, `givenname`, `firstname`,
    /// `lastname`, `familyname`, `fullname`, `email`, `phone`, `dateofbirth`, `birthdate` or a postal, physical,
    /// electronic, home or street `address` match, as do the whole keys `address`, `line1`, `line2`, `postcode`
    /// and `postalcode`.
    /// - Parameter key: A metadata key.
    public static func isPatronDataKey(_ key: String) -> Bool {
        var normalized = ""
        normalized.reserveCapacity(key.utf8.count)
        for character in key.lowercased() where !"_-. ".contains(character) {
            normalized.append(character)
        }
        if patronKeys.contains(normalized) {
            return true
        }
        return patronKeyFragments.contains { normalized.contains($0) }
    }

    /// Replaces the content of every ISO 18626 `patronInfo` element in `text` with `[redacted]`.
    ///
    /// The element may carry any namespace prefix (`<ill:patronInfo>`) and the name is matched without regard to
    /// case. The start tag loses its attributes, self-closing elements are left alone, and an element that is never
    /// closed (truncated XML) is redacted to the end of the text. Text without `<` is returned unchanged at once.
    /// - Parameter text: A log message, metadata value or error description.
    /// - Returns: The text with patron information removed.
    public static func scrubPatronInfo(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "<")) else {
            return text
        }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var changed = false
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), let start = StartTag(bytes, at: index) else {
                output.append(bytes[index])
                index += 1
                continue
            }
            guard !start.isSelfClosing else {
                output.append(contentsOf: bytes[index..<start.end])
                index = start.end
                continue
            }
            changed = true
            output.append(UInt8(ascii: "<"))
            output.append(contentsOf: start.name)
            output.append(UInt8(ascii: ">"))
            output.append(contentsOf: redactionMarker.utf8)
            guard let close = endTag(in: bytes, from: start.end) else {
                index = bytes.count
                break
            }
            output.append(contentsOf: bytes[close])
            index = close.upperBound
        }
        return changed ? String(decoding: output, as: UTF8.self) : text
    }

    /// A `patronInfo` start tag found in the bytes.
    private struct StartTag {
        /// The qualified name as written, prefix included.
        var name: ArraySlice<UInt8>
        /// The index after the tag's `>`, or the end of the bytes when the tag is cut off.
        var end: Int
        /// Whether the tag ends in `/>`.
        var isSelfClosing: Bool

        /// Reads a start tag at `index` (which holds `<`); `nil` unless it is a `patronInfo` start tag.
        init?(_ bytes: [UInt8], at index: Int) {
            let nameEnd = PatronDataGuard.nameEnd(in: bytes, from: index + 1)
            guard PatronDataGuard.isPatronInfo(bytes[(index + 1)..<nameEnd]) else {
                return nil
            }
            name = bytes[(index + 1)..<nameEnd]
            var cursor = nameEnd
            var quote: UInt8?
            while cursor < bytes.count {
                let byte = bytes[cursor]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    break
                }
                cursor += 1
            }
            guard cursor < bytes.count else {
                end = bytes.count
                isSelfClosing = false
                return
            }
            isSelfClosing = cursor > nameEnd && bytes[cursor - 1] == UInt8(ascii: "/")
            end = cursor + 1
        }
    }

    /// The range of the first `</prefix:patronInfo>` end tag at or after `start`.
    private static func endTag(in bytes: [UInt8], from start: Int) -> Range<Int>? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "<") && bytes[index + 1] == UInt8(ascii: "/") {
                let nameStop = nameEnd(in: bytes, from: index + 2)
                if isPatronInfo(bytes[(index + 2)..<nameStop]) {
                    var cursor = nameStop
                    while cursor < bytes.count && isXMLSpace(bytes[cursor]) {
                        cursor += 1
                    }
                    if cursor < bytes.count && bytes[cursor] == UInt8(ascii: ">") {
                        return index..<(cursor + 1)
                    }
                }
            }
            index += 1
        }
        return nil
    }

    /// The end of a tag name starting at `start`: the first space, `>`, `/` or `<`.
    private static func nameEnd(in bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if isXMLSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "<") {
                break
            }
            index += 1
        }
        return index
    }

    /// Whether a qualified name's local part is `patronInfo`, ignoring case.
    private static func isPatronInfo(_ name: ArraySlice<UInt8>) -> Bool {
        let local = name.lastIndex(of: UInt8(ascii: ":")).map { name[(name.index(after: $0))...] } ?? name
        let expected = "patroninfo".utf8
        guard local.count == expected.count else {
            return false
        }
        return zip(local, expected).allSatisfy { byte, lower in
            byte == lower || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") && byte + 32 == lower)
        }
    }

    /// XML white space: space, tab, carriage return, line feed.
    private static func isXMLSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}
