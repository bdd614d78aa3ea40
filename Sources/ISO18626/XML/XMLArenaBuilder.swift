internal import CLibXML2

/// Fills an ``XMLArena`` from libxml2's SAX2 events while it parses untrusted bytes under safe options.
///
/// Safety, as for ``XMLDocument``: no network access, no DTD loading, no entity substitution, any DOCTYPE
/// refused before its declarations are processed, libxml2's built-in limits kept (depth 256, text 10 MB, no
/// `XML_PARSE_HUGE`), a size limit before parsing, and malformed input (including invalid UTF-8) refused,
/// never recovered. The parser core is the one the tree-building reader uses, so every refusal and its
/// message and position are the same; only the tree-building callbacks are replaced.
///
/// The callbacks are C functions: they find the builder through the parser context's `_private` field,
/// which points at the builder (a local variable of ``parse(_:maximumSize:)``) only while
/// `withUnsafeMutablePointer` keeps that pointer valid, and is cleared before it ends. The context's
/// `userData` stays the context itself, as libxml2's own remaining handlers (entity lookup) expect.
struct XMLArenaBuilder {
    private var contents = XMLArena.Contents()
    /// libxml2 interns namespace URIs in the parser's dictionary: the same URI is the same pointer.
    private var namespaceIndexes: [(uri: UnsafePointer<xmlChar>, index: Int32)] = []
    /// The elements open at this point, innermost last.
    private var open: [OpenElement] = []
    private var sawDocumentType = false

    private struct OpenElement {
        var node: Int32
        var lastChild: Int32 = XMLArena.none
        var lastChunk: Int32 = XMLArena.none
    }

    private init(capacity: Int) {
        contents.nodes.reserveCapacity(capacity / 48)
        contents.chunks.reserveCapacity(capacity / 64)
        contents.bytes.reserveCapacity(capacity / 2)
        open.reserveCapacity(16)
    }

