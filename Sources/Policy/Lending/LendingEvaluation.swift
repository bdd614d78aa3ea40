import Foundation
import ISO18626

/// The state of one lending evaluation as the rules run: the trace, the fixable failures collected so
/// far, a review waiting (when reviews do not stop evaluation) and the final outcome once one is known.
///
/// Combination (policy reference §5.3): the first terminal result wins; a review stops evaluation when
/// `review_stops`, otherwise it waits and a later terminal refusal beats it; when nothing is terminal, all
/// RetryPossible results merge into one, `reasonRetry` the first, every offer carried.
struct LendingEvaluation: Sendable {
    var trace: [RuleEvaluation] = []
    private(set) var retries: [LendingRetry] = []
    private(set) var pendingReview: LendingReview?
    private(set) var final: LendingOutcome?
    let reviewStops: Bool

    init(reviewStops: Bool) {
        self.reviewStops = reviewStops
    }

    /// Whether a terminal result is known: no further rule runs.
    var isFinished: Bool { final != nil }

    /// Records a rule's result in the trace and in the combination state.
    mutating func apply(_ rule: RuleID, _ result: RuleResult) {
        guard final == nil else { return }
        switch result {
        case .passed(let detail):
            trace.append(RuleEvaluation(rule, .passed, detail))
        case .skipped(let detail):
            trace.append(RuleEvaluation(rule, .skipped, detail))
        case .noted(let detail):
            trace.append(RuleEvaluation(rule, .fired, detail))
        case .unfilled(let reason, let note, let detail):
            trace.append(RuleEvaluation(rule, .fired, detail))
            final = .unfilled(LendingRefusal(rule: rule, reason: reason, note: note))
        case .retry(let reason, let offers, let note, let detail):
            trace.append(RuleEvaluation(rule, .fired, detail))
            retries.append(LendingRetry(rule: rule, reason: reason, offers: offers, note: note))
        case .review(let why, let reasonIfTimedOut, let code, let detail):
            trace.append(RuleEvaluation(rule, .fired, detail))
            let review = LendingReview(rule: rule, why: why, reasonIfTimedOut: reasonIfTimedOut, code: code)
            if reviewStops {
                final = .review(review)
            } else if pendingReview == nil {
                pendingReview = review
            }
        case .accept(let acceptance, let detail):
            trace.append(RuleEvaluation(rule, .fired, detail))
            final = .accept(acceptance)
        }
    }

    /// Adds a trace line that decides nothing (L05's resolution notes).
    mutating func note(_ rule: RuleID, _ verdict: RuleEvaluation.Verdict, _ detail: String) {
        trace.append(RuleEvaluation(rule, verdict, detail))
    }

    /// The outcome when the rules ran out without a terminal result: a waiting review, else the merged
    /// retries, else `nil` (the acceptance rule decides).
    var pendingOutcome: LendingOutcome? {
        if let final { return final }
        if let pendingReview { return .review(pendingReview) }
        if let merged = Self.merge(retries) { return .retryPossible(merged) }
        return nil
    }

    /// Merges fixable failures: the first one's rule and reason (the first non-`nil` reason when the first
    /// has no code in the peer's edition), every offer, every note.
    static func merge(_ retries: [LendingRetry]) -> LendingRetry? {
        guard let first = retries.first else { return nil }
        var offers = RetryInfo()
        for retry in retries {
            offers.loanCondition.appendNew(retry.offers.loanCondition)
            offers.edition.appendNew(retry.offers.edition)
            offers.itemFormat.appendNew(retry.offers.itemFormat)
            offers.volume.appendNew(retry.offers.volume)
            offers.serviceType = offers.serviceType ?? retry.offers.serviceType
            offers.serviceLevel.appendNew(retry.offers.serviceLevel)
            offers.deliveryMethod.appendNew(retry.offers.deliveryMethod)
            offers.courierName.appendNew(retry.offers.courierName)
            offers.offeredCosts.appendNew(retry.offers.offeredCosts)
            offers.paymentMethod.appendNew(retry.offers.paymentMethod)
            // Retry when every blocking condition has passed; before the earliest deadline.
            if let after = retry.offers.retryAfter { offers.retryAfter = max(offers.retryAfter ?? after, after) }
            if let before = retry.offers.retryBefore { offers.retryBefore = min(offers.retryBefore ?? before, before) }
        }
        let reason = first.reason ?? retries.lazy.compactMap(\.reason).first
        let note = retries.map(\.note).joined(separator: " ")
        return LendingRetry(rule: first.rule, reason: reason, offers: offers, note: note)
    }
}

extension Array where Element: Equatable {
    /// Appends the elements not yet present, in order.
    fileprivate mutating func appendNew(_ elements: [Element]) {
        for element in elements where !contains(element) { append(element) }
    }
}
