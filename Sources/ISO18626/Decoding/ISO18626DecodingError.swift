/// Why a message could not be accepted, in the terms an ISO 18626 confirmation needs.
///
/// Besides the `errorType` and `errorValue` for the confirmation's `errorData`, it carries what the decoder
/// could still recover: which message type it was (so the right confirmation type can answer it) and the
/// header ids (so the confirmation can echo them).
public struct ISO18626DecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The error for the confirmation: type, and a value naming the element or value at fault.
    public var errorData: ErrorData
    /// The message type, if the document was recognisably an ISO 18626 message.
    public var kind: MessageKind?
    /// The edition the message announced.
    public var edition: Edition
    /// The header ids recovered from the message, as far as they could be read.
    public var ids: MessageIDs
    /// 1-based line of the problem, when known.
    public var line: Int?
    /// 1-based column of the problem, when known.
    public var column: Int?

    /// Creates a decoding error.
    public init(
        errorData: ErrorData,
        kind: MessageKind? = nil,
        edition: Edition = .v1_2,
        ids: MessageIDs = MessageIDs(),
        line: Int? = nil,
        column: Int? = nil
    ) {
        self.errorData = errorData
        self.kind = kind
        self.edition = edition
        self.ids = ids
        self.line = line
        self.column = column
    }

    /// Whether the input was recognisably an ISO 18626 message (a confirmation can answer it);
    /// an HTTP listener answers anything else with a plain 400.
    public var isRecognisedMessage: Bool { kind != nil }

    /// The error type.
    public var errorType: ErrorType { errorData.errorType }

    public var description: String {
        "\(errorData.errorType.rawValue): \(errorData.errorValue ?? "no value")"
    }
}
