internal import CLibXML2

/// An element node of an ``XMLDocument``: a thin cursor over libxml2's tree, valid while its document lives.
struct XMLElement {
    let node: xmlNodePtr

    init(_ node: xmlNodePtr) {
        self.node = node
    }

    /// The element's name without prefix.
    var localName: String {
        String(cString: node.pointee.name)
    }

    /// The name as written, with its prefix (`ill:request`).
    var qualifiedName: String {
        if let prefix = node.pointee.ns?.pointee.prefix {
            return String(cString: prefix) + ":" + localName
        }
        return localName
    }

    /// Whether the element is in no namespace or in the given one (compared in C, without making strings).
    func isInNamespace(noneOr uri: UnsafePointer<xmlChar>) -> Bool {
        guard let href = node.pointee.ns?.pointee.href else { return true }
        return xmlStrEqual(href, uri) != 0
    }

    /// The text directly inside the element with surrounding XML white space removed, or `nil` when there
    /// is none. Trims the C buffer before making a Swift string, so the common case costs one allocation.
    var trimmedText: String? {
        var child = node.pointee.children
        var single: UnsafeMutablePointer<xmlChar>?
        var textNodes = 0
        while let current = child {
            let type = current.pointee.type
            if type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE, let content = current.pointee.content {
                textNodes += 1
                single = content
            }
            child = current.pointee.next
        }
        guard textNodes > 0 else { return nil }
        guard textNodes == 1, let content = single else {
            let joined = text.trimmingXMLWhitespace()
            return joined.isEmpty ? nil : joined
        }
        let length = Int(xmlStrlen(content))
        var start = 0
        var end = length
        while start < end, XMLElement.isSpace(content[start]) { start += 1 }
        while end > start, XMLElement.isSpace(content[end - 1]) { end -= 1 }
        guard end > start else { return nil }
        return String(decoding: UnsafeBufferPointer(start: content + start, count: end - start), as: UTF8.self)
    }

    /// Whether the element holds nothing but white space, at any depth; stops at the first content.
    var isBlank: Bool {
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if var byte = current.pointee.content {
                    while byte.pointee != 0 {
                        if !XMLElement.isSpace(byte.pointee) { return false }
                        byte += 1
                    }
                }
            case XML_ELEMENT_NODE:
                if !XMLElement(current).isBlank { return false }
            default:
                break
            }
            child = current.pointee.next
        }
        return true
    }

    private static func isSpace(_ byte: xmlChar) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// The namespace URI, or `nil` for an element in no namespace.
    var namespaceURI: String? {
        node.pointee.ns?.pointee.href.map { String(cString: $0) }
    }

    /// The line the element starts on (1-based).
    var line: Int {
        Int(xmlGetLineNo(node))
    }

    /// The child elements, in document order.
    var children: XMLChildElements {
        XMLChildElements(first: node.pointee.children)
    }

    /// Whether the element has child elements.
    var hasChildElements: Bool {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { return true }
            child = current.pointee.next
        }
        return false
    }

    /// The text directly inside the element (text and CDATA children, concatenated), untrimmed.
    var text: String {
        var child = node.pointee.children
        var result = ""
        var isFirst = true
        while let current = child {
            let type = current.pointee.type
            if type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE, let content = current.pointee.content {
                if isFirst {
                    result = String(cString: content)
                    isFirst = false
                } else {
                    result += String(cString: content)
                }
            }
            child = current.pointee.next
        }
        return result
    }

    /// The value of the first attribute with this local name, in any namespace or none.
    func attribute(_ localName: String) -> String? {
        var attribute = node.pointee.properties
        while let current = attribute {
            if String(cString: current.pointee.name) == localName {
                guard let value = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1) else {
                    return ""
                }
                defer { clibxml2_free(value) }
                return String(cString: value)
            }
            attribute = current.pointee.next
        }
        return nil
    }
}

/// The child elements of an element, skipping text, comments and processing instructions.
struct XMLChildElements: Sequence, IteratorProtocol {
    private var upcoming: xmlNodePtr?

    init(first: xmlNodePtr?) {
        self.upcoming = first
    }

    mutating func next() -> XMLElement? {
        while let current = upcoming {
            upcoming = current.pointee.next
            if current.pointee.type == XML_ELEMENT_NODE {
                return XMLElement(current)
            }
        }
        return nil
    }
}
