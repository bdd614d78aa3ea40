public import ISO18626

/// What the gateway must do after a lending transaction's event: the machine never does it itself.
public enum SupplierEffect: Hashable, Sendable {
    /// Send the borrower a supplying agency message with the transaction's (new) status.
    /// - `reason`: why; `.statusChange` is turned into `.requestResponse` for our first answer to a request.
    /// - `answer`: the yes/no of a cancel or renewal answer.
    /// - `status`: a status to send other than the new state's own (ReleaseHoldReturn).
    case sendStatus(reason: ReasonForMessage, answer: Bool? = nil, status: Status? = nil)
    /// Note that the borrower asked to cancel, for staff or policy to answer.
    case awaitCancelDecision
    /// Note that the borrower asked to renew, for staff or policy to answer.
    case awaitRenewalDecision
    /// The pending cancel or renewal has been answered.
    case clearPendingRequests
    /// Charge the borrower for the item's loss or damage (and carry the amount in the status message).
    case billLoss(LossKind)
}

extension SupplierEffect: CustomStringConvertible {
    public var description: String {
        switch self {
        case .sendStatus(let reason, let answer, let status):
            "send \(status.map { "\($0) " } ?? "")\(reason)" + (answer.map { $0 ? " Y" : " N" } ?? "")
        case .awaitCancelDecision: "await cancel decision"
        case .awaitRenewalDecision: "await renewal decision"
        case .clearPendingRequests: "clear pending"
        case .billLoss(let kind): "bill \(kind)"
        }
    }
}
