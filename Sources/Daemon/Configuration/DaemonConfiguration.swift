internal import Foundation
public import Gateway
public import Policy
public import Transport
internal import TOMLKit

/// Everything `illgate serve` needs to know, read and validated from a TOML file such as `config/illgate.toml`
/// (which documents every key).
///
/// Load it with ``load(path:environment:workingDirectory:)``; every problem in the file is reported at once in
/// a ``ConfigurationError``. Relative paths in the file (the database, the admin token file, TLS files and
/// `*_file` secrets) are resolved against the working directory when the file is loaded, and the values here
/// hold the resulting absolute paths. Secrets given as `*_file` keys are read at load time.
///
/// The mapping properties (``gateway``, ``peerLinks``, ``retryPolicy``, ...) turn it into what the Gateway and
/// Transport modules take.
public struct DaemonConfiguration: Hashable, Sendable {
    /// The file this configuration was read from, as it was named to the loader.
    public var file: String
    /// Who we are: `[library]`.
    public var library: Library
    /// The SQLite database file (absolute): `[storage] path`, or `$ILLGATE_DATABASE`.
    public var storagePath: String
    /// Days after a transaction closes before its patron data is purged: `[storage] patron_data_retention_days`.
    public var patronDataRetentionDays: Int
    /// The HTTP listener, `nil` when `[http] enabled = false`.
    public var http: HTTPListenerConfiguration?
    /// The TCP listener, `nil` when `[tcp] enabled = false`.
    public var tcp: TCPListenerConfiguration?
    /// The admin API the CLI talks to: `[admin]`.
    public var admin: AdminConfiguration
    /// The log format and level: `[logging]`.
    public var logging: LoggingConfiguration
    /// Outbound delivery: `[delivery]`.
    public var delivery: Delivery
    /// Our partners, in file order: `[[peers]]`.
    public var peers: [PeerSettings]
    /// The `[policy]` rules; `nil` when the file has no `[policy]` table (every request waits for staff).
    public var policy: PolicyConfiguration?
    /// Whether every message we emit is validated against its edition's schema before it is stored:
    /// `[diagnostics] validate_outbound` (off by default; what we emit is valid by construction).
    public var validateOutbound: Bool
    /// Who we are on invoices, and how they are numbered and paid (`[billing]`).
    public var billing = BillingConfiguration()
    /// Patron notices' checked templates and where they go (`[notices]`); `nil` sends none.
    public var notices: NoticeConfiguration?

    /// Creates a configuration from its parts (tests and tools; the daemon loads a file).
    public init(
        file: String = "",
        library: Library,
        storagePath: String,
        patronDataRetentionDays: Int = 90,
        http: HTTPListenerConfiguration? = HTTPListenerConfiguration(),
        tcp: TCPListenerConfiguration? = TCPListenerConfiguration(),
        admin: AdminConfiguration,
        logging: LoggingConfiguration = LoggingConfiguration(),
        delivery: Delivery = Delivery(),
        peers: [PeerSettings] = [],
        policy: PolicyConfiguration? = nil,
        validateOutbound: Bool = false
    ) {
        self.file = file
        self.library = library
        self.storagePath = storagePath
        self.patronDataRetentionDays = patronDataRetentionDays
        self.http = http
        self.tcp = tcp
        self.admin = admin
        self.logging = logging
        self.delivery = delivery
        self.peers = peers
        self.policy = policy
        self.validateOutbound = validateOutbound
    }

    /// The configuration file used when none is named: `$ILLGATE_CONFIG` when set and not empty, else
    /// `config/illgate.toml` (relative to the working directory).
    public static func defaultPath(environment: [String: String]) -> String {
        if let path = environment["ILLGATE_CONFIG"], !path.isEmpty { return path }
        return "config/illgate.toml"
    }

    /// Reads, validates and resolves a configuration file.
    ///
    /// - Parameters:
    ///   - path: The TOML file.
    ///   - environment: The process environment; the variables of ``EnvironmentOverride`` override their keys.
    ///   - workingDirectory: What relative paths are resolved against; the current directory when `nil`.
    /// - Throws: Every problem found: the file missing or unreadable ("no such file", "permission denied"), TOML
    ///   syntax, unknown keys, wrong types, bad values.
    public static func load(
        path: String,
        environment: [String: String],
        workingDirectory: String? = nil
    ) throws(ConfigurationError) -> DaemonConfiguration {
        let data: Data
        do {
            data = try FileAccess.read(path)
        } catch {
            throw ConfigurationError(problems: [ConfigurationProblem(file: path, message: error.message)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(problems: [ConfigurationProblem(file: path, message: "the file is not UTF-8 text")])
        }
        return try parse(text: text, path: path, environment: environment, workingDirectory: workingDirectory)
    }

    /// Validates and resolves configuration text as if it had been read from `path`.
    ///
    /// - Parameters:
    ///   - text: The TOML document.
    ///   - path: The file name problems carry.
    ///   - environment: Overriding variables (see ``EnvironmentOverride``).
    ///   - workingDirectory: What relative paths are resolved against; the current directory when `nil`.
    /// - Throws: Every problem found, in file order.
    public static func parse(
        text: String,
        path: String,
        environment: [String: String] = [:],
        workingDirectory: String? = nil
    ) throws(ConfigurationError) -> DaemonConfiguration {
        if let header = TOMLHeaderCheck.firstMalformedHeader(in: text) {
            throw ConfigurationError(problems: [
                ConfigurationProblem(
                    file: path,
                    line: header.line,
                    column: header.column,
                    message: "TOML syntax error: a table header must start with a key right after its '['"
                )
            ])
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(problems: [
                ConfigurationProblem(
                    file: path,
                    line: error.source.begin.line,
                    column: error.source.begin.column,
                    message: "TOML syntax error: \(error.description)"
                )
            ])
        } catch {
            throw ConfigurationError(problems: [ConfigurationProblem(file: path, message: "TOML syntax error: \(error)")])
        }
        let problems = ProblemCollector(file: path, locator: TOMLKeyLocator(text: text))
        let parser = ConfigurationParser(
            problems: problems,
            environment: environment,
            workingDirectory: workingDirectory ?? FileManager.default.currentDirectoryPath
        )
        let configuration = parser.read(root, file: path)
        guard problems.problems.isEmpty, let configuration else {
            throw ConfigurationError(problems: problems.problems)
        }
        return configuration
    }
}
