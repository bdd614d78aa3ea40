import ISO18626

/// What one lending rule concluded, before the evaluation combines it with the others.
enum RuleResult: Sendable {
    /// The rule's condition held.
    case passed(String)
    /// The rule does not apply to this request.
    case skipped(String)
    /// The rule set something (a restriction, an assumed declaration, a downgrade) and evaluation goes on.
    case noted(String)
    /// A terminal refusal: Unfilled.
    case unfilled(ReasonUnfilled, note: String, detail: String)
    /// A fixable failure: RetryPossible, merged with the others.
    case retry(ReasonRetry?, offers: RetryInfo, note: String, detail: String)
    /// Staff decide.
    case review(why: String, reasonIfTimedOut: ReasonUnfilled, code: ReasonCode, detail: String)
    /// The request is supplied (L17 only).
    case accept(LendingAcceptance, detail: String)
}
