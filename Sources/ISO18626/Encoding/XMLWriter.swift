import Foundation

/// Builds an XML document as UTF-8 bytes, escaping all text; element names are trusted static strings.
struct XMLWriter {
    private(set) var bytes: [UInt8] = []
    private let prettyPrinted: Bool
    private var depth = 0

    init(prettyPrinted: Bool, capacity: Int = 2048) {
        self.prettyPrinted = prettyPrinted
        bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func name(_ name: StaticString) {
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func indent() {
        guard prettyPrinted else { return }
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<depth { raw("  ") }
    }

    /// Writes `<name>` (and the root's namespace declarations when `attributes` are given).
    mutating func open(_ element: StaticString, attributes: StaticString? = nil, version: String? = nil) {
        indent()
        bytes.append(UInt8(ascii: "<"))
        name(element)
        if let attributes {
            bytes.append(UInt8(ascii: " "))
            raw(attributes)
        }
        if let version {
            raw(" ill:version=\"")
            escape(version, inAttribute: true)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: ">"))
        depth += 1
    }

    mutating func close(_ element: StaticString) {
        depth -= 1
        indent()
        raw("</")
        name(element)
        bytes.append(UInt8(ascii: ">"))
    }

    /// Writes `<name>text</name>`, or nothing when `text` is `nil`.
    mutating func element(_ element: StaticString, _ text: String?, scheme: String? = nil) {
        guard let text else { return }
        indent()
        bytes.append(UInt8(ascii: "<"))
        name(element)
        if let scheme {
            raw(" ill:scheme=\"")
            escape(scheme, inAttribute: true)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: ">"))
        escape(text, inAttribute: false)
        raw("</")
        name(element)
        bytes.append(UInt8(ascii: ">"))
    }

    /// Writes `<name>timestamp</name>` in ``TimestampFormat``'s form, straight into the buffer.
    mutating func element(_ element: StaticString, date: Date) {
        indent()
        bytes.append(UInt8(ascii: "<"))
        name(element)
        bytes.append(UInt8(ascii: ">"))
        TimestampFormat.write(date, into: &bytes)
        raw("</")
        name(element)
        bytes.append(UInt8(ascii: ">"))
    }

    /// Writes text with `&`, `<`, `>` (and in attributes `"`) escaped, carriage returns and tabs in attributes
    /// as character references so they survive parsing, and characters XML 1.0 forbids left out.
    mutating func escape(_ text: String, inAttribute: Bool) {
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            var index = 0
            let count = utf8.count
            while index < count {
                let byte = utf8[index]
                // Most bytes need nothing: printable ASCII other than & < > ", and UTF-8 other than U+FFFx's lead.
                if byte >= 0x3F ? byte != 0xEF : byte >= 0x20 && byte != 0x26 && byte != 0x3C && byte != 0x3E && byte != 0x22 {
                    index += 1
                    continue
                }
                var replacement: StaticString?
                var skip = 0
                switch byte {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\"") where inAttribute: replacement = "&quot;"
                case 0x0D: replacement = "&#13;"
                case 0x09 where inAttribute: replacement = "&#9;"
                case 0x0A where inAttribute: replacement = "&#10;"
                case 0x09, 0x0A: break
                case 0x00..<0x20: skip = 1
                case 0xEF where index + 2 < count && utf8[index + 1] == 0xBF && (utf8[index + 2] & 0xFE) == 0xBE:
                    skip = 3  // U+FFFE and U+FFFF are not XML characters
                default: break
                }
                if replacement != nil || skip > 0 {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                    if let replacement { raw(replacement) }
                    index += max(skip, 1)
                    start = index
                } else {
                    index += 1
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<count]))
        }
    }
}
