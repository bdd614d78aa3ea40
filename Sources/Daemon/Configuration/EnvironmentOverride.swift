/// The environment variables that override a key of the configuration file (for containers, systemd
/// drop-ins and tests). A bad value is a configuration problem naming the variable.
public enum EnvironmentOverride: String, Hashable, Sendable, CaseIterable {
    /// `http.listen`.
    case httpListen = "ILLGATE_HTTP_LISTEN"
    /// `tcp.listen`.
    case tcpListen = "ILLGATE_TCP_LISTEN"
    /// `admin.listen`.
    case adminListen = "ILLGATE_ADMIN_LISTEN"
    /// `storage.path`, the SQLite database file.
    case database = "ILLGATE_DATABASE"
    /// `logging.format`.
    case logFormat = "ILLGATE_LOG_FORMAT"
    /// `logging.level`.
    case logLevel = "ILLGATE_LOG_LEVEL"

    /// The environment variable.
    public var variable: String { rawValue }

    /// The dotted key it overrides.
    public var key: String {
        switch self {
        case .httpListen: "http.listen"
        case .tcpListen: "tcp.listen"
        case .adminListen: "admin.listen"
        case .database: "storage.path"
        case .logFormat: "logging.format"
        case .logLevel: "logging.level"
        }
    }
}
