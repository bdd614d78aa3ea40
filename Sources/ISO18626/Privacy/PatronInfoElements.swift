/// Finds ISO 18626 `patronInfo` elements in XML text without parsing it, so that patron data can be taken
/// out of text that may not be a whole document (a log line, an error description) as well as out of
/// stored messages.
///
/// The element may carry any namespace prefix (`<ill:patronInfo>`), and its name is matched without regard
/// to case. An element that is never closed (truncated XML) runs to the end of the text.
public enum PatronInfoElements {
    /// One `patronInfo` element in the text.
    public struct Element: Equatable, Sendable {
        /// The qualified name as written in the start tag, prefix included (byte offsets).
        public var name: Range<Int>
        /// The whole element, from its start tag's `<` to its end tag's `>` (or the end of the text).
        public var whole: Range<Int>
        /// The end tag, when there is one (not for a self-closing or cut-off element).
        public var endTag: Range<Int>?
        /// Whether the element is written `<patronInfo/>`.
        public var isSelfClosing: Bool
    }

    /// Every `patronInfo` element in `bytes`, in order; nested ones are inside the first's range.
    public static func find(in bytes: [UInt8]) -> [Element] {
        var found: [Element] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), let start = StartTag(bytes, at: index) else {
                index += 1
                continue
            }
            if start.isSelfClosing {
                found.append(Element(name: start.name, whole: index..<start.end, endTag: nil, isSelfClosing: true))
                index = start.end
                continue
            }
            let close = endTag(in: bytes, from: start.end)
            found.append(Element(name: start.name, whole: index..<(close?.upperBound ?? bytes.count), endTag: close, isSelfClosing: false))
            index = close?.upperBound ?? bytes.count
        }
        return found
    }

    /// The text with every `patronInfo` element taken out whole, or `nil` when it has none.
    ///
    /// `patronInfo` is optional wherever ISO 18626 allows it, so a stored message without it still reads
    /// as the message it was, less the patron.
    public static func removing(from text: String) -> String? {
        replacing(in: text) { _, _ in [] }
    }

    /// The text with every `patronInfo` element replaced by what `replacement` makes of it (given the
    /// element and the text's bytes), or `nil` when it has none.
    public static func replacing(in text: String, with replacement: (Element, [UInt8]) -> [UInt8]) -> String? {
        guard text.utf8.contains(UInt8(ascii: "<")) else { return nil }
        let bytes = Array(text.utf8)
        let elements = find(in: bytes)
        guard !elements.isEmpty else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var copied = 0
        for element in elements {
            output.append(contentsOf: bytes[copied..<element.whole.lowerBound])
            output.append(contentsOf: replacement(element, bytes))
            copied = element.whole.upperBound
        }
        output.append(contentsOf: bytes[copied...])
        return String(decoding: output, as: UTF8.self)
    }

    /// A `patronInfo` start tag found in the bytes.
    private struct StartTag {
        var name: Range<Int>
        /// The index after the tag's `>`, or the end of the bytes when the tag is cut off.
        var end: Int
        var isSelfClosing: Bool

        /// Reads a start tag at `index` (which holds `<`); `nil` unless it is a `patronInfo` start tag.
        init?(_ bytes: [UInt8], at index: Int) {
            let nameEnd = PatronInfoElements.nameEnd(in: bytes, from: index + 1)
            guard PatronInfoElements.isPatronInfo(bytes[(index + 1)..<nameEnd]) else {
                return nil
            }
            name = (index + 1)..<nameEnd
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
