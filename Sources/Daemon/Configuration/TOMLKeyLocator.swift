/// Finds the line of every key, table and array element of a TOML document.
///
/// TOMLKit does not expose toml++'s source regions, so this scans the text itself. It runs only on documents
/// TOMLKit has already parsed, so it assumes valid TOML, but it never traps and always moves forward on
/// anything else. It understands comments, `[table]` and `[[array]]` headers (counting the tables of an
/// array), dotted and quoted keys, inline tables, arrays spanning lines and all four kinds of strings.
struct TOMLKeyLocator: Sendable {
    private let lines: [ConfigurationPath: Int]

    /// Scans a document.
    init(text: String) {
        var scanner = Scanner(scalars: Array(text.unicodeScalars))
        scanner.scanDocument()
        lines = scanner.lines
    }

    /// The line where the value at `path` is defined, or, when it is not in the document, the line of the
    /// nearest enclosing table or array element that is; `nil` when none is.
    func line(of path: ConfigurationPath) -> Int? {
        var current: ConfigurationPath? = path
        while let candidate = current {
            if let line = lines[candidate] { return line }
            current = candidate.parent
        }
        return nil
    }

    /// Whether the document defines exactly this path.
    func contains(_ path: ConfigurationPath) -> Bool {
        lines[path] != nil
    }
}

extension TOMLKeyLocator {
    /// The scanning state: a cursor over the text, the current line and table, and what was found so far.
    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var position = 0
        var line = 1
        var lines: [ConfigurationPath: Int] = [:]
        var table = ConfigurationPath.root
        /// How many tables each `[[array]]` has so far.
        var arrayTableCounts: [ConfigurationPath: Int] = [:]

        init(scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        func peek(_ offset: Int) -> Unicode.Scalar? {
            position + offset < scalars.count ? scalars[position + offset] : nil
        }

        mutating func advance(_ count: Int = 1) {
            for _ in 0..<count where position < scalars.count {
                if scalars[position] == "\n" { line += 1 }
                position += 1
            }
        }

        mutating func record(_ path: ConfigurationPath, _ line: Int) {
            if lines[path] == nil { lines[path] = line }
        }

        // MARK: Document structure

        mutating func scanDocument() {
            while let scalar = current {
                let before = position
                switch scalar {
                case " ", "\t", "\r", "\n", "\u{FEFF}": advance()
                case "#": skipComment()
                case "[": scanHeader()
                default: scanKeyValue(in: table)
                }
                if position == before { advance() }
            }
        }

        mutating func scanHeader() {
            let headerLine = line
            advance()
            let isArray = current == "["
            if isArray { advance() }
            let keys = scanKey()
            skipInlineSpace()
            if current == "]" { advance() }
            if isArray, current == "]" { advance() }
            var path = ConfigurationPath.root
            for (offset, key) in keys.enumerated() {
                path = path.appending(key)
                record(path, headerLine)
                if isArray, offset == keys.count - 1 {
                    let count = (arrayTableCounts[path] ?? 0) + 1
                    arrayTableCounts[path] = count
                    path = path.appending(index: count - 1)
                    record(path, headerLine)
                } else if let count = arrayTableCounts[path] {
                    path = path.appending(index: count - 1)
                }
            }
            table = path
        }

        mutating func scanKeyValue(in table: ConfigurationPath) {
            let keyLine = line
            let keys = scanKey()
            skipInlineSpace()
            guard !keys.isEmpty, current == "=" else { return }
            advance()
            var path = table
            for key in keys {
                path = path.appending(key)
                record(path, keyLine)
            }
            skipInlineSpace()
            scanValue(at: path)
        }

        /// A dotted key: simple keys separated by dots, with optional spaces around the dots.
        mutating func scanKey() -> [String] {
            var keys: [String] = []
            while true {
                skipInlineSpace()
                guard let key = scanSimpleKey() else { break }
                keys.append(key)
                skipInlineSpace()
                guard current == "." else { break }
                advance()
            }
            return keys
        }

        mutating func scanSimpleKey() -> String? {
            switch current {
            case "\"": return scanBasicString()
            case "'": return scanLiteralString()
            default:
                var key = String.UnicodeScalarView()
                while let scalar = current, Self.isBareKeyScalar(scalar) {
                    key.append(scalar)
                    advance()
                }
                return key.isEmpty ? nil : String(key)
            }
        }

        static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
        }

