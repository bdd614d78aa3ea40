/// The immediate answer to a request: received and understood (`OK`), or not (`ERROR` with error data).
/// It says nothing about whether the request will be filled.
public struct RequestConfirmation: Hashable, Sendable {
    /// Echo of the request's ids, and the verdict.
    public var confirmationHeader: ConfirmationHeader
    /// What was wrong (one in the 2017 edition, any number in 2021).
    public var errorData: [ErrorData]

    /// Creates a request confirmation.
    public init(confirmationHeader: ConfirmationHeader, errorData: [ErrorData] = []) {
        self.confirmationHeader = confirmationHeader
        self.errorData = errorData
    }
}
