/// The immediate answer to a supplying agency message.
public struct SupplyingAgencyMessageConfirmation: Hashable, Sendable {
    /// Echo of the message's ids, and the verdict.
    public var confirmationHeader: ConfirmationHeader
    /// Echo of the message's reason.
    public var reasonForMessage: ReasonForMessage?
    /// What was wrong (one in the 2017 edition, any number in 2021).
    public var errorData: [ErrorData]

    /// Creates a supplying agency message confirmation.
    public init(
        confirmationHeader: ConfirmationHeader,
        reasonForMessage: ReasonForMessage? = nil,
        errorData: [ErrorData] = []
    ) {
        self.confirmationHeader = confirmationHeader
        self.reasonForMessage = reasonForMessage
        self.errorData = errorData
    }
}
