import Foundation
internal import CLibXML2

/// The state of one decoding run: the document, the options, the warnings so far, and the readers for
/// elements and values that every message type shares.
final class DecodingContext {

    let document: XMLArena
    let rejectUnknownElements: Bool
    var warnings: [DecodingWarning] = []
    /// The header timestamp, once read: the fallback for mandatory dates peers leave empty.
    var messageTimestamp: Date?

    init(document: XMLArena, rejectUnknownElements: Bool) {
        self.document = document
        self.rejectUnknownElements = rejectUnknownElements
    }

    // MARK: Failures and warnings

    func failure(_ type: ErrorType, _ path: String, _ problem: String, at element: XMLElement?) -> DecodingFailure {
        DecodingFailure(
            errorType: type,
            path: path,
            problem: problem,
            line: element?.line,
            column: element.flatMap { document.column(of: $0) }
        )
    }

    func warn(_ path: String, _ message: String, at element: XMLElement?) {
        warnings.append(DecodingWarning(path: path, message: message, line: element?.line))
    }

    /// Whether an element belongs to ISO 18626: in its namespace, or in none (peers that drop it).
    func isOurs(_ element: XMLElement) -> Bool {
        element.isInNoNamespaceOrISO18626
    }

    // MARK: Children

    /// The child elements of `element`, ready to be claimed by name.
    func children(of element: XMLElement, path: String) -> ChildElements {
        var entries: [ChildElements.Entry] = []
        entries.reserveCapacity(element.childCount)
        collect(element, path: path, into: &entries)
        return ChildElements(parent: element, path: path, entries: entries)
    }

    private func collect(_ element: XMLElement, path: String, into entries: inout [ChildElements.Entry]) {
        for child in element.children {
            if !isOurs(child) {
                entries.append(.init(element: child, isForeign: true))
            } else if child.isNamed("activeSection") {
                // ReShare (until 2024) wrapped a requesting agency message's action and note in it.
                warn(path + "/activeSection", "non-standard wrapper; its content is read as if it were not there", at: child)
                collect(child, path: path, into: &entries)
            } else {
                entries.append(.init(element: child, isForeign: false))
            }
        }
    }

    /// Reports the children nobody claimed: a warning each, or in strict mode an UnrecognisedDataElement error.
    func finish(_ children: ChildElements) throws(DecodingFailure) {
        for entry in children.unclaimed {
            let path = children.path + "/" + entry.name
            if rejectUnknownElements {
                throw failure(.unrecognisedDataElement, path, "element is not part of ISO 18626", at: entry.element)
            }
            warn(path, "unknown element ignored", at: entry.element)
        }
    }

    /// Takes the first child of that name; further ones are ignored with a warning.
    func one(_ name: String, in children: inout ChildElements) -> XMLElement? {
        let found = children.claimFirst(name)
        if let second = found.second {
            warn(children.path + "/" + name, "repeated \(found.count) times; only the first is used", at: second)
        }
        return found.first
    }

    /// The child, if it is present and has any content (an empty optional element counts as absent).
    func nonBlank(_ name: String, in children: inout ChildElements) -> XMLElement? {
        guard let element = one(name, in: &children), !element.isBlank else { return nil }
        return element
    }

    /// Every child of that name that has content.
    func all(_ name: String, in children: inout ChildElements) -> [XMLElement] {
        children.claim(name).filter { !$0.isBlank }
    }

    func required(_ name: String, in children: inout ChildElements) throws(DecodingFailure) -> XMLElement {
        guard let element = one(name, in: &children) else {
            throw failure(.badlyFormedMessage, children.path + "/" + name, "mandatory element is missing", at: children.parent)
        }
        return element
    }

    // MARK: Values

    func string(_ name: String, in children: inout ChildElements) -> String? {
        guard let element = one(name, in: &children) else { return nil }
        return text(of: element)
    }

    func strings(_ name: String, in children: inout ChildElements) -> [String] {
        children.claim(name).compactMap(text(of:))
    }

