#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A message read by libxml2's SAX2 parser into a flat arena: one record per element with its name,
/// namespace, line, direct text and attributes, in document order. No libxml2 tree is built, and nothing
/// of libxml2 outlives the parse: every name and text is copied into one byte buffer.
///
/// The arena is immutable once parsed. ``XMLElement`` values are cursors into it.
final class XMLArena {
    /// A range of ``Contents/bytes``.
    struct Span {
        var start: Int32
        var count: Int32

        static let empty = Span(start: 0, count: 0)
    }

    /// One element.
    struct Node {
        /// The name without prefix; for a prefix no namespace declares, `prefix:name` (as libxml2 names it).
        var name: Span
        /// The prefix as written, empty when none.
        var prefix: Span
        /// Index in ``Contents/namespaces``; ``noNamespace`` when the element is in none.
        var namespace: Int32
        /// The line the start tag ends on (1-based), capped like libxml2's tree lines at 65535.
        var line: Int32
        var firstChild: Int32 = XMLArena.none
        var nextSibling: Int32 = XMLArena.none
        /// First chunk of direct text in ``Contents/chunks``, or ``none``. White space before the first text
        /// that is not white space is left out: trimming would remove it anyway.
        var firstChunk: Int32 = XMLArena.none
        var firstAttribute: Int32
        var attributeCount: Int32
        /// Whether any text other than XML white space appears inside, at any depth.
        var hasContent = false
        /// How many child elements it has.
        var childCount: Int32 = 0
    }

    /// A piece of an element's direct text; the pieces of one element are chained in document order.
    struct Chunk {
        var text: Span
        var next: Int32 = XMLArena.none
    }

    /// One attribute: its name (as ``Node/name``) and its value, entity references resolved.
    struct Attribute {
        var name: Span
        var value: Span
    }

    /// The index that means "no such node or chunk".
    static let none: Int32 = -1
    /// The namespace index of an element in no namespace.
    static let noNamespace: Int32 = -1
    /// The namespace index of ISO 18626's namespace.
    static let iso18626Namespace: Int32 = 0

    /// What the parser produced; filled by ``XMLArenaBuilder``.
    struct Contents {
        /// The elements in document order; the root, if any, is the first.
        var nodes: [Node] = []
        var chunks: [Chunk] = []
        var attributes: [Attribute] = []
        /// Names, texts and attribute values, back to back.
        var bytes: [UInt8] = []
        /// Namespace URIs met; index 0 is always ISO 18626's.
        var namespaces: [String] = [ISO18626Namespace.uri]
    }

    /// The arena's records, read through plain buffers rather than arrays so that walking them costs no
    /// reference counting. Allocated, filled once and freed by the arena; ``XMLElement`` cursors point at it.
    struct Storage {
        /// The elements in document order; the root, if any, is the first.
        let nodes: UnsafeMutableBufferPointer<Node>
        let chunks: UnsafeMutableBufferPointer<Chunk>
        let attributes: UnsafeMutableBufferPointer<Attribute>
        /// Names, texts and attribute values, back to back.
        let bytes: UnsafeMutableBufferPointer<UInt8>
        /// Namespace URIs met; index 0 is always ISO 18626's.
        let namespaces: [String]
        /// The bytes the document was parsed from, kept to locate columns in error messages.
        let source: [UInt8]

        /// The bytes of a span.
        func buffer(_ span: Span) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[Int(span.start)..<Int(span.start + span.count)])
        }

        /// The text of a span.
        func string(_ span: Span) -> String {
            String(decoding: buffer(span), as: UTF8.self)
        }

        /// Whether a span holds exactly the UTF-8 of `name`.
        func span(_ span: Span, equals name: String) -> Bool {
            let utf8 = name.utf8
            guard utf8.count == Int(span.count) else { return false }
            guard span.count > 0, let start = bytes.baseAddress?.advanced(by: Int(span.start)) else { return true }
            let matched = utf8.withContiguousStorageIfAvailable { name in
                name.baseAddress.map { memcmp(start, $0, name.count) == 0 } ?? false
            }
            return matched ?? utf8.elementsEqual(buffer(span))
        }

        /// The 1-based column of an element's start tag on its line, found in the source bytes; `nil` if not found.
        ///
        /// The first `<` followed by the element's qualified name on its line: the same answer the tree-based
        /// reader gave, so error positions did not move.
        func column(of element: XMLElement) -> Int? {
            let line = element.line
            guard line > 0 else { return nil }
            var index = 0
            var currentLine = 1
            while currentLine < line, index < source.count {
                if source[index] == UInt8(ascii: "\n") { currentLine += 1 }
                index += 1
            }
            let lineStart = index
            let name = Array(element.qualifiedName.utf8)
            while index < source.count, source[index] != UInt8(ascii: "\n") {
                if source[index] == UInt8(ascii: "<"), source.count - index - 1 >= name.count,
                    source[(index + 1)..<(index + 1 + name.count)].elementsEqual(name)
                {
                    return index - lineStart + 1
                }
                index += 1
            }
            return nil
        }
    }

    /// The records; valid while the arena lives.
    let storage: UnsafeMutablePointer<Storage>

    /// Copies what the parser produced into the arena's own storage. The buffers hold trivial values only,
    /// are never resized, are written once here, and are freed with the arena.
    init(contents: Contents, source: [UInt8]) {
        func copy<Element>(_ array: [Element]) -> UnsafeMutableBufferPointer<Element> {
            let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: array.count)
            _ = buffer.initialize(from: array)
            return buffer
        }
        storage = .allocate(capacity: 1)
        storage.initialize(
            to: Storage(
                nodes: copy(contents.nodes),
                chunks: copy(contents.chunks),
                attributes: copy(contents.attributes),
                bytes: copy(contents.bytes),
                namespaces: contents.namespaces,
                source: source
            )
        )
    }

    deinit {
        storage.pointee.nodes.deallocate()
        storage.pointee.chunks.deallocate()
        storage.pointee.attributes.deallocate()
        storage.pointee.bytes.deallocate()
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    /// The root element.
    var root: XMLElement? {
        storage.pointee.nodes.isEmpty ? nil : XMLElement(storage: UnsafePointer(storage), index: 0)
    }

    /// The 1-based column of an element's start tag on its line (see ``Storage/column(of:)``).
    func column(of element: XMLElement) -> Int? {
        storage.pointee.column(of: element)
    }

    /// Parses bytes into an arena.
    /// - Parameters:
    ///   - bytes: the document.
    ///   - maximumSize: the largest document accepted, in bytes.
    /// - Throws: ``XMLParseError`` when the bytes are too large, empty, carry a DOCTYPE or are not well-formed.
    static func parse(_ bytes: [UInt8], maximumSize: Int) throws(XMLParseError) -> XMLArena {
        try XMLArenaBuilder.parse(bytes, maximumSize: maximumSize)
    }
}
