import Foundation

/// Writes messages as correctly namespaced, escaped XML in the edition a peer speaks.
///
/// Output always carries the `ISO18626Message` envelope with `ill:version`, uses the edition's element names
/// and order, and leaves out what the edition cannot carry (2021-only blocks in a 2017 message). Values the
/// 2017 edition allows once are written once: several item ids are joined with commas as deployed peers do,
/// and of several volumes, loan conditions, delivery costs or error data the first is written. A message that
/// cannot be made valid (a missing status, a 2021-only status in a 2017 message) is refused with an
/// ``ISO18626EncodingError`` rather than sent broken. With a ``SchemaValidator`` every output document is
/// also validated against the edition's schema before it is returned.
public struct ISO18626Encoder: Sendable {
    /// Indent the output for people (`illgate validate --print`); peers get compact XML.
    public var prettyPrinted: Bool
    /// When set, every document is validated against its edition's schema before it is returned.
    public var validator: SchemaValidator?

    /// Creates an encoder.
    public init(prettyPrinted: Bool = false, validator: SchemaValidator? = nil) {
        self.prettyPrinted = prettyPrinted
        self.validator = validator
    }

    /// Encodes a message.
    /// - Parameters:
    ///   - message: the message.
    ///   - edition: the edition to write.
    /// - Returns: the UTF-8 XML document.
    public func encode(_ message: ISO18626Message, edition: Edition) throws(ISO18626EncodingError) -> [UInt8] {
        // One writer, owned by the message writer throughout: a second copy of it would share the buffer
        // and make the next write duplicate it.
        var body = MessageWriter(writer: XMLWriter(prettyPrinted: prettyPrinted), edition: edition)
        body.writer.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        if !prettyPrinted { body.writer.raw("\n") }
        body.writer.open(
            "ISO18626Message",
            attributes: "xmlns=\"http://illtransactions.org/2013/iso18626\" xmlns:ill=\"http://illtransactions.org/2013/iso18626\"",
            version: edition.versionAttribute
        )
        switch message {
        case .request(let request): try body.request(request)
        case .requestConfirmation(let confirmation): try body.requestConfirmation(confirmation)
        case .supplyingAgencyMessage(let message): try body.supplyingAgencyMessage(message)
        case .supplyingAgencyMessageConfirmation(let confirmation): try body.supplyingAgencyMessageConfirmation(confirmation)
        case .requestingAgencyMessage(let message): try body.requestingAgencyMessage(message)
        case .requestingAgencyMessageConfirmation(let confirmation): try body.requestingAgencyMessageConfirmation(confirmation)
        }
        body.writer.close("ISO18626Message")
        body.writer.raw("\n")
        let bytes = body.writer.bytes
        if let validator {
            do {
                try validator.validate(bytes, edition: edition)
            } catch {
                throw ISO18626EncodingError(.schemaViolation, "\(message.kind) in edition \(edition): \(error)")
            }
        }
        return bytes
    }

    /// Encodes a message as a string (for tools and tests).
    public func encodeString(_ message: ISO18626Message, edition: Edition) throws(ISO18626EncodingError) -> String {
        String(decoding: try encode(message, edition: edition), as: UTF8.self)
    }
}
