internal import CLibXML2

/// A libxml2 tree of an XML document, read from untrusted bytes under safe options: what schema validation
/// needs. Decoding does not build one; it reads an ``XMLArena``.
///
/// Safety: no network access, no DTD loading, no entity substitution, any DOCTYPE refused before its
/// declarations are processed, libxml2's built-in limits kept (depth 256, text 10 MB, no `XML_PARSE_HUGE`),
/// a size limit before parsing, and malformed input (including invalid UTF-8) refused, never recovered.
///
/// Not `Sendable`: a libxml2 document belongs to one task. It is freed when the value is released.
final class XMLDocument {
    let pointer: xmlDocPtr

    private init(pointer: xmlDocPtr) {
        self.pointer = pointer
    }

    deinit {
        xmlFreeDoc(pointer)
    }

    /// Parses bytes into a document.
    /// - Parameters:
    ///   - bytes: the document.
    ///   - maximumSize: the largest document accepted, in bytes.
    /// - Throws: ``XMLParseError`` when the bytes are too large, empty, carry a DOCTYPE or are not well-formed.
    static func parse(_ bytes: [UInt8], maximumSize: Int) throws(XMLParseError) -> XMLDocument {
        LibXML2.ensureInitialized()
        guard bytes.count <= maximumSize, bytes.count <= Int(Int32.max) else {
            throw XMLParseError(reason: .tooLarge(size: bytes.count, limit: maximumSize))
        }
        guard !bytes.isEmpty else { throw XMLParseError(reason: .empty) }
        guard let context = xmlNewParserCtxt() else {
            throw XMLParseError(reason: .notWellFormed("out of memory"))
        }
        defer { xmlFreeParserCtxt(context) }
        // Refuse any DOCTYPE as soon as the parser meets it, before any declaration in it takes effect.
        context.pointee.sax.pointee.internalSubset = { userData, _, _, _ in
            guard let userData else { return }
            let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            context.pointee._private = XMLDocument.doctypeMark
            xmlStopParser(context)
        }
        let options = Int32(
            bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOBLANKS.rawValue
        )
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                xmlCtxtReadMemory(context, characters.baseAddress, Int32(characters.count), nil, nil, options)
            }
        }
        if context.pointee._private == XMLDocument.doctypeMark {
            document.map(xmlFreeDoc)
            throw XMLParseError(reason: .documentTypeDeclaration, line: Int(xmlSAX2GetLineNumber(context)))
        }
        guard let document, context.pointee.wellFormed != 0 else {
            document.map(xmlFreeDoc)
            throw lastError(of: context)
        }
        return XMLDocument(pointer: document)
    }

    /// A marker the DOCTYPE hook leaves in the parser context's `_private` field.
    private static var doctypeMark: UnsafeMutableRawPointer? { UnsafeMutableRawPointer(bitPattern: 0xD0C) }

    private static func lastError(of context: xmlParserCtxtPtr) -> XMLParseError {
        guard let error = xmlCtxtGetLastError(context) else {
            return XMLParseError(reason: .notWellFormed("unknown parser error"))
        }
        let message = error.pointee.message.map { String(cString: $0) } ?? "unknown parser error"
        let trimmed = message.trimmingXMLWhitespace()
        return XMLParseError(
            reason: .notWellFormed(trimmed),
            line: error.pointee.line > 0 ? Int(error.pointee.line) : nil,
            column: error.pointee.int2 > 0 ? Int(error.pointee.int2) : nil
        )
    }
}
