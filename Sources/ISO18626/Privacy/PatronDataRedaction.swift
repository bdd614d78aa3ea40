/// Takes patron values out of error text before it is logged: our decoder's errors, libxml2's parse errors
/// and the text of a peer's ERROR confirmation may quote a value that came from a patron element.
///
/// The confirmation sent to a peer keeps the value (it is the peer's own data); the log line keeps the
/// element's name and the problem, and loses the value.
public enum PatronDataRedaction {
    /// What is printed in place of a patron value.
    public static let marker = "[redacted]"

    /// Names (lowercased) of the elements that hold patron data or contain it; an error text that names one
    /// of them has every quoted value in it redacted.
    static let patronElementNames = ["patroninfo", "patronid", "patronreference", "surname", "givenname", "sendtopatron"]

    /// Values shorter than this are not searched for as such (`Y`, `N`): they would redact half the text.
    static let shortestSearchedValue = 2

    /// The error text as a log line may carry it.
    ///
    /// - Every occurrence of a known patron value (`patronValues`, longest first) becomes ``marker``.
    /// - When the text names a patron element (`request/patronInfo/sendToPatron: 'x' is not Y or N`) or is a
    ///   parse error (whose quoted names may come from inside a patron element), every quoted part
    ///   (`'...'` or `"..."`) becomes `'[redacted]'`.
    /// - Parameters:
    ///   - text: an error value or description.
    ///   - patronValues: values known to be patron data (from ``patronValues(inMessage:)``).
    public static func errorText(_ text: String, patronValues: [String] = []) -> String {
        var result = text
        for value in patronValues.filter({ $0.count >= shortestSearchedValue }).sorted(by: { $0.count > $1.count }) {
            result = result.replacing(value, with: marker)
        }
        let lowered = result.lowercased()
        let quotesPatronData = patronElementNames.contains { lowered.contains($0) } || lowered.contains("not well-formed xml")
        return quotesPatronData ? redactingQuotedParts(of: result) : result
    }

    /// The text content of every `patronInfo` element in an XML message (with the basic entities decoded):
    /// the values an error about this message must not quote in a log.
    public static func patronValues(inMessage text: String) -> [String] {
        let bytes = Array(text.utf8)
        var values: [String] = []
        for element in PatronInfoElements.find(in: bytes) where !element.isSelfClosing {
            let contentEnd = element.endTag?.lowerBound ?? element.whole.upperBound
            guard let startEnd = bytes[element.whole].firstIndex(of: UInt8(ascii: ">")), startEnd < contentEnd else { continue }
            var index = startEnd + 1
            var current: [UInt8] = []
            var inTag = false
            while index < contentEnd {
                let byte = bytes[index]
                if byte == UInt8(ascii: "<") {
                    inTag = true
                    appendValue(current, to: &values)
                    current = []
                } else if byte == UInt8(ascii: ">") {
                    inTag = false
                } else if !inTag {
                    current.append(byte)
                }
                index += 1
            }
            appendValue(current, to: &values)
        }
        return values
    }

    private static func appendValue(_ bytes: [UInt8], to values: inout [String]) {
        let text = String(decoding: bytes, as: UTF8.self)
            .replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&quot;", with: "\"")
            .replacing("&apos;", with: "'").replacing("&amp;", with: "&")
        let trimmed = text.trimmingXMLWhitespace()
        if !trimmed.isEmpty { values.append(trimmed) }
    }

    /// The text with everything between its first and last quote (`'` or `"`) replaced by ``marker``: a
    /// quoted value may itself hold a quote (`'O'Brien'`), so the span is taken whole. A lone quote hides
    /// the rest of the text.
    static func redactingQuotedParts(of text: String) -> String {
        var result = text
        for quote: Character in ["'", "\""] {
            guard let first = result.firstIndex(of: quote) else { continue }
            let start = result.index(after: first)
            guard let last = result[start...].lastIndex(of: quote) else {
                result.replaceSubrange(start..., with: marker)
                continue
            }
            if result[start..<last] != marker { result.replaceSubrange(start..<last, with: marker) }
        }
        return result
    }
}
