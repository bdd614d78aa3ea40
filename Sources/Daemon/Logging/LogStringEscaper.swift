/// Escapes text for the quoted strings of both formats, so a value can never break a line.
///
/// The escapes are JSON's: `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, and `\uXXXX` for every other control
/// character (C0, DEL, C1) and for the Unicode line and paragraph separators. Everything else, including
/// non-ASCII text, is kept as UTF-8.
enum LogStringEscaper {
    /// Appends `text`, escaped, to `output` (without surrounding quotes).
    static func appendEscaped(_ text: String, to output: inout String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if needsUnicodeEscape(scalar) {
                    appendUnicodeEscape(scalar, to: &output)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
    }

    /// Whether a scalar is a control character or a line/paragraph separator.
    static func needsUnicodeEscape(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
    }

    /// Appends `\uXXXX` (four lowercase hex digits; every scalar escaped here fits).
    private static func appendUnicodeEscape(_ scalar: Unicode.Scalar, to output: inout String) {
        let hex = String(scalar.value, radix: 16)
        output += "\\u"
        output += String(repeating: "0", count: max(0, 4 - hex.count))
        output += hex
    }
}
