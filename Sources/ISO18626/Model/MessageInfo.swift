/// Why a supplying agency message is sent, with the supplier's answer and reasons.
public struct MessageInfo: Hashable, Sendable {
    /// The reason for the message.
    public var reasonForMessage: ReasonForMessage
    /// The answer to a Renew or Cancel (`Y` is `true`).
    public var answerYesNo: Bool?
    /// Free text for the requester's staff.
    public var note: String?
    /// Why the request cannot be filled, with status Unfilled.
    public var reasonUnfilled: ReasonUnfilled?
    /// Why the request could be filled on other terms, with status RetryPossible.
    public var reasonRetry: ReasonRetry?

    /// Creates message information.
    public init(
        reasonForMessage: ReasonForMessage,
        answerYesNo: Bool? = nil,
        note: String? = nil,
        reasonUnfilled: ReasonUnfilled? = nil,
        reasonRetry: ReasonRetry? = nil
    ) {
        self.reasonForMessage = reasonForMessage
        self.answerYesNo = answerYesNo
        self.note = note
        self.reasonUnfilled = reasonUnfilled
        self.reasonRetry = reasonRetry
    }
}
