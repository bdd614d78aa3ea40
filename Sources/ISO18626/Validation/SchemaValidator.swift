internal import CLibXML2

/// Validates documents against the ISO 18626 XML schemas, one compiled schema per edition.
///
/// Schemas are compiled once, when the validator is created (start-up), and shared read-only by every
/// task afterwards; each validation uses a validation context of its own. The schemas illgate emits
/// against are built into the binary from the repository's `schemas/` folder (``bundled()``).
public final class SchemaValidator: Sendable {
    private let schemas: [Edition: CompiledSchema]

    /// Compiles the given schema texts.
    /// - Parameter schemaTexts: the XSD text for each edition to validate.
    /// - Throws: ``SchemaValidationError`` naming the first problem when a schema does not compile.
    public init(schemaTexts: [Edition: String]) throws(SchemaValidationError) {
        LibXML2.ensureInitialized()
        var compiled: [Edition: CompiledSchema] = [:]
        for (edition, text) in schemaTexts {
            compiled[edition] = try CompiledSchema(text: text)
        }
        self.schemas = compiled
    }

    /// The validator for the schemas built into illgate, compiled on first use and then shared.
    public static func bundled() throws(SchemaValidationError) -> SchemaValidator {
        try bundledValidator.get()
    }

    private static let bundledValidator: Result<SchemaValidator, SchemaValidationError> = {
        var texts: [Edition: String] = [:]
        for edition in Edition.allCases {
            guard let text = EmbeddedSchemas.files[edition.schemaFileName] else {
                return .failure(SchemaValidationError(messages: ["schema \(edition.schemaFileName) is not built in"]))
            }
            texts[edition] = text
        }
        return Result { () throws(SchemaValidationError) in try SchemaValidator(schemaTexts: texts) }
    }()

    /// The editions this validator has a schema for.
    public var editions: Set<Edition> { Set(schemas.keys) }

    /// Validates a serialised document.
    /// - Throws: ``SchemaValidationError`` with libxml2's messages (line numbers included) when invalid.
    public func validate(_ bytes: [UInt8], edition: Edition, maximumSize: Int = 16 << 20) throws(SchemaValidationError) {
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(bytes, maximumSize: maximumSize)
        } catch {
            throw SchemaValidationError(messages: [error.description], line: error.line)
        }
        try validate(document, edition: edition)
    }

    func validate(_ document: XMLDocument, edition: Edition) throws(SchemaValidationError) {
        guard let schema = schemas[edition] else {
            throw SchemaValidationError(messages: ["no schema loaded for edition \(edition)"])
        }
        try schema.validate(document)
    }
}

/// A compiled libxml2 schema. libxml2 never modifies an `xmlSchema` after `xmlSchemaParse` returns, and each
/// validation creates its own `xmlSchemaValidCtxt`, so sharing the pointer across threads is safe; that is
/// why the class is `@unchecked Sendable`.
private final class CompiledSchema: @unchecked Sendable {
    private let pointer: xmlSchemaPtr

    init(text: String) throws(SchemaValidationError) {
        let collector = ValidationErrorCollector()
        let bytes = Array(text.utf8)
        let parsed: xmlSchemaPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                guard let context = xmlSchemaNewMemParserCtxt(characters.baseAddress, Int32(characters.count)) else {
                    return nil
                }
                defer { xmlSchemaFreeParserCtxt(context) }
                xmlSchemaSetParserStructuredErrors(
                    context,
                    ValidationErrorCollector.handler,
                    Unmanaged.passUnretained(collector).toOpaque()
                )
                return xmlSchemaParse(context)
            }
        }
        guard let parsed else {
            throw SchemaValidationError(
                messages: collector.messages.isEmpty ? ["schema does not compile"] : collector.messages,
                line: collector.firstLine
            )
        }
        self.pointer = parsed
    }

    deinit {
        xmlSchemaFree(pointer)
    }

    func validate(_ document: XMLDocument) throws(SchemaValidationError) {
        guard let context = xmlSchemaNewValidCtxt(pointer) else {
            throw SchemaValidationError(messages: ["out of memory"])
        }
        defer { xmlSchemaFreeValidCtxt(context) }
        let collector = ValidationErrorCollector()
        let result = withExtendedLifetime(collector) {
            xmlSchemaSetValidStructuredErrors(
                context,
                ValidationErrorCollector.handler,
                Unmanaged.passUnretained(collector).toOpaque()
            )
            return xmlSchemaValidateDoc(context, document.pointer)
        }
        guard result != 0 else { return }
        throw SchemaValidationError(
            messages: collector.messages.isEmpty ? ["invalid (libxml2 code \(result))"] : collector.messages,
            line: collector.firstLine
        )
    }
}

/// Gathers libxml2's structured errors for one compilation or validation. Lives on one task only.
private final class ValidationErrorCollector {
    var messages: [String] = []
    var firstLine: Int?

    static let handler: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        let collector = Unmanaged<ValidationErrorCollector>.fromOpaque(userData).takeUnretainedValue()
        guard collector.messages.count < 20 else { return }
        let text = error.pointee.message.map { String(cString: $0) }?.trimmingXMLWhitespace() ?? "invalid"
        let line = Int(error.pointee.line)
        if collector.firstLine == nil, line > 0 { collector.firstLine = line }
        collector.messages.append(line > 0 ? "line \(line): \(text)" : text)
    }
}
