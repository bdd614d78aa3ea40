/// Reads ISO 18626 messages the way real peers write them.
///
/// The reader is tolerant where the published schemas are strict and deployed systems are not: any
/// namespace prefix or none, a bare message without the `ISO18626Message` envelope, `version` with or
/// without the `ill:` prefix, any edition's element names, children in any order, empty optional
/// elements (read as absent), unknown elements (ignored with a warning), ReShare's `activeSection`
/// wrapper, lenient timestamps, and code values in any letter case. What it cannot accept becomes an
/// ``ISO18626DecodingError`` carrying the `errorType` a peer should get, plus the header ids it could
/// recover so that the error confirmation can echo them.
///
/// The decoder is a value and `Sendable`: one instance can serve every connection. Each call streams the
/// bytes through libxml2's SAX2 parser into a flat arena of its own (no libxml2 tree) and reads the typed
/// message from that.
public struct ISO18626Decoder: Sendable {
    /// How tolerant to be.
    public struct Options: Sendable {
        /// The largest message accepted, in bytes. 1 MiB by default; real messages are a few KB.
        public var maximumMessageSize: Int
        /// Refuse elements ISO 18626 does not define with `UnrecognisedDataElement` instead of ignoring them.
        public var rejectUnknownElements: Bool
        /// Validate the message against the schema of its edition before reading it (strict mode per peer).
        public var schemaValidator: SchemaValidator?

        /// Creates options; the defaults are the tolerant reading real peers need.
        public init(
            maximumMessageSize: Int = 1 << 20,
            rejectUnknownElements: Bool = false,
            schemaValidator: SchemaValidator? = nil
        ) {
            self.maximumMessageSize = maximumMessageSize
            self.rejectUnknownElements = rejectUnknownElements
            self.schemaValidator = schemaValidator
        }
    }

    /// The options in force.
    public var options: Options

    /// Creates a decoder.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Decodes one message.
    /// - Parameter bytes: the complete XML document.
    /// - Returns: the message, its edition and the decoder's warnings.
    /// - Throws: ``ISO18626DecodingError`` describing what a confirmation should say.
    public func decode(_ bytes: [UInt8]) throws(ISO18626DecodingError) -> DecodedMessage {
        let document: XMLArena
        do {
            document = try XMLArena.parse(bytes, maximumSize: options.maximumMessageSize)
        } catch {
            throw ISO18626DecodingError(
                errorData: ErrorData(errorType: .badlyFormedMessage, errorValue: error.description),
                line: error.line,
                column: error.column
            )
        }
        let context = DecodingContext(document: document, rejectUnknownElements: options.rejectUnknownElements)
        let envelope = try locateMessage(in: document, context: context)
        let edition = Edition(versionAttribute: envelope.version)

        if let validator = options.schemaValidator {
            do {
                // The schema needs libxml2's tree: the same bytes, parsed again under the same options.
                try validator.validate(bytes, edition: edition, maximumSize: options.maximumMessageSize)
            } catch {
                throw ISO18626DecodingError(
                    errorData: ErrorData(errorType: .badlyFormedMessage, errorValue: error.description),
                    kind: envelope.kind,
                    edition: edition,
                    ids: recoverIDs(envelope.element, kind: envelope.kind, context: context),
                    line: error.line
                )
            }
        }

        do {
            let message = try decodeMessage(envelope.element, kind: envelope.kind, context: context)
            return DecodedMessage(
                message: message,
                edition: edition,
                declaredVersion: envelope.version,
                hasEnvelope: envelope.hasEnvelope,
                warnings: context.warnings
            )
        } catch {
            throw ISO18626DecodingError(
                errorData: ErrorData(errorType: error.errorType, errorValue: error.errorValue),
                kind: envelope.kind,
                edition: edition,
                ids: recoverIDs(envelope.element, kind: envelope.kind, context: context),
                line: error.line,
                column: error.column
            )
        }
    }

    /// Decodes one message from a string (for tests and tools).
    public func decode(_ text: String) throws(ISO18626DecodingError) -> DecodedMessage {
        try decode(Array(text.utf8))
    }

    private struct Envelope {
        var element: XMLElement
        var kind: MessageKind
        var version: String?
        var hasEnvelope: Bool
    }

