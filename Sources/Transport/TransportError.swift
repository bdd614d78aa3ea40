/// Why a listener or client could not be set up.
///
/// Shaped like swift-nio's errors: a ``code`` that can grow, the context (the configuration key and file
/// involved, the underlying error) and a ``description`` for the operator.
public struct TransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case adminTokenTooShort
            case adminTokenUnwritable
            case tlsFileUnreadable
            case clientCAMissing
            case tlsSetupFailed
            case cannotListen
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The admin token file holds a token too short to be a secret.
        public static let adminTokenTooShort = Code(.adminTokenTooShort)
        /// The admin token file does not exist and cannot be created.
        public static let adminTokenUnwritable = Code(.adminTokenUnwritable)
        /// A certificate or key file cannot be read as PEM.
        public static let tlsFileUnreadable = Code(.tlsFileUnreadable)
        /// Client certificates are required but no authority to check them against is configured.
        public static let clientCAMissing = Code(.clientCAMissing)
        /// The TLS configuration could not be built from readable files.
        public static let tlsSetupFailed = Code(.tlsSetupFailed)
        /// A listener could not bind its address (or take over its inherited socket).
        public static let cannotListen = Code(.cannotListen)

        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// The configuration key involved (`tls_certificate`, `require_client_certificate`), when one is.
    public var key: String?
    /// The file involved, when one is.
    public var path: String?
    /// The listening address involved, when one is.
    public var address: String?
    /// The underlying error, as its description.
    public var underlying: String?

    /// Creates an error.
    public init(_ code: Code, key: String? = nil, path: String? = nil, address: String? = nil, underlying: (any Error)? = nil) {
        self.code = code
        self.key = key
        self.path = path
        self.address = address
        self.underlying = underlying.map { String(describing: $0) }
    }

    public var description: String {
        let cause = underlying.map { ": \($0)" } ?? ""
        switch code {
        case .adminTokenTooShort:
            return "admin token file \(path ?? "?") holds a token shorter than 16 characters"
        case .adminTokenUnwritable:
            return "cannot create the admin token file \(path ?? "?")\(cause)"
        case .tlsFileUnreadable:
            return "\(key ?? "TLS file") \(path ?? "?"): cannot be read as PEM\(cause)"
        case .clientCAMissing:
            return "\(key ?? "require_client_certificate") needs a client_ca to verify client certificates against"
        case .cannotListen:
            return "cannot listen on \(address ?? "?")\(cause)"
        default:
            return "TLS for the HTTP listener\(cause)"
        }
    }
}
