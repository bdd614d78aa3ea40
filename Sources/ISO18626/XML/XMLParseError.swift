/// Why a byte sequence is not a document illgate will read.
public struct XMLParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kinds of refusal.
    public enum Reason: Hashable, Sendable {
        /// The input is larger than the configured limit.
        case tooLarge(size: Int, limit: Int)
        /// The input is empty.
        case empty
        /// The document has a DOCTYPE, which ISO 18626 messages never have (and which would allow entity attacks).
        case documentTypeDeclaration
        /// libxml2 found the input not well-formed (including invalid UTF-8, excessive depth, entity loops).
        case notWellFormed(String)
    }

    /// What was wrong.
    public var reason: Reason
    /// 1-based line of the problem, when known.
    public var line: Int?
    /// 1-based column of the problem, when known.
    public var column: Int?

    /// Creates a parse error.
    public init(reason: Reason, line: Int? = nil, column: Int? = nil) {
        self.reason = reason
        self.line = line
        self.column = column
    }

    public var description: String {
        let what: String
        switch reason {
        case .tooLarge(let size, let limit): what = "message is \(size) bytes, more than the limit of \(limit)"
        case .empty: what = "message is empty"
        case .documentTypeDeclaration: what = "DOCTYPE declarations are not allowed"
        case .notWellFormed(let message): what = "not well-formed XML: \(message)"
        }
        return what + XMLPosition(line: line, column: column).suffix
    }
}

/// A place in an XML document, for error messages.
package struct XMLPosition: Hashable, Sendable {
    package var line: Int?
    package var column: Int?

    /// ` (line 3:14)`, ` (line 3)` or nothing.
    package var suffix: String {
        guard let line else { return "" }
        guard let column else { return " (line \(line))" }
        return " (line \(line):\(column))"
    }
}
