/// Whether a request is new or repeats an earlier one (`serviceInfo/requestType`; absent means New).
public enum RequestType: String, ClosedCode {
    /// A request sent for the first time.
    case new = "New"
    /// A request sent again after the supplier answered RetryPossible, with changed details.
    case retry = "Retry"
    /// An earlier request sent again to remind the supplier of it.
    case reminder = "Reminder"

    /// The element the value appears in: `requestType`.
    public static var elementName: String { "requestType" }
}
