public import Gateway
public import Transport

extension DaemonConfiguration {
    /// One `[[peers]]` table: what the Gateway knows of the peer and how the transport reaches and
    /// recognises it.
    public struct PeerSettings: Hashable, Sendable {
        /// The peer as the Gateway sees it: agency ids, edition, ISO 18626 credentials, address allow-list.
        public var peer: Peer
        /// The peer as the transport sees it: endpoint, HTTP and certificate credentials, timeout.
        public var link: PeerLink

        /// Creates the settings.
        public init(peer: Peer, link: PeerLink) {
            self.peer = peer
            self.link = link
        }

        /// The peer's configured name.
        public var name: String { peer.name }
    }
}