    /// Finds the message element, inside the envelope or bare, and the version attribute.
    private func locateMessage(in document: XMLArena, context: DecodingContext) throws(ISO18626DecodingError) -> Envelope {
        guard let root = document.root else {
            throw ISO18626DecodingError(errorData: ErrorData(errorType: .badlyFormedMessage, errorValue: "document has no root element"))
        }
        func refuse(_ element: XMLElement, _ type: ErrorType, _ problem: String) -> ISO18626DecodingError {
            ISO18626DecodingError(
                errorData: ErrorData(
                    errorType: type,
                    errorValue: problem + XMLPosition(line: element.line, column: document.column(of: element)).suffix
                ),
                line: element.line,
                column: document.column(of: element)
            )
        }
        guard context.isOurs(root) else {
            throw refuse(
                root,
                .badlyFormedMessage,
                "\(root.localName): element is in namespace '\(root.namespaceURI ?? "")', not ISO 18626's '\(ISO18626Namespace.uri)'"
            )
        }
        let name = root.localName
        if let kind = MessageKind(rawValue: name) {
            let version = root.attribute("version")
            return Envelope(element: root, kind: kind, version: version, hasEnvelope: false)
        }
        guard name == "ISO18626Message" else {
            throw refuse(root, .badlyFormedMessage, "\(name): root element is not an ISO 18626 message")
        }
        let version = root.attribute("version")
        if version == nil {
            context.warn(name, "version attribute is missing", at: root)
        }
        var messageElement: XMLElement?
        for child in root.children {
            guard messageElement == nil else {
                throw refuse(child, .badlyFormedMessage, "ISO18626Message: holds more than one message")
            }
            messageElement = child
        }
        guard let messageElement else {
            throw refuse(root, .badlyFormedMessage, "ISO18626Message: holds no message")
        }
        guard context.isOurs(messageElement) else {
            throw refuse(
                messageElement,
                .badlyFormedMessage,
                "\(messageElement.localName): element is in namespace '\(messageElement.namespaceURI ?? "")', not ISO 18626's"
            )
        }
        guard let kind = MessageKind(rawValue: messageElement.localName) else {
            throw refuse(
                messageElement,
                .unrecognisedDataElement,
                "\(messageElement.localName): not an ISO 18626 message type"
            )
        }
        return Envelope(element: messageElement, kind: kind, version: version, hasEnvelope: true)
    }

    private func decodeMessage(
        _ element: XMLElement,
        kind: MessageKind,
        context: DecodingContext
    ) throws(DecodingFailure) -> ISO18626Message {
        switch kind {
        case .request: .request(try context.request(element))
        case .supplyingAgencyMessage: .supplyingAgencyMessage(try context.supplyingAgencyMessage(element))
        case .requestingAgencyMessage: .requestingAgencyMessage(try context.requestingAgencyMessage(element))
        case .requestConfirmation: .requestConfirmation(try context.requestConfirmation(element))
        case .supplyingAgencyMessageConfirmation:
            .supplyingAgencyMessageConfirmation(try context.supplyingAgencyMessageConfirmation(element))
        case .requestingAgencyMessageConfirmation:
            .requestingAgencyMessageConfirmation(try context.requestingAgencyMessageConfirmation(element))
        }
    }

    /// Reads whatever header ids can be read from a message that failed to decode, never failing itself.
    private func recoverIDs(_ element: XMLElement, kind: MessageKind, context: DecodingContext) -> MessageIDs {
        let headerName = kind.isConfirmation ? "confirmationHeader" : "header"
        guard let header = element.children.first(where: { $0.localName == headerName }) else { return MessageIDs() }
        var ids = MessageIDs()
        func agency(_ element: XMLElement) -> AgencyID? {
            var type: String?
            var value: String?
            for child in element.children {
                switch child.localName {
                case "agencyIdType": type = context.text(of: child)
                case "agencyIdValue": value = context.text(of: child)
                default: break
                }
            }
            guard let value else { return nil }
            return AgencyID(type: AgencyIDType(lenient: type ?? "", scheme: nil), value: value)
        }
        for child in header.children {
            switch child.localName {
            case "supplyingAgencyId": ids.supplyingAgencyID = agency(child)
            case "requestingAgencyId": ids.requestingAgencyID = agency(child)
            case "requestingAgencyRequestId": ids.requestingAgencyRequestID = context.text(of: child)
            case "supplyingAgencyRequestId": ids.supplyingAgencyRequestID = context.text(of: child)
            case "timestamp": ids.timestamp = context.text(of: child).flatMap(TimestampFormat.parse)
            default: break
            }
        }
        return ids
    }
}
