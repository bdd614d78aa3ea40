/// Why a supplying agency sends a message (`messageInfo/reasonForMessage`).
public enum ReasonForMessage: String, ClosedCode {
    /// The supplier's first answer to a request. Only the first message for a request may use it.
    case requestResponse = "RequestResponse"
    /// The answer to a StatusRequest action, carrying the current status.
    case statusRequestResponse = "StatusRequestResponse"
    /// The answer to a Renew action: yes (with a new due date) or no.
    case renewResponse = "RenewResponse"
    /// The answer to a Cancel action: yes (status Cancelled) or no.
    case cancelResponse = "CancelResponse"
    /// The supplier reports a change of status nobody asked about.
    case statusChange = "StatusChange"
    /// A free-text message only.
    case notification = "Notification"

    /// The element the reason appears in: `reasonForMessage`.
    public static var elementName: String { "reasonForMessage" }
}
