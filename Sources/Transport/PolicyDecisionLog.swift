public import Gateway
public import Logging

/// The one log line every policy decision gets:
/// `event=policy side=lending decision=unfilled rule=L07 rules=L07 reason=NotHeld tx=12 peer=... request_id=...`.
/// Rule ids, reason codes and transaction ids only; never patron data. What the decision learned or
/// noticed (a title cluster linking an ISSN, an invalid ISSN ignored) follows as one line each. Each decision is also counted
/// (`illgate_policy_decisions_total`).
public enum PolicyDecisionLog {
    /// Logs and counts one decision.
    public static func record(_ decision: DecisionSummary, peer: String?, requestID: String?, logger: Logger) {
        var metadata: Logger.Metadata = [
            "event": "policy",
            "side": .string(decision.side),
            "decision": .string(decision.outcome),
            "rule": .string(decision.rule),
            "rules": .string(decision.firedRules.joined(separator: ",")),
        ]
        if let reason = decision.reason { metadata["reason"] = .string(reason) }
        if let code = decision.code { metadata["code"] = .string(code) }
        if let id = decision.transactionID { metadata["tx"] = .string(String(id)) }
        if let id = decision.reviewID { metadata["review"] = .string(String(id)) }
        if let peer { metadata["peer"] = .string(peer) }
        if let requestID { metadata["request_id"] = .string(requestID) }
        logger.info("policy decision", metadata: metadata)
        TransportMetrics.decision(decision)
        for notice in decision.notices {
            var line: Logger.Metadata = ["event": .string(notice.event), "side": .string(decision.side)]
            if let id = decision.transactionID { line["tx"] = .string(String(id)) }
            if let id = decision.reviewID { line["review"] = .string(String(id)) }
            if let peer { line["peer"] = .string(peer) }
            if let requestID { line["request_id"] = .string(requestID) }
            if let branch = notice.branch { line["branch"] = .string(branch) }
            switch notice.level {
            case .info: logger.info("\(notice.detail)", metadata: line)
            case .warning: logger.warning("\(notice.detail)", metadata: line)
            }
        }
    }
}
