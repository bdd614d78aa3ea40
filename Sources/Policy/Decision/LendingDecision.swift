public import Foundation
public import ISO18626

/// The lending rules' answer to a request, with the trace of every rule evaluated.
public struct LendingDecision: Hashable, Sendable {
    public var outcome: LendingOutcome
    public var trace: [RuleEvaluation]

    public init(outcome: LendingOutcome, trace: [RuleEvaluation]) {
        self.outcome = outcome
        self.trace = trace
    }
}

/// What we do with a request we are asked to lend.
public enum LendingOutcome: Hashable, Sendable {
    /// Supply: WillSupply (or ExpectToSupply) goes out at once.
    case accept(LendingAcceptance)
    /// Unfilled with `reasonUnfilled` and a note.
    case unfilled(LendingRefusal)
    /// RetryPossible with `reasonRetry` and the offers.
    case retryPossible(LendingRetry)
    /// Nothing is sent beyond the confirmation; staff decide (review queue with a timeout).
    case review(LendingReview)

    /// The stable code of the outcome (``ReasonCode``): the `[illgate:<code>]` prefix of the note sent.
    public var code: ReasonCode {
        switch self {
        case .accept(let accept): accept.code
        case .unfilled(let refusal): refusal.code
        case .retryPossible(let retry): retry.code
        case .review(let review): review.code
        }
    }

    /// The rule that decided.
    public var rule: RuleID {
        switch self {
        case .accept(let accept): accept.rule
        case .unfilled(let refusal): refusal.rule
        case .retryPossible(let retry): retry.rule
        case .review(let review): review.rule
        }
    }

    /// A one-word name for logs and reports.
    public var name: String {
        switch self {
        case .accept: "supply"
        case .unfilled: "unfilled"
        case .retryPossible: "retry-possible"
        case .review: "review"
        }
    }
}

/// An accepted request.
public struct LendingAcceptance: Hashable, Sendable {
    public var rule: RuleID
    /// WillSupply or ExpectToSupply.
    public var status: Status
    /// The service we supply (a CopyOrLoan request resolved).
    public var serviceType: ServiceType
    /// The due date a loan shipped today would get (L17).
    public var proposedDueDate: Date?
    public var loanConditions: [LoanCondition]
    /// The delivery method chosen among the requested ones (L14).
    public var deliveryMethod: DeliveryMethod?
    /// What we will charge, if anything.
    public var charge: Costs?
    public var note: String?
    /// The stable code: the note's prefix when there is a note (a 2017 downgrade), else `supply`.
    public var code: ReasonCode { note.flatMap(ReasonCode.init(notePrefixOf:)) ?? .supply }

    public init(
        rule: RuleID = .l17,
        status: Status,
        serviceType: ServiceType,
        proposedDueDate: Date? = nil,
        loanConditions: [LoanCondition] = [],
        deliveryMethod: DeliveryMethod? = nil,
        charge: Costs? = nil,
        note: String? = nil
    ) {
        self.rule = rule
        self.status = status
        self.serviceType = serviceType
        self.proposedDueDate = proposedDueDate
        self.loanConditions = loanConditions
        self.deliveryMethod = deliveryMethod
        self.charge = charge
        self.note = note
    }
}

/// A request we cannot fill, whatever the borrower changes.
public struct LendingRefusal: Hashable, Sendable {
    public var rule: RuleID
    public var reason: ReasonUnfilled
    /// A short note with the `[illgate:<code>]` prefix, no patron data.
    public var note: String
    /// The stable code, the note's prefix.
    public var code: ReasonCode

    /// A refusal; `code` defaults to the note's `[illgate:<code>]` prefix.
    public init(rule: RuleID, reason: ReasonUnfilled, note: String, code: ReasonCode? = nil) {
        self.rule = rule
        self.reason = reason
        self.note = note
        self.code = code ?? ReasonCode(notePrefixOf: note) ?? ReasonCode(rawValue: rule.rawValue.lowercased())
    }
}

/// A request we could fill on other terms, or later.
public struct LendingRetry: Hashable, Sendable {
    public var rule: RuleID
    /// `nil` when the edition has no code for the reason (2017 loan conditions): the note says it.
    public var reason: ReasonRetry?
    /// Every offer of every fixable failure, merged (retryInfo for 2021; messageInfo and the note for 2017).
    public var offers: RetryInfo
    public var note: String
    /// The stable code of the first fixable failure, the note's prefix.
    public var code: ReasonCode

    /// A retry; `code` defaults to the note's `[illgate:<code>]` prefix.
    public init(rule: RuleID, reason: ReasonRetry?, offers: RetryInfo = RetryInfo(), note: String, code: ReasonCode? = nil) {
        self.rule = rule
        self.reason = reason
        self.offers = offers
        self.note = note
        self.code = code ?? ReasonCode(notePrefixOf: note) ?? ReasonCode(rawValue: rule.rawValue.lowercased())
    }
}

/// A request held for staff.
public struct LendingReview: Hashable, Sendable {
    public var rule: RuleID
    public var why: String
    /// What is sent if the review times out and `on_review_timeout = "unfilled"`.
    public var reasonIfTimedOut: ReasonUnfilled
    /// The stable code of why it is held (shown by `policy explain` and kept with the review).
    public var code: ReasonCode

    public init(rule: RuleID, why: String, reasonIfTimedOut: ReasonUnfilled = "PolicyProblem", code: ReasonCode? = nil) {
        self.rule = rule
        self.why = why
        self.reasonIfTimedOut = reasonIfTimedOut
        self.code = code ?? ReasonCode(rawValue: rule.rawValue.lowercased())
    }
}
