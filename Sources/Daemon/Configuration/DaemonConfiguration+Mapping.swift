public import Foundation
public import Gateway
internal import Policy
public import Transport

extension DaemonConfiguration {
    /// What the Gateway takes: our agency ids, the peers, the message size limit and the request id prefix.
    ///
    /// The message size limit is the larger of the enabled listeners' limits: each listener enforces its own,
    /// and the Gateway must not refuse what a listener accepted.
    public var gateway: GatewayConfiguration {
        let limits = [http?.maximumBodySize, tcp?.maximumFrameSize].compactMap(\.self)
        var configuration = GatewayConfiguration(
            libraryAgencyID: library.agencyID,
            otherAgencyIDs: library.otherAgencyIDs,
            peers: peers.map(\.peer),
            maximumMessageSize: limits.max() ?? 1 << 20,
            requestIDPrefix: library.requestIDPrefix,
            policy: policy,
            branches: library.branches,
            returnAddress: (library.name.map { [$0] } ?? []) + library.address
        )
        configuration.billing = billing
        configuration.notices = notices
        return configuration
    }

    /// How the transport reaches and recognises each peer, in file order.
    public var peerLinks: [PeerLink] {
        peers.map(\.link)
    }

    /// Attempts, backoff and jitter for outbound delivery.
    public var retryPolicy: RetryPolicy {
        delivery.retryPolicy
    }

    /// How often the outbox dispatcher looks for due messages.
    public var deliveryPollInterval: TimeInterval {
        delivery.pollInterval
    }

    /// The default timeout of one delivery attempt (each ``PeerLink`` carries its own).
    public var deliveryTimeout: TimeInterval {
        delivery.timeout
    }

    /// A one-line summary for `check-config` and the start-up log:
    /// `1 peer, http 127.0.0.1:18626, tcp 127.0.0.1:18627, database /srv/illgate/data/illgate.sqlite`.
    public var summary: String {
        let httpText = http.map { "\($0.tls == nil ? "http" : "https") \(ListenAddress(host: $0.host, port: $0.port))" } ?? "http off"
        let tcpText = tcp.map { "tcp \(ListenAddress(host: $0.host, port: $0.port))" } ?? "tcp off"
        let peerText = peers.count == 1 ? "1 peer" : "\(peers.count) peers"
        let policyText = policy.map { "policy \($0.copyright.regime.rawValue) copyright, auto-responder \($0.lending.autoResponder.rawValue)" } ?? "no policy"
        return "\(peerText), \(httpText), \(tcpText), database \(storagePath), \(policyText)"
    }
}
