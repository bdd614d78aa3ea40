import Foundation
import Gateway
import Logging
import ServiceLifecycle
import Store
import Transport

/// The policy's clock work: answers lending reviews whose deadline passed (Unfilled, so the borrower's
/// rota moves on) and purges copyright-ledger rows whose retention ended. Runs once a minute.
struct PolicyTimers: Service {
    let gateway: Gateway
    let interval: Duration
    let logger: Logger

    func run() async throws {
        var lastPurge = Date.distantPast
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
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
                if Date().timeIntervalSince(lastPurge) > 86_400 {
                    let purged = try await gateway.store.purgeLedger(before: Date())
                    lastPurge = Date()
                    if purged > 0 {
                        logger.notice("copyright ledger purged", metadata: ["event": "retention", "rows": .string(String(purged))])
                    }
                }
            } catch {
                logger.error("policy timers failed; will try again", metadata: ["error": .string("\(error)")])
            }
            // Wakes at once on SIGTERM: a plain sleep would hold the shutdown up to the 20 s bound.
            let interval = self.interval
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}

/// Rule ids the daemon names itself.
enum RuleNames {
    static let reviewTimeout = "REVIEW-TIMEOUT"
}
