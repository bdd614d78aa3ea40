/// An element of an ``XMLArena``: a cursor (the arena's storage and an index), valid while its arena lives.
///
/// The cursor points at the arena's storage without owning it, so that passing cursors around costs no
/// reference counting. That is sound because cursors never leave a decoding run and the run's
/// ``DecodingContext`` holds the arena, which owns the storage, for its whole duration.
struct XMLElement {
    private let storage: UnsafePointer<XMLArena.Storage>
    private let index: Int32

    init(storage: UnsafePointer<XMLArena.Storage>, index: Int32) {
        self.storage = storage
        self.index = index
    }

    private var node: XMLArena.Node {
        storage.pointee.nodes[Int(index)]
    }

    /// The element's name without prefix (for a prefix no namespace declares, `prefix:name`).
    var localName: String {
        storage.pointee.string(node.name)
    }

    /// Whether the local name is `name`, compared on bytes without making a string.
    func isNamed(_ name: String) -> Bool {
        storage.pointee.span(node.name, equals: name)
    }

    /// The name as written, with its prefix (`ill:request`).
    var qualifiedName: String {
        let node = node
        guard node.prefix.count > 0 else { return storage.pointee.string(node.name) }
        return storage.pointee.string(node.prefix) + ":" + storage.pointee.string(node.name)
    }

    /// Whether the element is in no namespace or in ISO 18626's.
    var isInNoNamespaceOrISO18626: Bool {
        let namespace = node.namespace
        return namespace == XMLArena.noNamespace || namespace == XMLArena.iso18626Namespace
    }

    /// The namespace URI, or `nil` for an element in no namespace.
    var namespaceURI: String? {
        let namespace = node.namespace
        return namespace == XMLArena.noNamespace ? nil : storage.pointee.namespaces[Int(namespace)]
    }

    /// The line the element starts on (1-based).
    var line: Int {
        Int(node.line)
    }

    /// Whether the element holds nothing but white space, at any depth.
    var isBlank: Bool {
        !node.hasContent
    }

    /// How many child elements it has.
    var childCount: Int {
        Int(node.childCount)
    }

    /// Whether the element has child elements.
    var hasChildElements: Bool {
        node.childCount > 0
    }

    /// The child elements, in document order.
    var children: XMLChildElements {
        XMLChildElements(storage: storage, first: node.firstChild)
    }

    /// The text directly inside the element with surrounding XML white space removed, or `nil` when there
    /// is none. The common case, one piece of text, trims the bytes before making the one string.
    var trimmedText: String? {
        let first = node.firstChunk
        guard first != XMLArena.none else { return nil }
        let chunk = storage.pointee.chunks[Int(first)]
        guard chunk.next != XMLArena.none else { return Self.trimmed(storage.pointee.buffer(chunk.text)) }
        var joined: [UInt8] = []
        var next = first
        while next != XMLArena.none {
            let piece = storage.pointee.chunks[Int(next)]
            joined.append(contentsOf: storage.pointee.buffer(piece.text))
            next = piece.next
        }
        return joined.withUnsafeBufferPointer(Self.trimmed)
    }

    private static func trimmed(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        var start = 0
        var end = text.count
        while start < end, XMLArenaBuilder.isSpace(text[start]) { start += 1 }
        while end > start, XMLArenaBuilder.isSpace(text[end - 1]) { end -= 1 }
        guard end > start else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self)
    }

    /// The value of the first attribute with this local name, in any namespace or none.
    func attribute(_ localName: String) -> String? {
        let node = node
        for index in Int(node.firstAttribute)..<Int(node.firstAttribute + node.attributeCount) {
            let attribute = storage.pointee.attributes[index]
            if storage.pointee.span(attribute.name, equals: localName) {
                return storage.pointee.string(attribute.value)
            }
        }
        return nil
    }
}

/// The child elements of an element, in document order.
struct XMLChildElements: Sequence, IteratorProtocol {
    private let storage: UnsafePointer<XMLArena.Storage>
    private var upcoming: Int32

    init(storage: UnsafePointer<XMLArena.Storage>, first: Int32) {
        self.storage = storage
        self.upcoming = first
    }

    mutating func next() -> XMLElement? {
        guard upcoming != XMLArena.none else { return nil }
        let current = XMLElement(storage: storage, index: upcoming)
        upcoming = storage.pointee.nodes[Int(upcoming)].nextSibling
        return current
    }
}
