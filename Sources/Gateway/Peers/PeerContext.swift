/// What the transport knows about who sent a message.
public struct PeerContext: Hashable, Sendable {
    /// The peer the connection authenticated as (HTTP credentials, TLS client certificate, address
    /// allow-list), or `nil` when the transport established no identity; the gateway then identifies the
    /// peer by the agency id in the header alone.
    public var authenticatedPeerName: String?
    /// The remote address, for logs.
    public var remoteAddress: String?
    /// How the message came: `http`, `tcp`, `local`.
    public var transport: String

    /// Creates a context.
    public init(authenticatedPeerName: String? = nil, remoteAddress: String? = nil, transport: String = "local") {
        self.authenticatedPeerName = authenticatedPeerName
        self.remoteAddress = remoteAddress
        self.transport = transport
    }
}
