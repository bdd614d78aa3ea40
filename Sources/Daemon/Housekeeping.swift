import Foundation
import Gateway
import ISO18626
import Logging
import Metrics
import ServiceLifecycle
import Store
import Transport

/// The daemon's clock work: answers lending reviews whose deadline passed (Unfilled, so the borrower's
/// rota moves on) once a minute; once an hour marks loans Overdue whose due date passed (policy
/// `mark_overdue_after_days`), bills loans long overdue as lost, cancels lenders silent past the
/// expect-to-supply deadline, ends pulls past `pull_timeout`, sends the overdue reminders on their schedules (both roles)
/// and the patrons' overdue and recalled notices (`[notices]`); once a day (each of these the first time at start-up) purges copyright-ledger rows whose
/// retention ended and the patron data of transactions closed longer than `patronDataRetentionDays`. Each
/// minute it also sets the backlog gauges: `illgate_outbox_messages{status}` and `illgate_reviews_open`.
/// Times are read on the gateway's clock (``Gateway/now``, injected), and ``HousekeepingSchedule`` decides
/// which chores are due; only the pause between rounds is real time.
struct Housekeeping: Service {
    let gateway: Gateway
    let interval: Duration
    let patronDataRetentionDays: Int
    let logger: Logger

    func run() async throws {
        var schedule = HousekeepingSchedule()
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                try await recordBacklog()
                for review in try await gateway.expireReviews() {
                    let decision = DecisionSummary(
                        side: review.side.rawValue,
                        outcome: "review-timeout",
                        rule: RuleNames.reviewTimeout,
                        firedRules: [review.rule, RuleNames.reviewTimeout],
                        reason: review.side == .lending ? review.reasonIfTimedOut : nil,
                        transactionID: review.transactionID,
                        reviewID: review.id
                    )
                    PolicyDecisionLog.record(decision, peer: review.peerName, requestID: nil, logger: logger)
                }
                for chore in schedule.due(at: gateway.now) {
                    switch chore {
                    case .overdueCheck:
                        try await sendReminders()
                        try await markOverdueLoans()
                        try await billLongOverdueLoans()
                        try await cancelSilentLenders()
                        try await timeOutPulls()
                        try await sendPatronNotices()
                    case .retentionPurge: try await purgeExpiredData()
                    }
                    schedule.finished(chore, at: gateway.now)
                }
            } catch {
                logger.error("housekeeping failed; will try again", metadata: ["error": .string("\(error)")])
            }
            // Wakes at once on SIGTERM: a plain sleep would hold the shutdown up to the 20 s bound.
            let interval = self.interval
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    /// Sends Overdue for the loans whose due date passed, one log line each.
    private func markOverdueLoans() async throws {
        for loan in try await gateway.markOverdueLoans() {
            var metadata: Logger.Metadata = [
                "event": "overdue", "tx": .string(String(loan.id)), "peer": .string(loan.peerName),
                "request_id": .string(loan.requestingAgencyRequestID),
            ]
            if let due = loan.dueDate { metadata["due"] = .string(TimestampFormat.format(due)) }
            logger.notice("loan overdue: Overdue sent to the borrower", metadata: metadata)
        }
    }

    /// Bills the loans overdue past `[policy.lending] bill_lost_after_days_overdue` as lost
    /// (CompletedWithoutReturn with the replacement cost), one log line each.
    private func billLongOverdueLoans() async throws {
        for loan in try await gateway.billLongOverdueLoans() {
            logger.notice(
                "loan long overdue: billed as lost (CompletedWithoutReturn)",
                metadata: [
                    "event": "billed-lost", "tx": .string(String(loan.id)), "peer": .string(loan.peerName),
                    "request_id": .string(loan.requestingAgencyRequestID),
                ]
            )
        }
    }

