/// Finds a table header that does not start with a key (`[` followed by a line break, `.`, `=` and the like)
/// before the text reaches TOMLKit: its bundled toml++ asserts on such a header and aborts the process,
/// where illgate must report the line instead (found by the configuration fuzz target).
///
/// A light scan of the TOML text: it follows strings (basic, literal, multi-line), comments and the nesting of
/// array values, so that a `[` opening a nested array on its own line is not taken for a header.
enum TOMLHeaderCheck {
    /// The 1-based line and column of the first header whose `[` (or `[[`) is not followed by a key, or nil.
    static func firstMalformedHeader(in text: String) -> (line: Int, column: Int)? {
        var depth = 0
        var multiLineString: [UInt8]? = nil
        for (index, line) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let bytes = Array(line)
            var position = 0
            if multiLineString == nil, depth == 0 {
                while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
                if position < bytes.count, bytes[position] == UInt8(ascii: "[") {
                    var next = position + 1
                    if next < bytes.count, bytes[next] == UInt8(ascii: "[") { next += 1 }
                    while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 { next += 1 }
                    guard next < bytes.count, startsKey(bytes[next]) else { return (index + 1, position + 1) }
                    continue  // a header line: nothing on it opens an array value
                }
            }
            scan(bytes, from: position, depth: &depth, multiLineString: &multiLineString)
        }
        return nil
    }

    /// A character a key (or, for `]`, an empty header TOMLKit reports itself) may start with.
    private static func startsKey(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "]"):
            return true
        default:
            return false
        }
    }

    /// Follows one line's strings, comment and array brackets.
    private static func scan(_ bytes: [UInt8], from start: Int, depth: inout Int, multiLineString: inout [UInt8]?) {
        var position = start
        while position < bytes.count {
            if let delimiter = multiLineString {
                if bytes[position...].starts(with: delimiter) {
                    multiLineString = nil
                    position += 3
                } else {
                    position += delimiter[0] == UInt8(ascii: "\"") && bytes[position] == UInt8(ascii: "\\") ? 2 : 1
                }
                continue
            }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "#"):
                return
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let triple = [byte, byte, byte]
                if bytes[position...].starts(with: triple) {
                    multiLineString = triple
                    position += 3
                    continue
                }
                position += 1
                while position < bytes.count, bytes[position] != byte {
                    position += byte == UInt8(ascii: "\"") && bytes[position] == UInt8(ascii: "\\") ? 2 : 1
                }
                position += 1
            case UInt8(ascii: "["):
                depth += 1
                position += 1
            case UInt8(ascii: "]"):
                depth = max(0, depth - 1)
                position += 1
            default:
                position += 1
            }
        }
    }
}
