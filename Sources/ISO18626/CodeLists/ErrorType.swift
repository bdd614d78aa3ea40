/// The kind of error a confirmation reports (`errorData/errorType`).
///
/// Emitted with the schema's British spelling; the American spellings of the 2021 text
/// (`UnrecognizedDataElement`, `UnrecognizedDataValue`), which some peers send, are accepted on input.
public enum ErrorType: String, ClosedCode {
    /// The receiver cannot handle the `action` of a requesting agency message.
    case unsupportedActionType = "UnsupportedActionType"
    /// The receiver cannot handle the `reasonForMessage` of a supplying agency message.
    case unsupportedReasonForMessageType = "UnsupportedReasonForMessageType"
    /// The message contains an element the receiver does not know.
    case unrecognisedDataElement = "UnrecognisedDataElement"
    /// An element's content, or a combination of values, is not understood or not acceptable.
    case unrecognisedDataValue = "UnrecognisedDataValue"
    /// The message does not follow the schema and could not be interpreted.
    case badlyFormedMessage = "BadlyFormedMessage"

    /// The element the error type appears in: `errorType`.
    public static var elementName: String { "errorType" }

    /// The American spellings of the 2021 text. Its `UnsupportedReasonforMessageType` differs from the schema
    /// only in letter case, which lenient reading ignores anyway.
    public static var alternateSpellings: [String: ErrorType] {
        [
            "unrecognizeddataelement": .unrecognisedDataElement,
            "unrecognizeddatavalue": .unrecognisedDataValue,
        ]
    }
}
