internal import CLibXML2

/// Reads a message only as far as the end of its header, with libxml2's streaming reader, under the same
/// safe options as the decoder, building nothing: what the gateway needs to decide whether the sender is
/// a peer at all before it spends a full decode on the message.
///
/// It answers only for what it can read cleanly; anything unusual (a DOCTYPE, a header it cannot find,
/// an error before the header ends) gives `nil`, and the full decoder then answers with its precise error.
public enum ISO18626HeaderPeek {
    /// What the header says.
    public struct Header: Hashable, Sendable {
        /// The message type.
        public var kind: MessageKind
        /// The ids and the timestamp in the header.
        public var ids: MessageIDs
        /// The edition the envelope's `version` attribute announces.
        public var edition: Edition
    }

    /// Elements deeper than this are not expected before a header ends.
    private static let maximumDepth: Int32 = 8

    /// Reads the header of `bytes`, or `nil` when it cannot be read cleanly.
    public static func header(of bytes: [UInt8]) -> Header? {
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else { return nil }
        LibXML2.ensureInitialized()
        let options = Int32(
            bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue
        )
        return bytes.withUnsafeBufferPointer { buffer -> Header? in
            guard let base = buffer.baseAddress else { return nil }
            let characters = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            guard let reader = xmlReaderForMemory(characters, Int32(buffer.count), nil, nil, options) else { return nil }
            defer { xmlFreeTextReader(reader) }
            var scanner = Scanner()
            while xmlTextReaderRead(reader) == 1 {
                switch scanner.step(reader) {
                case .more: continue
                case .done(let header): return header
                case .giveUp: return nil
                }
            }
            return nil
        }
    }

    /// The state of one scan: the open elements and what has been read.
    private struct Scanner {
        enum Step {
            case more
            case done(Header)
            case giveUp
        }

        var path: [String] = []
        var version: String?
        var kind: MessageKind?
        var kindDepth = 0
        var ids = MessageIDs()
        var agencyType = ""
        var agencyValue = ""
        var text = ""

        mutating func step(_ reader: xmlTextReaderPtr) -> Step {
            let type = xmlTextReaderNodeType(reader)
            switch type {
            case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue), Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
                return .giveUp
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                guard xmlTextReaderDepth(reader) <= maximumDepth, let name = xmlTextReaderConstLocalName(reader) else { return .giveUp }
                let local = String(cString: name)
                text = ""
                if path.isEmpty, kind == nil {
                    version = Self.versionAttribute(reader)
                }
                if kind == nil {
                    if let found = MessageKind(rawValue: local) {
                        kind = found
                        kindDepth = path.count
                    } else if local != "ISO18626Message" || !path.isEmpty {
                        return .giveUp
                    }
                }
                if xmlTextReaderIsEmptyElement(reader) == 1 {
                    return ended(local)
                }
                path.append(local)
                return .more
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                if let value = xmlTextReaderConstValue(reader) { text += String(cString: value) }
                return .more
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                guard let last = path.popLast() else { return .giveUp }
                return ended(last)
            default:
                return .more
            }
        }

        /// The root's `version` attribute, with or without the namespace prefix.
        private static func versionAttribute(_ reader: xmlTextReaderPtr) -> String? {
            let name: [xmlChar] = Array("version".utf8) + [0]
            let namespace: [xmlChar] = Array("http://illtransactions.org/2013/iso18626".utf8) + [0]
            guard let value = xmlTextReaderGetAttribute(reader, name) ?? xmlTextReaderGetAttributeNs(reader, name, namespace) else {
                return nil
            }
            defer { clibxml2_free(value) }
            return String(cString: value)
        }

        /// An element ended: keep what it said, and stop at the end of the header.
        private mutating func ended(_ name: String) -> Step {
            defer { text = "" }
            guard let kind else { return .more }
            let value = text.trimmingASCIIWhitespace
            let headerName = kind.isConfirmation ? "confirmationHeader" : "header"
            let parent = path.last ?? ""
            let inHeader = path.count >= kindDepth + 2 && path[kindDepth + 1] == headerName
            switch name {
            case headerName where path.count == kindDepth + 1:
                return .done(Header(kind: kind, ids: ids, edition: Edition(versionAttribute: version)))
            case "agencyIdType" where inHeader:
                agencyType = value
            case "agencyIdValue" where inHeader:
                agencyValue = value
            case "supplyingAgencyId" where inHeader && parent == headerName, "requestingAgencyId" where inHeader && parent == headerName:
                if !agencyValue.isEmpty {
                    let agency = AgencyID(type: AgencyIDType(lenient: agencyType, scheme: nil), value: agencyValue)
                    if name == "supplyingAgencyId" { ids.supplyingAgencyID = agency } else { ids.requestingAgencyID = agency }
                }
                agencyType = ""
                agencyValue = ""
            case "requestingAgencyRequestId" where inHeader && parent == headerName:
                ids.requestingAgencyRequestID = value
            case "timestamp" where inHeader && parent == headerName:
                ids.timestamp = TimestampFormat.parse(value)
            case "supplyingAgencyRequestId" where inHeader && parent == headerName:
                ids.supplyingAgencyRequestID = value.isEmpty ? nil : value
            default:
                break
            }
            return .more
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    fileprivate var trimmingASCIIWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