    /// XML white space.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Parses bytes into an arena.
    /// - Throws: ``XMLParseError`` when the bytes are too large, empty, carry a DOCTYPE or are not well-formed.
    static func parse(_ source: [UInt8], maximumSize: Int) throws(XMLParseError) -> XMLArena {
        LibXML2.ensureInitialized()
        guard source.count <= maximumSize, source.count <= Int(Int32.max) else {
            throw XMLParseError(reason: .tooLarge(size: source.count, limit: maximumSize))
        }
        guard !source.isEmpty else { throw XMLParseError(reason: .empty) }
        var builder = XMLArenaBuilder(capacity: source.count)
        let outcome: XMLParseError? = source.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                guard let context = xmlCreateMemoryParserCtxt(characters.baseAddress, Int32(characters.count)) else {
                    return XMLParseError(reason: .notWellFormed("out of memory"))
                }
                defer { xmlFreeParserCtxt(context) }
                return withUnsafeMutablePointer(to: &builder) { pointer in Self.run(context, building: pointer) }
            }
        }
        if let outcome { throw outcome }
        return XMLArena(contents: builder.contents, source: source)
    }

    private static let options = Int32(
        bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue
    )

    /// Installs the handlers, parses, and says what went wrong, if anything.
    private static func run(_ context: xmlParserCtxtPtr, building builder: UnsafeMutablePointer<XMLArenaBuilder>) -> XMLParseError? {
        xmlCtxtUseOptions(context, Self.options)
        guard let handler = context.pointee.sax else { return XMLParseError(reason: .notWellFormed("out of memory")) }
        // No tree: nothing creates nodes. CDATA arrives as characters (XML_PARSE_NOCDATA). The document node
        // itself is still made (libxml2's own start-document handler, kept), because the parser core acts
        // differently without one: it would declare a DOCTYPE's entities in a document of its own.
        handler.pointee.startElement = nil
        handler.pointee.endElement = nil
        handler.pointee.reference = nil
        handler.pointee.comment = nil
        handler.pointee.processingInstruction = nil
        handler.pointee.cdataBlock = nil
        handler.pointee.startElementNs = Self.startElement
        handler.pointee.endElementNs = Self.endElement
        handler.pointee.characters = Self.characters
        // The same function for both: libxml2 then keeps all character data (no blank-dropping heuristic).
        handler.pointee.ignorableWhitespace = Self.characters
        handler.pointee.internalSubset = Self.documentType
        context.pointee._private = UnsafeMutableRawPointer(builder)
        _ = xmlParseDocument(context)
        context.pointee._private = nil
        // The parser hands the (empty) document node to its caller, which is us: free it.
        if let document = context.pointee.myDoc {
            xmlFreeDoc(document)
            context.pointee.myDoc = nil
        }
        if builder.pointee.sawDocumentType {
            return XMLParseError(reason: .documentTypeDeclaration, line: Int(xmlSAX2GetLineNumber(context)))
        }
        guard context.pointee.wellFormed != 0 else { return Self.lastError(of: context) }
        return nil
    }

    private static func lastError(of context: xmlParserCtxtPtr) -> XMLParseError {
        guard let error = xmlCtxtGetLastError(context) else {
            return XMLParseError(reason: .notWellFormed("unknown parser error"))
        }
        let message = error.pointee.message.map { String(cString: $0) } ?? "unknown parser error"
        return XMLParseError(
            reason: .notWellFormed(message.trimmingXMLWhitespace()),
            line: error.pointee.line > 0 ? Int(error.pointee.line) : nil,
            column: error.pointee.int2 > 0 ? Int(error.pointee.int2) : nil
        )
    }

    /// The builder behind a callback's context (see the type's comment for why this is sound).
    private static func builder(_ context: UnsafeMutableRawPointer?) -> (UnsafeMutablePointer<XMLArenaBuilder>, xmlParserCtxtPtr)? {
        guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self),
            let builder = parser.pointee._private
        else { return nil }
        return (builder.assumingMemoryBound(to: XMLArenaBuilder.self), parser)
    }

    // MARK: Callbacks

    /// Refuses any DOCTYPE as soon as the parser meets it, before any declaration in it takes effect.
    private static let documentType: internalSubsetSAXFunc = { context, _, _, _ in
        guard let (builder, parser) = builder(context) else { return }
        builder.pointee.sawDocumentType = true
        xmlStopParser(parser)
    }

    private static let startElement: startElementNsSAX2Func = {
        context, localName, prefix, uri, _, _, attributeCount, _, attributes in
        guard let (builder, parser) = builder(context), let localName else { return }
        let line = parser.pointee.input.map { Int32(clamping: $0.pointee.line) } ?? 0
        builder.pointee.startElement(
            localName: localName,
            prefix: prefix,
            uri: uri,
            line: min(line, 65535),
            attributeCount: Int(attributeCount),
            attributes: attributes
        )
    }

    private static let endElement: endElementNsSAX2Func = { context, _, _, _ in
        guard let (builder, _) = builder(context) else { return }
        _ = builder.pointee.open.popLast()
    }

    private static let characters: charactersSAXFunc = { context, text, length in
        guard let (builder, _) = builder(context), let text, length > 0 else { return }
        builder.pointee.characters(UnsafeBufferPointer(start: text, count: Int(length)))
    }

    // MARK: Building

    private mutating func append(_ text: UnsafePointer<xmlChar>) -> XMLArena.Span {
        let length = Int(xmlStrlen(text))
        let start = Int32(contents.bytes.count)
        contents.bytes.append(contentsOf: UnsafeBufferPointer(start: text, count: length))
        return XMLArena.Span(start: start, count: Int32(length))
    }

    /// A name as libxml2's tree names it: `prefix:local` when the prefix is bound to no namespace.
    private mutating func appendName(_ localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?)
        -> (name: XMLArena.Span, prefix: XMLArena.Span)
    {
        guard let prefix else { return (append(localName), .empty) }
        guard uri != nil else {
            let start = Int32(contents.bytes.count)
            _ = append(prefix)
            contents.bytes.append(UInt8(ascii: ":"))
            _ = append(localName)
            return (XMLArena.Span(start: start, count: Int32(contents.bytes.count) - start), .empty)
        }
        let prefixSpan = append(prefix)
        return (append(localName), prefixSpan)
    }

    private mutating func namespaceIndex(_ uri: UnsafePointer<xmlChar>?) -> Int32 {
        guard let uri else { return XMLArena.noNamespace }
        for known in namespaceIndexes where known.uri == uri { return known.index }
        let text = String(cString: uri)
        let index: Int32
        if text == ISO18626Namespace.uri {
            index = XMLArena.iso18626Namespace
        } else if let existing = contents.namespaces.firstIndex(of: text) {
            index = Int32(existing)
        } else {
            index = Int32(contents.namespaces.count)
            contents.namespaces.append(text)
        }
        namespaceIndexes.append((uri, index))
        return index
    }

    private mutating func startElement(
        localName: UnsafePointer<xmlChar>,
        prefix: UnsafePointer<xmlChar>?,
        uri: UnsafePointer<xmlChar>?,
        line: Int32,
        attributeCount: Int,
        attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        let (name, prefixSpan) = appendName(localName, prefix: prefix, uri: uri)
        let firstAttribute = Int32(contents.attributes.count)
        if let attributes {
            // Five pointers per attribute: local name, prefix, URI, value start, value end.
            for index in 0..<attributeCount {
                guard let attributeName = attributes[5 * index], let valueStart = attributes[5 * index + 3],
                    let valueEnd = attributes[5 * index + 4]
                else { continue }
                let (nameSpan, _) = appendName(attributeName, prefix: attributes[5 * index + 1], uri: attributes[5 * index + 2])
                let value = UnsafeBufferPointer(start: valueStart, count: valueEnd - valueStart)
                contents.attributes.append(XMLArena.Attribute(name: nameSpan, value: appendAttributeValue(value)))
            }
        }
        let index = Int32(contents.nodes.count)
        contents.nodes.append(
            XMLArena.Node(
                name: name,
                prefix: prefixSpan,
                namespace: namespaceIndex(uri),
                line: line,
                firstAttribute: firstAttribute,
                attributeCount: Int32(contents.attributes.count) - firstAttribute
            )
        )
        if let parent = open.indices.last {
            let previous = open[parent].lastChild
            contents.nodes[Int(open[parent].node)].childCount += 1
            if previous == XMLArena.none {
                contents.nodes[Int(open[parent].node)].firstChild = index
            } else {
                contents.nodes[Int(previous)].nextSibling = index
            }
            open[parent].lastChild = index
        }
        open.append(OpenElement(node: index))
    }

    /// An attribute value as libxml2's tree gives it. Without entity substitution the parser hands `&amp;`
    /// and `&#38;` on as the reference `&#38;` (to be reparsed by the tree builder); every other reference
    /// is already replaced, and no other entity can be declared with the DOCTYPE refused.
    private mutating func appendAttributeValue(_ value: UnsafeBufferPointer<xmlChar>) -> XMLArena.Span {
        let start = Int32(contents.bytes.count)
        let reference: [UInt8] = Array("&#38;".utf8)
        var index = 0
        while index < value.count {
            if value[index] == UInt8(ascii: "&"), value.count - index >= reference.count,
                value[index..<(index + reference.count)].elementsEqual(reference)
            {
                contents.bytes.append(UInt8(ascii: "&"))
                index += reference.count
            } else {
                contents.bytes.append(value[index])
                index += 1
            }
        }
        return XMLArena.Span(start: start, count: Int32(contents.bytes.count) - start)
    }

    private mutating func characters(_ text: UnsafeBufferPointer<xmlChar>) {
        guard let top = open.indices.last else { return }
        let hasContent = text.contains(where: { !Self.isSpace($0) })
        let last = open[top].lastChunk
        // White space before an element's first content can only be trimmed away: not kept. That is the
        // indentation between the elements of a pretty-printed message, most of the text there is.
        guard hasContent || last != XMLArena.none else { return }
        let start = Int32(contents.bytes.count)
        contents.bytes.append(contentsOf: text)
        if last == XMLArena.none {
            contents.nodes[Int(open[top].node)].firstChunk = Int32(contents.chunks.count)
            open[top].lastChunk = Int32(contents.chunks.count)
            contents.chunks.append(XMLArena.Chunk(text: XMLArena.Span(start: start, count: Int32(text.count))))
        } else if contents.chunks[Int(last)].text.start + contents.chunks[Int(last)].text.count == start {
            // The parser splits a run of text at references: keep it one piece.
            contents.chunks[Int(last)].text.count += Int32(text.count)
        } else {
            contents.chunks[Int(last)].next = Int32(contents.chunks.count)
            open[top].lastChunk = Int32(contents.chunks.count)
            contents.chunks.append(XMLArena.Chunk(text: XMLArena.Span(start: start, count: Int32(text.count))))
        }
        guard hasContent else { return }
        // Content makes this element and every enclosing one non-blank.
        for level in open.indices.reversed() {
            let node = Int(open[level].node)
            if contents.nodes[node].hasContent { break }
            contents.nodes[node].hasContent = true
        }
    }
}
