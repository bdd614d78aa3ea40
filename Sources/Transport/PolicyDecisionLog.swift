public import Gateway
public import Logging

/// The one log line every policy decision gets:
/// `event=policy side=lending decision=unfilled rule=L07 rules=L07 reason=NotHeld tx=12 peer=... request_id=...`.
/// Rule ids and transaction ids only; never patron data. Each decision is also counted
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
        if let id = decision.transactionID { metadata["tx"] = .string(String(id)) }
        if let id = decision.reviewID { metadata["review"] = .string(String(id)) }
        if let peer { metadata["peer"] = .string(peer) }
        if let requestID { metadata["request_id"] = .string(requestID) }
        logger.info("policy decision", metadata: metadata)
        TransportMetrics.decision(decision)
    }
}
