/// The immediate answer to a requesting agency message.
public struct RequestingAgencyMessageConfirmation: Hashable, Sendable {
    /// Echo of the message's ids, and the verdict.
    public var confirmationHeader: ConfirmationHeader
    /// Echo of the message's action.
    public var action: Action?
    /// What was wrong (one in the 2017 edition, any number in 2021).
    public var errorData: [ErrorData]

    /// Creates a requesting agency message confirmation.
    public init(confirmationHeader: ConfirmationHeader, action: Action? = nil, errorData: [ErrorData] = []) {
        self.confirmationHeader = confirmationHeader
        self.action = action
        self.errorData = errorData
    }
}
