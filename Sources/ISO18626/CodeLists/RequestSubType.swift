/// A refinement of the kind of request (`serviceInfo/requestSubType`; repeatable).
public enum RequestSubType: String, ClosedCode {
    /// The item is wanted for a given period, set by `startDate` and `endDate`.
    case bookingRequest = "BookingRequest"
    /// One of several requests for the same bibliographic item, tied together by `multipleItemRequestId`.
    case multipleItemRequest = "MultipleItemRequest"
    /// A request a patron placed in a catalogue, passed into the patron's own interlibrary-loan system.
    case patronRequest = "PatronRequest"
    /// An intermediary hands the request over to another interlibrary-loan system.
    case transferRequest = "TransferRequest"
    /// A service the supplier defines.
    case supplyingLibrarysChoice = "SupplyingLibrarysChoice"

    /// The element the value appears in: `requestSubType`.
    public static var elementName: String { "requestSubType" }
}
