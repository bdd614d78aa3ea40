import Gateway
import ISO18626
import Metrics

/// What the daemon counts, through swift-metrics: the daemon exports it as Prometheus text on the admin
/// API's `/metrics`; without a metrics backend the calls cost next to nothing.
///
/// Label values come from closed sets (message types, results, rule ids, configured peer names), never from
/// a peer's free text or from patron data. Each metric always carries the same label names.
enum TransportMetrics {
    /// One inbound message: `illgate_messages_received_total{transport,peer,type,result}` and
    /// `illgate_message_handling_seconds{transport}`; a refusal for authentication reasons also counts in
    /// `illgate_security_events_total{transport}`.
    static func received(_ reply: InboundReply, transport: String, latencyMilliseconds: Double) {
        let result: String
        switch reply.body {
        case .confirmation: result = reply.messageStatus?.rawValue ?? "unknown"
        case .notISO18626: result = "rejected"
        case .unavailable: result = "unavailable"
        }
        Counter(
            label: "illgate_messages_received_total",
            dimensions: [("transport", transport), ("peer", reply.peerName ?? "unknown"), ("type", reply.kind?.rawValue ?? "unknown"), ("result", result)]
        ).increment()
        Timer(label: "illgate_message_handling_seconds", dimensions: [("transport", transport)])
            .recordNanoseconds(Int64(latencyMilliseconds * 1_000_000))
        if reply.securityEvent != nil {
            Counter(label: "illgate_security_events_total", dimensions: [("transport", transport)]).increment()
        }
    }

    /// One delivery attempt of an outbound message: `illgate_deliveries_total{peer,result}` with result
    /// `delivered`, `rejected`, `retry` or `dead`.
    static func delivery(peer: String, result: String) {
        Counter(label: "illgate_deliveries_total", dimensions: [("peer", peer), ("result", result)]).increment()
    }

    /// One policy decision: `illgate_policy_decisions_total{side,decision,rule}`.
    static func decision(_ decision: DecisionSummary) {
        Counter(
            label: "illgate_policy_decisions_total",
            dimensions: [("side", decision.side), ("decision", decision.outcome), ("rule", decision.rule)]
        ).increment()
    }

    /// A connection refused at accept: `illgate_connections_refused_total{transport,reason}` with reason
    /// `max_connections` or `max_connections_per_address`.
    static func connectionRefused(transport: String, reason: ConnectionLimits.Refusal) {
        Counter(label: "illgate_connections_refused_total", dimensions: [("transport", transport), ("reason", reason.rawValue)]).increment()
    }

    /// A connection closed because its peer was too slow: `illgate_connections_timed_out_total{transport,reason}`
    /// with reason `request_timeout` (HTTP: the request was not in by its deadline) or `frame_timeout` (TCP: a
    /// begun frame was not completed in time).
    static func connectionTimedOut(transport: String, reason: String) {
        Counter(label: "illgate_connections_timed_out_total", dimensions: [("transport", transport), ("reason", reason)]).increment()
    }
}