    /// Cancels the borrowing requests whose lender stayed silent past `[policy.borrowing] expect_to_supply_by`
    /// and passes each to the next lender of its rota, one log line each.
    private func cancelSilentLenders() async throws {
        for cancelled in try await gateway.cancelSilentLenders() {
            var metadata: Logger.Metadata = [
                "event": "supply-deadline", "tx": .string(String(cancelled.transaction.id)),
                "peer": .string(cancelled.transaction.peerName), "request_id": .string(cancelled.transaction.requestingAgencyRequestID),
            ]
            if let next = cancelled.forwarded {
                metadata["next_tx"] = .string(String(next.id))
                metadata["next_peer"] = .string(next.peerName)
            }
            logger.notice("lender silent past the expect-to-supply deadline: Cancel sent", metadata: metadata)
        }
    }

    /// Ends the pulls still open past `[policy.lending] pull_timeout`: each goes to the next branch, or its
    /// request is answered Unfilled NotOnShelf; one log line each.
    private func timeOutPulls() async throws {
        for outcome in try await gateway.timeOutPulls() {
            var metadata: Logger.Metadata = [
                "event": "pull-timeout", "tx": .string(String(outcome.transaction.id)),
                "request_id": .string(outcome.transaction.requestingAgencyRequestID), "branch": .string(outcome.closed.branch),
                "pull": .string(String(outcome.closed.id)),
            ]
            if let next = outcome.next {
                metadata["next_branch"] = .string(next.branch)
                logger.notice("pull timed out: pulling from the next branch", metadata: metadata)
            } else {
                metadata["reason"] = .string(Gateway.pullUnfilledReason.value)
                logger.notice("pull timed out: request answered Unfilled", metadata: metadata)
            }
        }
    }

    /// Deletes the copyright-ledger rows and the patron data whose retention ended, as of the gateway's clock.
    private func purgeExpiredData() async throws {
        let purged = try await gateway.store.purgeLedger(before: gateway.now)
        if purged > 0 {
            logger.notice("copyright ledger purged", metadata: ["event": "retention", "rows": .string(String(purged))])
        }
        let patronData = try await gateway.purgePatronData(retainingDays: patronDataRetentionDays)
        if !patronData.isEmpty {
            logger.notice(
                "patron data purged",
                metadata: [
                    "event": "retention",
                    "transactions": .string(String(patronData.transactions)),
                    "messages": .string(String(patronData.messages)),
                    "reviews": .string(String(patronData.reviews)),
                    "retention_days": .string(String(patronDataRetentionDays)),
                ]
            )
        }
    }

    /// Sends the patrons' overdue and recalled notices now due, one log line each: the transaction's ids and the
    /// notice's kind, never the patron's address.
    func sendPatronNotices() async throws {
        for notice in try await gateway.sendDuePatronNotices() {
            logger.notice(
                "patron notice sent",
                metadata: [
                    "event": "patron-notice", "tx": .string(String(notice.transactionID)),
                    "request_id": .string(notice.requestID), "kind": .string(notice.kind.rawValue),
                ]
            )
        }
    }

    /// Sends the overdue reminders now due in both roles (`reminders` schedules), one log line each: the
    /// transaction's ids, the role and which reminder, never patron data. Runs before the overdue marking, whose
    /// loans with a reminder due are marked by it, and before the long-overdue billing, so a final notice goes first.
    func sendReminders() async throws {
        for reminder in try await gateway.sendDueReminders() {
            ReminderLog.record(reminder, by: "system", logger: logger)
        }
    }

    /// Sets the gauges an operator alerts on: messages waiting or given up on, and held requests.
    private func recordBacklog() async throws {
        let outbox = try await gateway.store.outbox(statuses: [.pending, .rejected, .dead])
        for status in [OutboxRecord.Status.pending, .rejected, .dead] {
            Gauge(label: "illgate_outbox_messages", dimensions: [("status", status.rawValue)])
                .record(outbox.count { $0.status == status })
        }
        Gauge(label: "illgate_reviews_open", dimensions: []).record(try await gateway.store.reviews(states: [.open]).count)
    }
}

/// Rule ids the daemon names itself.
enum RuleNames {
    static let reviewTimeout = "REVIEW-TIMEOUT"
}
