public import Foundation

/// Where and how the HTTP listener for `POST /iso18626` runs.
public struct HTTPListenerConfiguration: Hashable, Sendable {
    /// Address to bind (`127.0.0.1`, `0.0.0.0`, `::`).
    public var host: String
    /// Port to bind (0 picks a free one).
    public var port: Int
    /// The largest body accepted; larger ones get 413.
    public var maximumBodySize: Int
    /// The deadline for a whole request, headers and body, counted from when the connection opens or the
    /// previous response has been sent: a request not in by then is not waited for, and the connection is closed.
    public var requestTimeout: TimeInterval
    /// A kept-alive connection with no request for this long is closed.
    public var idleTimeout: TimeInterval
    /// Connections beyond this many are refused.
    public var maximumConnections: Int
    /// Connections beyond this many from one source address are refused.
    public var maximumConnectionsPerAddress: Int
    /// In-process TLS, or `nil` for plain HTTP (for example behind a reverse proxy).
    public var tls: TLSFiles?

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1",
        port: Int = 18626,
        maximumBodySize: Int = 1 << 20,
        requestTimeout: TimeInterval = 30,
        idleTimeout: TimeInterval = 15,
        maximumConnections: Int = 4096,
        maximumConnectionsPerAddress: Int = 64,
        tls: TLSFiles? = nil
    ) {
        self.host = host
        self.port = port
        self.maximumBodySize = maximumBodySize
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.maximumConnections = maximumConnections
        self.maximumConnectionsPerAddress = maximumConnectionsPerAddress
        self.tls = tls
    }

    /// The connection caps.
    public var connectionLimits: ConnectionLimits {
        ConnectionLimits(maximumConnections: maximumConnections, maximumConnectionsPerAddress: maximumConnectionsPerAddress)
    }
}

/// Certificate files for a TLS listener.
public struct TLSFiles: Hashable, Sendable {
    /// PEM certificate chain.
    public var certificatePath: String
    /// PEM private key.
    public var privateKeyPath: String
    /// PEM certificates of the authorities whose client certificates are accepted; `nil` asks for none.
    public var clientCAPath: String?
    /// Refuse connections without a valid client certificate.
    public var requireClientCertificate: Bool

    /// Creates TLS settings.
    public init(certificatePath: String, privateKeyPath: String, clientCAPath: String? = nil, requireClientCertificate: Bool = false) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
        self.clientCAPath = clientCAPath
        self.requireClientCertificate = requireClientCertificate
    }
}

/// Where and how the TCP listener (our framing, see the README) runs.
public struct TCPListenerConfiguration: Hashable, Sendable {
    /// Address to bind.
    public var host: String
    /// Port to bind (0 picks a free one).
    public var port: Int
    /// The largest frame (message) accepted.
    public var maximumFrameSize: Int
    /// A connection with no traffic for this long is closed.
    public var idleTimeout: TimeInterval
    /// A frame must be complete within this long of its first byte (0: no limit).
    public var frameTimeout: TimeInterval
    /// Connections beyond this many are refused.
    public var maximumConnections: Int
    /// Connections beyond this many from one source address are refused.
    public var maximumConnectionsPerAddress: Int

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1",
        port: Int = 18627,
        maximumFrameSize: Int = 1 << 20,
        idleTimeout: TimeInterval = 300,
        frameTimeout: TimeInterval = 30,
        maximumConnections: Int = 4096,
        maximumConnectionsPerAddress: Int = 64
    ) {
        self.host = host
        self.port = port
        self.maximumFrameSize = maximumFrameSize
        self.idleTimeout = idleTimeout
        self.frameTimeout = frameTimeout
        self.maximumConnections = maximumConnections
        self.maximumConnectionsPerAddress = maximumConnectionsPerAddress
    }

    /// The connection caps.
    public var connectionLimits: ConnectionLimits {
        ConnectionLimits(maximumConnections: maximumConnections, maximumConnectionsPerAddress: maximumConnectionsPerAddress)
    }
}

/// The loopback admin API the CLI talks to.
public struct AdminConfiguration: Hashable, Sendable {
    /// Address to bind; keep it on loopback.
    public var host: String
    /// Port to bind.
    public var port: Int
    /// File holding the bearer token the CLI must send (created with a random token if missing).
    public var tokenFile: String

    /// Creates a configuration.
    public init(host: String = "127.0.0.1", port: Int = 18680, tokenFile: String) {
        self.host = host
        self.port = port
        self.tokenFile = tokenFile
    }
}