    func requiredString(_ name: String, in children: inout ChildElements) throws(DecodingFailure) -> String {
        let element = try required(name, in: &children)
        guard let value = text(of: element) else {
            throw failure(.unrecognisedDataValue, children.path + "/" + name, "cannot be empty", at: element)
        }
        return value
    }

    /// A mandatory element whose value may be empty on input: CrossLink's patron-request templates leave the
    /// request id for the broker to fill in. The gateway, not the codec, decides whether empty is acceptable.
    func possiblyEmptyString(_ name: String, in children: inout ChildElements) throws(DecodingFailure) -> String {
        let element = try required(name, in: &children)
        guard let value = text(of: element) else {
            warn(children.path + "/" + name, "empty", at: element)
            return ""
        }
        return value
    }

    /// Trimmed text content, `nil` when empty.
    func text(of element: XMLElement) -> String? {
        element.trimmedText
    }

    func date(_ name: String, in children: inout ChildElements) throws(DecodingFailure) -> Date? {
        guard let element = one(name, in: &children), let text = text(of: element) else { return nil }
        return try date(text, children.path + "/" + name, element)
    }

    func requiredDate(_ name: String, in children: inout ChildElements) throws(DecodingFailure) -> Date {
        let element = try required(name, in: &children)
        guard let text = text(of: element) else {
            throw failure(.unrecognisedDataValue, children.path + "/" + name, "cannot be empty", at: element)
        }
        return try date(text, children.path + "/" + name, element)
    }

    /// A date the schema requires but peers leave empty: falls back to the message's timestamp, with a warning.
    func dateOrMessageTime(_ name: String, in children: inout ChildElements) throws(DecodingFailure) -> Date {
        if let value = try date(name, in: &children) { return value }
        guard let messageTimestamp else { return try requiredDate(name, in: &children) }
        warn(children.path + "/" + name, "missing or empty; the message timestamp is used", at: children.parent)
        return messageTimestamp
    }

    private func date(_ text: String, _ path: String, _ element: XMLElement) throws(DecodingFailure) -> Date {
        guard let date = TimestampFormat.parse(text) else {
            throw failure(.unrecognisedDataValue, path, "'\(text.clipped)' is not a date and time", at: element)
        }
        return date
    }

    func closed<Code: ClosedCode>(
        _ name: String,
        in children: inout ChildElements,
        as type: Code.Type = Code.self,
        errorType: ErrorType = .unrecognisedDataValue
    ) throws(DecodingFailure) -> Code? {
        guard let element = one(name, in: &children) else { return nil }
        return try closed(element, path: children.path + "/" + name, errorType: errorType)
    }

    func closed<Code: ClosedCode>(
        _ element: XMLElement,
        path: String,
        errorType: ErrorType = .unrecognisedDataValue
    ) throws(DecodingFailure) -> Code? {
        guard let text = text(of: element) else { return nil }
        guard let value = Code(lenient: text) else {
            throw failure(errorType, path, "'\(text.clipped)' is not a known \(Code.elementName)", at: element)
        }
        return value
    }

    func closedList<Code: ClosedCode>(_ name: String, in children: inout ChildElements) throws(DecodingFailure) -> [Code] {
        var result: [Code] = []
        for element in children.claim(name) {
            if let value: Code = try closed(element, path: children.path + "/" + name) { result.append(value) }
        }
        return result
    }

    func requiredClosed<Code: ClosedCode>(
        _ name: String,
        in children: inout ChildElements,
        errorType: ErrorType = .unrecognisedDataValue
    ) throws(DecodingFailure) -> Code {
        let element = try required(name, in: &children)
        guard let value: Code = try closed(element, path: children.path + "/" + name, errorType: errorType) else {
            throw failure(errorType, children.path + "/" + name, "cannot be empty", at: element)
        }
        return value
    }

