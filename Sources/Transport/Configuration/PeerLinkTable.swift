import Synchronization

/// The transport side of every configured peer (endpoints and credentials), shared by the HTTP listener's
/// authenticator and the outbox dispatcher, and replaced as a whole when the configuration is reloaded.
///
/// Readers take a snapshot per connection or per delivery, so one request is never judged against half of
/// an old table and half of a new one.
public final class PeerLinkTable: Sendable {
    private let links: Mutex<[PeerLink]>

    /// Creates a table.
    /// - Parameter links: the peers' links; when two share a name, the first wins.
    public init(_ links: [PeerLink]) {
        self.links = Mutex(links)
    }

    /// Every link, in configuration order.
    public var all: [PeerLink] {
        links.withLock { $0 }
    }

    /// The link of the peer with this name, if it is configured.
    public func link(named name: String) -> PeerLink? {
        links.withLock { links in links.first { $0.name == name } }
    }

    /// Replaces every link at once (on a configuration reload).
    public func replace(with newLinks: [PeerLink]) {
        links.withLock { $0 = newLinks }
    }
}
