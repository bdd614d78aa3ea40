/// A message as the decoder read it, with what it noticed on the way.
public struct DecodedMessage: Hashable, Sendable {
    /// The message.
    public var message: ISO18626Message
    /// The edition the message announced (by its `version` attribute), which replies should use.
    public var edition: Edition
    /// The `version` attribute exactly as sent, or `nil` if there was none (bare messages have none).
    public var declaredVersion: String?
    /// Whether the message came inside the `ISO18626Message` envelope.
    public var hasEnvelope: Bool
    /// What the tolerant reader accepted that a strict one would not.
    public var warnings: [DecodingWarning]

    /// Creates a decoded message.
    public init(
        message: ISO18626Message,
        edition: Edition,
        declaredVersion: String?,
        hasEnvelope: Bool,
        warnings: [DecodingWarning] = []
    ) {
        self.message = message
        self.edition = edition
        self.declaredVersion = declaredVersion
        self.hasEnvelope = hasEnvelope
        self.warnings = warnings
    }
}