        // MARK: Values

        mutating func scanValue(at path: ConfigurationPath) {
            switch current {
            case "\"":
                if peek(1) == "\"", peek(2) == "\"" { skipMultilineString(quote: "\"") } else { _ = scanBasicString() }
            case "'":
                if peek(1) == "'", peek(2) == "'" { skipMultilineString(quote: "'") } else { _ = scanLiteralString() }
            case "[": scanArray(at: path)
            case "{": scanInlineTable(at: path)
            default:
                // Numbers, booleans, dates and times: up to the next separator (dates may contain a space).
                while let scalar = current, !",]}#\r\n".unicodeScalars.contains(scalar) { advance() }
            }
        }

        mutating func scanArray(at path: ConfigurationPath) {
            advance()
            var index = 0
            while let scalar = current {
                let before = position
                switch scalar {
                case " ", "\t", "\r", "\n": advance()
                case "#": skipComment()
                case ",": advance()
                case "]":
                    advance()
                    return
                default:
                    let element = path.appending(index: index)
                    record(element, line)
                    scanValue(at: element)
                    index += 1
                }
                if position == before { advance() }
            }
        }

        mutating func scanInlineTable(at path: ConfigurationPath) {
            advance()
            while let scalar = current {
                let before = position
                switch scalar {
                case " ", "\t", "\r", "\n": advance()
                case "#": skipComment()
                case ",": advance()
                case "}":
                    advance()
                    return
                default: scanKeyValue(in: path)
                }
                if position == before { advance() }
            }
        }

        // MARK: Strings, spaces, comments

        /// A `"..."` string with its escapes resolved (keys may be written this way).
        mutating func scanBasicString() -> String {
            advance()
            var text = String.UnicodeScalarView()
            while let scalar = current, scalar != "\"", scalar != "\n" {
                if scalar == "\\" {
                    advance()
                    guard let escaped = current else { break }
                    switch escaped {
                    case "n": text.append("\n")
                    case "t": text.append("\t")
                    case "r": text.append("\r")
                    case "b": text.append("\u{08}")
                    case "f": text.append("\u{0C}")
                    case "e": text.append("\u{1B}")
                    case "u", "U":
                        let length = escaped == "u" ? 4 : 8
                        var digits = ""
                        for offset in 1...length {
                            if let digit = peek(offset) { digits.unicodeScalars.append(digit) }
                        }
                        if let value = UInt32(digits, radix: 16), let decoded = Unicode.Scalar(value) {
                            text.append(decoded)
                            advance(length)
                        }
                    default: text.append(escaped)
                    }
                    advance()
                } else {
                    text.append(scalar)
                    advance()
                }
            }
            if current == "\"" { advance() }
            return String(text)
        }

        /// A `'...'` string, taken as written.
        mutating func scanLiteralString() -> String {
            advance()
            var text = String.UnicodeScalarView()
            while let scalar = current, scalar != "'", scalar != "\n" {
                text.append(scalar)
                advance()
            }
            if current == "'" { advance() }
            return String(text)
        }

        /// A `"""..."""` or `'''...'''` string; it may end in up to two extra quotes that belong to its content.
        mutating func skipMultilineString(quote: Unicode.Scalar) {
            advance(3)
            while let scalar = current {
                if scalar == "\\", quote == "\"" {
                    advance(2)
                } else if scalar == quote, peek(1) == quote, peek(2) == quote {
                    advance(3)
                    var extra = 0
                    while current == quote, extra < 2 {
                        advance()
                        extra += 1
                    }
                    return
                } else {
                    advance()
                }
            }
        }

        mutating func skipInlineSpace() {
            while current == " " || current == "\t" { advance() }
        }

        mutating func skipComment() {
            while let scalar = current, scalar != "\n" { advance() }
        }
    }
}
