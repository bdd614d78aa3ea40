public import Gateway
public import Logging
import ISO18626

/// The one log line every inbound message gets, whichever listener it came through:
/// `direction=in transport=http peer=... type=... requester=... request_id=... summary=... result=OK latency_ms=...`.
/// It names the transaction, never patron data. The message is also counted (``TransportMetrics``).
public enum InboundMessageLog {
    /// Lines about messages from senders that are not configured peers: at most ten a second.
    static let strangers = StrangerLogLimiter(linesPerSecond: 10)
    /// What the limiter's seconds are counted from.
    private static let started = ContinuousClock.now

    /// Logs a handled message (and, separately, a security event if there was one). A message whose sender
    /// is no configured peer is always counted, but logged at most ten times a second; the next line logged
    /// says how many were left out (`suppressed=`).
    public static func record(_ reply: InboundReply, transport: String, remoteAddress: String?, latencyMilliseconds: Double, logger: Logger) {
        var suppressed = 0
        if reply.peerName == nil {
            let second = Self.started.duration(to: .now).components.seconds
            let admission = strangers.admit(atSecond: second)
            guard admission.admitted else {
                TransportMetrics.received(reply, transport: transport, latencyMilliseconds: latencyMilliseconds)
                return
            }
            suppressed = admission.suppressedBefore
        }
        var metadata: Logger.Metadata = [
            "direction": "in",
            "transport": .string(transport),
            "latency_ms": .string(String(format2: latencyMilliseconds)),
        ]
        if let peer = reply.peerName { metadata["peer"] = .string(peer) }
        if let remoteAddress { metadata["remote"] = .string(remoteAddress) }
        if let kind = reply.kind { metadata["type"] = .string(kind.rawValue) }
        if let requester = reply.ids.requestingAgencyID { metadata["requester"] = .string(requester.description) }
        if let supplier = reply.ids.supplyingAgencyID { metadata["supplier"] = .string(supplier.description) }
        if let requestID = reply.ids.requestingAgencyRequestID { metadata["request_id"] = .string(requestID) }
        if let transactionID = reply.transactionID { metadata["tx"] = .string(String(transactionID)) }
        if !reply.summary.isEmpty { metadata["summary"] = .string(reply.summary) }
        if reply.isRetransmission { metadata["retransmission"] = "true" }
        if suppressed > 0 { metadata["suppressed"] = .string(String(suppressed)) }
        var level: Logger.Level
        switch reply.body {
        case .confirmation:
            metadata["result"] = .string(reply.messageStatus?.rawValue ?? "?")
            if let error = reply.errors.first {
                metadata["error_type"] = .string(error.errorType.rawValue)
                if let value = error.errorValue { metadata["error_value"] = .string(reply.logErrorValue ?? PatronDataRedaction.errorText(value)) }
            }
            level = reply.messageStatus == .ok ? .info : .warning
            if let failure = reply.storageFailure {
                // A stored row this version cannot read (or the refusal's own record failed): staff must look.
                metadata["error"] = .string(failure)
                level = .error
            }
        case .notISO18626(let explanation):
            metadata["result"] = "rejected"
            metadata["error_value"] = .string(reply.logErrorValue ?? PatronDataRedaction.errorText(explanation))
            level = .warning
        case .unavailable(let explanation):
            metadata["result"] = "unavailable"
            metadata["error_value"] = .string(reply.logErrorValue ?? PatronDataRedaction.errorText(explanation))
            if let failure = reply.storageFailure { metadata["error"] = .string(failure) }
            level = .error
        }
        logger.log(level: level, "message received", metadata: metadata)
        TransportMetrics.received(reply, transport: transport, latencyMilliseconds: latencyMilliseconds)
        if let decision = reply.decision {
            PolicyDecisionLog.record(decision, peer: reply.peerName, requestID: reply.ids.requestingAgencyRequestID, logger: logger)
        }
        if let event = reply.securityEvent {
            var security: Logger.Metadata = ["event": "security", "transport": .string(transport), "reason": .string(event)]
            if let remoteAddress { security["remote"] = .string(remoteAddress) }
            if let peer = reply.peerName { security["peer"] = .string(peer) }
            logger.warning("security: message refused", metadata: security)
        }
    }
}

extension String {
    /// A number with two decimals, without Foundation's locale machinery.
    init(format2 value: Double) {
        let hundredths = Int((value * 100).rounded())
        let fraction = abs(hundredths % 100)
        self = "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
