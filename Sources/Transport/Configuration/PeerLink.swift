public import Foundation

/// How we reach a peer and how the peer proves who it is, at the transport level.
public struct PeerLink: Hashable, Sendable {
    /// The peer's configured name (the same as the Gateway's ``Gateway/Peer`` name).
    public var name: String
    /// Where to send our messages: `http://...`, `https://...` (we POST the XML there) or `tcp://host:port`.
    public var endpoint: URL?
    /// Credentials the peer presents to us.
    public var inbound: InboundCredentials
    /// Credentials we present to the peer.
    public var outbound: OutboundCredentials
    /// How long one delivery attempt may take in all: connecting, sending and the reply.
    public var timeout: TimeInterval
    /// How long establishing the connection may take, within ``timeout``.
    public var connectTimeout: TimeInterval

    /// Creates a peer link.
    public init(
        name: String,
        endpoint: URL?,
        inbound: InboundCredentials = InboundCredentials(),
        outbound: OutboundCredentials = OutboundCredentials(),
        timeout: TimeInterval = 30,
        connectTimeout: TimeInterval = 3
    ) {
        self.name = name
        self.endpoint = endpoint
        self.inbound = inbound
        self.outbound = outbound
        self.timeout = timeout
        self.connectTimeout = connectTimeout
    }
}

/// What a peer presents on its connections to us. Any configured credential identifies the peer.
public struct InboundCredentials: Hashable, Sendable {
    /// HTTP Basic user name.
    public var basicUsername: String?
    /// HTTP Basic password.
    public var basicPassword: String?
    /// HTTP bearer token.
    public var bearerToken: String?
    /// Accepted TLS client certificates, by their subject common name.
    public var certificateSubjects: [String]

    /// Creates credentials.
    public init(basicUsername: String? = nil, basicPassword: String? = nil, bearerToken: String? = nil, certificateSubjects: [String] = []) {
        self.basicUsername = basicUsername
        self.basicPassword = basicPassword
        self.bearerToken = bearerToken
        self.certificateSubjects = certificateSubjects
    }

    /// Whether any transport credential is configured (then the peer must use it).
    public var isConfigured: Bool {
        basicUsername != nil || bearerToken != nil || !certificateSubjects.isEmpty
    }
}

/// What we present on our connections to a peer.
public struct OutboundCredentials: Hashable, Sendable {
    /// HTTP Basic user name.
    public var basicUsername: String?
    /// HTTP Basic password.
    public var basicPassword: String?
    /// HTTP bearer token.
    public var bearerToken: String?
    /// TLS settings for an `https://` peer: our client certificate, and the authorities its server
    /// certificate may be signed by; `nil` uses the system's trust store and no client certificate.
    public var tls: OutboundTLSFiles?

    /// Creates credentials.
    public init(basicUsername: String? = nil, basicPassword: String? = nil, bearerToken: String? = nil, tls: OutboundTLSFiles? = nil) {
        self.basicUsername = basicUsername
        self.basicPassword = basicPassword
        self.bearerToken = bearerToken
        self.tls = tls
    }
}

/// PEM files for TLS to one `https://` peer.
public struct OutboundTLSFiles: Hashable, Sendable {
    /// Our client certificate chain, for peers that ask for one.
    public var certificatePath: String?
    /// The private key of that certificate.
    public var privateKeyPath: String?
    /// The authorities the peer's server certificate must chain to, instead of the system's trust store
    /// (for a consortium's private CA).
    public var trustRootsPath: String?

    /// Creates TLS settings.
    public init(certificatePath: String? = nil, privateKeyPath: String? = nil, trustRootsPath: String? = nil) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
        self.trustRootsPath = trustRootsPath
    }
}