    func open<List>(_ name: String, in children: inout ChildElements) -> OpenCode<List>? {
        guard let element = one(name, in: &children) else { return nil }
        return open(element)
    }

    func openList<List>(_ name: String, in children: inout ChildElements) -> [OpenCode<List>] {
        children.claim(name).compactMap(open)
    }

    func open<List>(_ element: XMLElement) -> OpenCode<List>? {
        guard let text = text(of: element) else { return nil }
        return OpenCode(lenient: text, scheme: element.attribute("scheme"))
    }

    /// `Y`/`N` (also accepting `true`/`false`, `yes`/`no`, `1`/`0` in any case).
    func bool(_ name: String, in children: inout ChildElements) throws(DecodingFailure) -> Bool? {
        guard let element = one(name, in: &children), let text = text(of: element) else { return nil }
        switch text.lowercased() {
        case "y", "yes", "true", "1": return true
        case "n", "no", "false", "0": return false
        default:
            throw failure(.unrecognisedDataValue, children.path + "/" + name, "'\(text.clipped)' is not Y or N", at: element)
        }
    }

    func integer(_ name: String, in children: inout ChildElements) throws(DecodingFailure) -> Int? {
        guard let element = one(name, in: &children), let text = text(of: element) else { return nil }
        guard let value = Int(text.hasPrefix("+") ? String(text.dropFirst()) : text) else {
            throw failure(.unrecognisedDataValue, children.path + "/" + name, "'\(text.clipped)' is not a whole number", at: element)
        }
        return value
    }

    func decimal(_ element: XMLElement, path: String) throws(DecodingFailure) -> Decimal {
        guard let text = text(of: element) else {
            throw failure(.unrecognisedDataValue, path, "cannot be empty", at: element)
        }
        guard let value = DecimalFormat.parse(text) else {
            throw failure(.unrecognisedDataValue, path, "'\(text.clipped)' is not a decimal amount", at: element)
        }
        return value
    }
}

/// The child elements of one element, each claimed by name once; what is left unclaimed is unknown.
struct ChildElements {
    struct Entry {
        var element: XMLElement
        /// In a namespace other than ISO 18626's: never claimed, named `{uri}name` when reported.
        var isForeign: Bool
        /// Whether a reader has taken the element.
        var isClaimed = false

        /// Whether the element is still unclaimed and of ISO 18626 with this local name.
        func isWanted(_ name: String) -> Bool {
            !isClaimed && !isForeign && element.isNamed(name)
        }

        /// The name a warning or error reports.
        var name: String {
            isForeign ? "{\(element.namespaceURI ?? "")}\(element.localName)" : element.localName
        }
    }

    let parent: XMLElement
    let path: String
    private var entries: [Entry]

    init(parent: XMLElement, path: String, entries: [Entry]) {
        self.parent = parent
        self.path = path
        self.entries = entries
    }

    /// Takes every child with this local name and gives the first two and how many there were, without
    /// collecting them (the common case: one or none).
    mutating func claimFirst(_ name: String) -> (first: XMLElement?, second: XMLElement?, count: Int) {
        var found: (first: XMLElement?, second: XMLElement?, count: Int) = (nil, nil, 0)
        for index in entries.indices where entries[index].isWanted(name) {
            entries[index].isClaimed = true
            switch found.count {
            case 0: found.first = entries[index].element
            case 1: found.second = entries[index].element
            default: break
            }
            found.count += 1
        }
        return found
    }

    /// Takes every child with this local name, in document order.
    mutating func claim(_ name: String) -> [XMLElement] {
        var found: [XMLElement] = []
        for index in entries.indices where entries[index].isWanted(name) {
            entries[index].isClaimed = true
            found.append(entries[index].element)
        }
        return found
    }

    var unclaimed: [Entry] {
        entries.filter { !$0.isClaimed }
    }
}


extension String {
    /// The text cut to a length fit for an error value.
    var clipped: String {
        count <= 60 ? self : String(prefix(57)) + "..."
    }
}
