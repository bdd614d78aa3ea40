/// Whether a confirmation accepts the message it confirms (`confirmationHeader/messageStatus`).
public enum MessageStatus: String, ClosedCode {
    /// The message was received and accepted.
    case ok = "OK"
    /// The message was rejected; the confirmation's error data say why.
    case error = "ERROR"

    /// The element the value appears in: `messageStatus`.
    public static var elementName: String { "messageStatus" }
}
