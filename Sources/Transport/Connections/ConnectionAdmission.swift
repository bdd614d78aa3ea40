public import Logging
import Synchronization

/// Admits or refuses a listener's connections by its ``ConnectionLimits``, counts each refusal in
/// `illgate_connections_refused_total{transport,reason}` and logs it at most once per source address per
/// interval (with `suppressed=N` for those left out).
public final class ConnectionAdmission: Sendable {
    /// `http`, `https` or `tcp`, for the metric and the log.
    public let transport: String
    private let logger: Logger
    private let state: Mutex<State>

    private struct State {
        var limits: ConnectionLimits
        var refusals: ConnectionRefusalLog
    }

    /// Creates the admission for one listener.
    /// - Parameters:
    ///   - limits: the total and per-address caps.
    ///   - transport: the listener's name in the metric and the log.
    ///   - refusalLogInterval: how long one source's refusals share one log line.
    ///   - logger: where refusal lines go.
    public init(limits: ConnectionLimits, transport: String, refusalLogInterval: Duration = .seconds(60), logger: Logger) {
        self.transport = transport
        self.logger = logger
        state = Mutex(State(limits: limits, refusals: ConnectionRefusalLog(interval: refusalLogInterval)))
    }

    /// Connections open now.
    public var openConnections: Int {
        state.withLock { $0.limits.openConnections }
    }

    /// Counts a new connection from `address`, or refuses it (counted and logged as above).
    /// - Returns: whether the connection may be served; if so, call ``release(_:)`` when it ends.
    public func admit(_ address: String) -> Bool {
        let now = ContinuousClock.now
        let (refusal, log) = state.withLock { state -> (ConnectionLimits.Refusal?, (logged: Bool, suppressedBefore: Int)) in
            guard let refusal = state.limits.open(from: address) else { return (nil, (false, 0)) }
            return (refusal, state.refusals.admit(address, at: now))
        }
        guard let refusal else { return true }
        TransportMetrics.connectionRefused(transport: transport, reason: refusal)
        if log.logged {
            var metadata: Logger.Metadata = [
                "event": "connection-refused",
                "transport": .string(transport),
                "remote": .string(address),
                "reason": .string(refusal.rawValue),
            ]
            if log.suppressedBefore > 0 { metadata["suppressed"] = .stringConvertible(log.suppressedBefore) }
            logger.warning("connection refused", metadata: metadata)
        }
        return false
    }

    /// Forgets a connection that ``admit(_:)`` accepted.
    public func release(_ address: String) {
        state.withLock { $0.limits.close(from: address) }
    }
}
