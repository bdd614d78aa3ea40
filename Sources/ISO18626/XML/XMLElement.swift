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
