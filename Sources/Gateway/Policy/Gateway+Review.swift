import Foundation
public import ISO18626
public import Store
import Transactions

/// The review queue: requests the policy held for staff. A lending review is answered with WillSupply
/// (approve) or Unfilled (refuse, or the timeout); a borrowing review is sent (approve) or dropped.
extension Gateway {
    /// Approves a held request: a lending request is answered WillSupply; a borrowing request is sent
    /// to its rota with the held rules waived.
    /// - Returns: the review as it now is.
    public func approveReview(_ id: Int64, note: String? = nil) async throws(StaffActionError) -> ReviewRecord {
        let review = try await openReview(id)
        switch review.side {
        case .lending:
            guard let transactionID = review.transactionID else {
                throw StaffActionError(.notFound, "review \(id) has no transaction")
            }
            _ = try await perform(SupplierCommand(.willSupply, note: note), onTransaction: transactionID)
        case .borrowing:
            _ = try await sendHeldBorrowing(review, note: note)
        }
        return try await resolvedReview(id)
    }

    /// Refuses a held request: a lending request is answered Unfilled with `reason` (PolicyProblem by
    /// default) and the note; a borrowing request is not sent.
    public func refuseReview(_ id: Int64, reason: ReasonUnfilled?, note: String?) async throws(StaffActionError) -> ReviewRecord {
        let review = try await openReview(id)
        switch review.side {
        case .lending:
            guard let transactionID = review.transactionID else {
                throw StaffActionError(.notFound, "review \(id) has no transaction")
            }
            let command = SupplierCommand(.unfilled, note: note, reasonUnfilled: reason ?? "PolicyProblem")
            _ = try await perform(command, onTransaction: transactionID)
        case .borrowing:
            let now = self.now
            try await staffWrite { writer in
                guard var current = try writer.review(id: id), current.state == .open else {
                    throw StaffActionError(.notAllowed, "review \(id) is no longer open")
                }
                current.state = .refused
                current.resolvedAt = now
                current.resolution = "staff: refused" + (note.map { ": \($0)" } ?? "")
                try writer.update(current)
            }
        }
        return try await resolvedReview(id)
    }

    /// Answers every lending review whose deadline has passed with Unfilled (`on_review_timeout = "unfilled"`).
    /// - Returns: the reviews that timed out.
    @discardableResult
    public func expireReviews() async throws -> [ReviewRecord] {
        let now = self.now
        let configuration = self.configuration
        let due = try await store.dueReviews(at: now)
        var expired: [ReviewRecord] = []
        for review in due {
            let outbound = outboundMessages(at: now, configuration: configuration)
            let result = try? await staffWrite { writer -> ReviewRecord? in
                guard var current = try writer.review(id: review.id), current.state == .open else { return nil }
                if current.side == .lending, let transactionID = current.transactionID {
                    let command = SupplierCommand(
                        .unfilled,
                        note: "[illgate:review-timeout] The request was held for review (\(current.rule)) and not decided in time.",
                        reasonUnfilled: ReasonUnfilled(current.reasonIfTimedOut ?? "PolicyProblem")
                    )
                    _ = try Self.apply(command, onTransaction: transactionID, source: .system, detail: "review \(current.id) timed out", outbound: outbound, writer)
                }
                current.state = .timedOut
                current.resolvedAt = now
                current.resolution = "timed out"
                try writer.update(current)
                return current
            }
            if let result { expired.append(result) }
        }
        return expired
    }

    private func openReview(_ id: Int64) async throws(StaffActionError) -> ReviewRecord {
        let review = try await staffWrite { writer in try writer.review(id: id) }
        guard let review else { throw StaffActionError(.notFound, "no review \(id)") }
        guard review.state == .open else {
            throw StaffActionError(.notAllowed, "review \(id) is already \(review.state.rawValue)")
        }
        return review
    }

    private func resolvedReview(_ id: Int64) async throws(StaffActionError) -> ReviewRecord {
        let review = try await staffWrite { writer in try writer.review(id: id) }
        guard let review else { throw StaffActionError(.notFound, "no review \(id)") }
        return review
    }
}
