/// Finds where one XML document ends in a stream of bytes, without parsing it.
///
/// The scanner tracks the nesting depth of elements: a document ends with the `>` of the end tag that closes
/// its root element, or of a self-closing root element. XML declarations and processing instructions
/// (`<?…?>`), comments (`<!--…-->`), CDATA sections (`<![CDATA[…]]>`), document type declarations and
/// quoted attribute values are skipped as a whole, so a `<` or `>` inside them does not count. Element names
/// are not compared (libxml2 checks well-formedness later); the scanner only needs the boundaries.
///
/// It is resumable: ``scan(_:)`` continues where the previous call stopped, so a document arriving in many
/// reads is scanned once, not once per read.
struct TCPXMLDocumentScanner {
    /// The result of one scan.
    enum Outcome: Equatable {
        /// The document is not complete yet.
        case needMoreData
        /// The document is complete and is this many bytes long (from the first scanned byte).
        case complete(length: Int)
        /// The bytes cannot be an XML document.
        case malformed(String)
    }

    private enum State: Equatable {
        /// Character data, white space in the prolog, or the position of a `<` whose kind is not known yet.
        case content
        /// Inside a start tag or empty-element tag, possibly inside a quoted attribute value.
        case startTag(quote: UInt8?, afterSlash: Bool)
        /// Inside an end tag.
        case endTag
        /// Inside a comment, counting the `-` just seen (0 to 2).
        case comment(dashes: Int)
        /// Inside a CDATA section, counting the `]` just seen (0 to 2).
        case cdata(brackets: Int)
        /// Inside an XML declaration or processing instruction.
        case processingInstruction(afterQuestionMark: Bool)
        /// Inside a `<!DOCTYPE …>` or other markup declaration, with its quotes and internal subset brackets.
        case declaration(quote: UInt8?, brackets: Int)
    }

    private var state = State.content
    private var depth = 0
    /// How many bytes of the current document have been scanned.
    private(set) var scannedBytes = 0

    /// Starts over for the next document.
    mutating func reset() {
        self = TCPXMLDocumentScanner()
    }

    /// Scans the document's bytes from where the previous call stopped.
    /// - Parameter bytes: the buffered bytes of the document, starting with its first byte (the same bytes as
    ///   before, plus any that arrived since).
    mutating func scan(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        var index = scannedBytes
        defer { scannedBytes = index }
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            switch state {
            case .content:
                guard byte == TCPFramingBytes.lessThan else {
                    if depth == 0, !TCPFramingBytes.isWhiteSpace(byte) {
                        return .malformed("text outside the root element")
                    }
                    index += 1
                    continue
                }
                switch classifyMarkup(bytes, at: index) {
                case .needMoreData:
                    return .needMoreData
                case .malformed(let reason):
                    return .malformed(reason)
                case .markup(let next, let skip):
                    if case .cdata = next, depth == 0 {
                        return .malformed("CDATA section outside the root element")
                    }
                    state = next
                    index += skip
                }

            case .startTag(let quote?, _):
                if byte == quote { state = .startTag(quote: nil, afterSlash: false) }
                index += 1

            case .startTag(nil, let afterSlash):
                index += 1
                switch byte {
                case TCPFramingBytes.doubleQuote, TCPFramingBytes.singleQuote:
                    state = .startTag(quote: byte, afterSlash: false)
                case TCPFramingBytes.slash:
                    state = .startTag(quote: nil, afterSlash: true)
                case TCPFramingBytes.lessThan:
                    return .malformed("'<' inside a tag")
                case TCPFramingBytes.greaterThan:
                    state = .content
                    if afterSlash {
                        if depth == 0 { return .complete(length: index) }
                    } else {
                        depth += 1
                    }
                default:
                    state = .startTag(quote: nil, afterSlash: false)
                }

            case .endTag:
                index += 1
                if byte == TCPFramingBytes.lessThan { return .malformed("'<' inside an end tag") }
                guard byte == TCPFramingBytes.greaterThan else { continue }
                state = .content
                guard depth > 0 else { return .malformed("an end tag without a start tag") }
                depth -= 1
                if depth == 0 { return .complete(length: index) }

            case .comment(let dashes):
                index += 1
                if byte == TCPFramingBytes.greaterThan, dashes >= 2 {
                    state = .content
                } else {
                    state = .comment(dashes: byte == TCPFramingBytes.dash ? min(dashes + 1, 2) : 0)
                }

            case .cdata(let brackets):
                index += 1
                if byte == TCPFramingBytes.greaterThan, brackets >= 2 {
                    state = .content
                } else {
                    state = .cdata(brackets: byte == TCPFramingBytes.closingBracket ? min(brackets + 1, 2) : 0)
                }

            case .processingInstruction(let afterQuestionMark):
                index += 1
                if byte == TCPFramingBytes.greaterThan, afterQuestionMark {
                    state = .content
                } else {
                    state = .processingInstruction(afterQuestionMark: byte == TCPFramingBytes.questionMark)
                }

            case .declaration(let quote?, let brackets):
                index += 1
                if byte == quote { state = .declaration(quote: nil, brackets: brackets) }

            case .declaration(nil, let brackets):
                index += 1
                switch byte {
                case TCPFramingBytes.doubleQuote, TCPFramingBytes.singleQuote:
                    state = .declaration(quote: byte, brackets: brackets)
                case TCPFramingBytes.openingBracket:
                    state = .declaration(quote: nil, brackets: brackets + 1)
                case TCPFramingBytes.closingBracket:
                    state = .declaration(quote: nil, brackets: max(brackets - 1, 0))
                case TCPFramingBytes.greaterThan where brackets == 0:
                    state = .content
                default:
                    break
                }
            }
        }
        return .needMoreData
    }

    private enum Markup {
        case needMoreData
        case malformed(String)
        /// The markup's state and how many bytes of its opening were recognised.
        case markup(State, skip: Int)
    }

    /// Decides what starts at the `<` at `index`: looks ahead up to nine bytes (`<![CDATA[`).
    private func classifyMarkup(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Markup {
        guard index + 1 < bytes.count else { return .needMoreData }
        switch bytes[index + 1] {
        case TCPFramingBytes.slash:
            return .markup(.endTag, skip: 2)
        case TCPFramingBytes.questionMark:
            return .markup(.processingInstruction(afterQuestionMark: false), skip: 2)
        case TCPFramingBytes.exclamationMark:
            switch Self.match(TCPFramingBytes.commentOpening, in: bytes, at: index) {
            case .some(true): return .markup(.comment(dashes: 0), skip: TCPFramingBytes.commentOpening.count)
            case nil: return .needMoreData
            case .some(false): break
            }
            switch Self.match(TCPFramingBytes.cdataOpening, in: bytes, at: index) {
            case .some(true): return .markup(.cdata(brackets: 0), skip: TCPFramingBytes.cdataOpening.count)
            case nil: return .needMoreData
            case .some(false): return .markup(.declaration(quote: nil, brackets: 0), skip: 2)
            }
        case let next where TCPFramingBytes.isNameStart(next):
            return .markup(.startTag(quote: nil, afterSlash: false), skip: 2)
        default:
            return .malformed("'<' not followed by a name")
        }
    }

    /// Whether `literal` is at `index`: `nil` when the bytes so far agree but are too few to tell.
    private static func match(_ literal: [UInt8], in bytes: UnsafeRawBufferPointer, at index: Int) -> Bool? {
        for (offset, expected) in literal.enumerated() {
            guard index + offset < bytes.count else { return nil }
            if bytes[index + offset] != expected { return false }
        }
        return true
    }
}
