internal import Foundation
internal import Gateway
internal import ISO18626
internal import Logging
internal import Policy
internal import TOMLKit
internal import Transport

/// Turns a parsed TOML document into a ``DaemonConfiguration``, reporting every problem to a collector.
///
/// Bad or missing values are reported and replaced by defaults so reading can go on and find the other
/// problems; the caller throws if any problem was reported, so those stand-in defaults never escape.
struct ConfigurationParser {
    /// Where problems go.
    let problems: ProblemCollector
    /// The process environment, for ``EnvironmentOverride``s.
    let environment: [String: String]
    /// What relative paths are resolved against.
    let workingDirectory: String

    /// The defaults of the keys, as documented in `config/illgate.toml`.
    enum Defaults {
        static let storagePath = "data/illgate.sqlite"
        static let patronDataRetentionDays = 90
        static let httpListen = ListenAddress(host: "127.0.0.1", port: 18626)
        static let tcpListen = ListenAddress(host: "127.0.0.1", port: 18627)
        static let adminListen = ListenAddress(host: "127.0.0.1", port: 18680)
        static let adminTokenFile = "data/admin.token"
        static let requestIDPrefix = "ILG"
    }

    /// Reads the whole document.
    /// - Returns: the configuration, or `nil` when it cannot be built (every reason is a reported problem).
    func read(_ root: TOMLTable, file: String) -> DaemonConfiguration? {
        let reader = TableReader(table: root, path: .root, problems: problems)
        let library = readLibrary(reader.table("library"))
        let storage = readStorage(reader.table("storage"))
        let http = readHTTP(reader.table("http"))
        let tcp = readTCP(reader.table("tcp"))
        let admin = readAdmin(reader.table("admin"))
        let logging = readLogging(reader.table("logging"))
        let delivery = readDelivery(reader.table("delivery"))
        let policy = readPolicy(reader.table("policy"))
        let validateOutbound = readDiagnostics(reader.table("diagnostics"))
        let billing = readBilling(reader.table("billing"), policy: policy)
        let notices = readNotices(reader.table("notices"))
        let calendar = (policy ?? PolicyConfiguration()).calendar
        let peers = reader.tables("peers").map { readPeer($0, delivery: delivery, calendar: calendar) }
        reader.finish()

        checkListeners(http: http, tcp: tcp, admin: admin)
        checkPeers(peers, library: library, http: http)
        checkPolicyPeers(policy, peerNames: Set(peers.map(\.settings.peer.name)), reader)

        guard let ownLibrary = library.library else { return nil }
        var configuration = DaemonConfiguration(
            file: file,
            library: ownLibrary,
            storagePath: storage.path,
            patronDataRetentionDays: storage.patronDataRetentionDays,
            http: http.configuration,
            tcp: tcp.configuration,
            admin: admin.settings,
            logging: logging,
            delivery: delivery,
            peers: peers.map(\.settings),
            policy: policy,
            validateOutbound: validateOutbound
        )
        configuration.billing = billing
        configuration.notices = notices
        return configuration
    }

    // MARK: [diagnostics]

    /// `[diagnostics]`: checks that cost time on every message and are off unless asked for.
    func readDiagnostics(_ reader: TableReader) -> Bool {
        let validateOutbound = reader.bool("validate_outbound") ?? false
        reader.finish()
        return validateOutbound
    }

    // MARK: [library]

    /// The library section and where its agency ids are.
    struct LibraryResult {
        /// `nil` when `agency_ids` names no valid id (a problem naming the key is reported).
        var library: DaemonConfiguration.Library?
        var agencyPaths: [(AgencyID, ConfigurationPath)]
    }

    func readLibrary(_ reader: TableReader) -> LibraryResult {
        if !reader.isPresent {
            reader.reportTable("required table is missing; add [library] with agency_ids = [\"ISIL:...\"], this library's own ids")
        } else {
            reader.require("agency_ids", "this library's own agency ids, like [\"ISIL:US-NNC\"]")
        }
        let agencies = agencyIDs(reader, "agency_ids", example: "[\"ISIL:US-NNC\"]")
        var seen: Set<String> = []
        for (agency, path) in agencies where !seen.insert(agency.key).inserted {
            reader.report(at: path, "\(agency) is listed twice")
        }
        let name = reader.string("name", expected: "a string like \"Example University Library\"")
        if let name, name.trimmingCharacters(in: .whitespaces).isEmpty {
            reader.report("name", "must not be empty (leave the key out instead)")
        }
        var prefix = Defaults.requestIDPrefix
        if let text = reader.string("request_id_prefix", expected: "a string like \"NNC\"") {
            if text.isEmpty || text.count > 32 || !text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
                reader.report("request_id_prefix", "must be 1 to 32 letters, digits, '-' or '_', found \"\(text)\"")
            } else {
                prefix = text
            }
        }
        let branches = readBranches(reader.tables("branches"))
        let address = reader.strings("address", expected: "an array of address lines, like [\"1 Library Way\", \"Springfield\"]")
        reader.finish()
        let library = agencies.first.map { first in
            DaemonConfiguration.Library(
                agencyID: first.0,
                otherAgencyIDs: agencies.dropFirst().map(\.0),
                name: name,
                requestIDPrefix: prefix,
                branches: branches,
                address: address?.map(\.value) ?? []
            )
        }
        return LibraryResult(library: library, agencyPaths: agencies)
    }

    // MARK: [storage]

    func readStorage(_ reader: TableReader) -> (path: String, patronDataRetentionDays: Int) {
        var path = Defaults.storagePath
        if let text = reader.string("path", expected: "a string like \"\(Defaults.storagePath)\"") {
            if text.isEmpty {
                reader.report("path", "must not be empty")
            } else {
                path = text
            }
        }
        if let text = override(.database) {
            path = text
        }
        let retention = reader.integer("patron_data_retention_days", expected: "a number of days like 90", atLeast: 0, atMost: 36_500)
        reader.finish()
        return (resolve(path), retention ?? Defaults.patronDataRetentionDays)
    }

    // MARK: [logging]

    func readLogging(_ reader: TableReader) -> LoggingConfiguration {
        var configuration = LoggingConfiguration()
        let formats = LoggingConfiguration.Format.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
        func format(_ text: String) -> LoggingConfiguration.Format? {
            LoggingConfiguration.Format(rawValue: text.lowercased())
        }
        if let text = reader.string("format", expected: "a string, \(formats)") {
            if let parsed = format(text) {
                configuration.format = parsed
            } else {
                reader.report("format", "unknown format \"\(text)\"; expected \(formats)")
            }
        }
        if let text = override(.logFormat) {
            if let parsed = format(text) {
                configuration.format = parsed
            } else {
                problems.report(variable: EnvironmentOverride.logFormat.variable, overriding: reader.path(of: "format"), "unknown format \"\(text)\"; expected \(formats)")
            }
        }
        let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
        func level(_ text: String) -> Logger.Level? {
            Logger.Level(rawValue: text.lowercased()) ?? (text.lowercased() == "warn" ? .warning : nil)
        }
        if let text = reader.string("level", expected: "a string like \"info\"") {
            if let parsed = level(text) {
                configuration.level = parsed
            } else {
                reader.report("level", "unknown level \"\(text)\"; expected one of \(levels)")
            }
        }
        if let text = override(.logLevel) {
            if let parsed = level(text) {
                configuration.level = parsed
            } else {
                problems.report(variable: EnvironmentOverride.logLevel.variable, overriding: reader.path(of: "level"), "unknown level \"\(text)\"; expected one of \(levels)")
            }
        }
        reader.finish()
        return configuration
    }

    // MARK: [delivery]

    func readDelivery(_ reader: TableReader) -> DaemonConfiguration.Delivery {
        var delivery = DaemonConfiguration.Delivery()
        var policy = delivery.retryPolicy
        if let attempts = reader.integer("max_attempts", expected: "an integer like 12", atLeast: 1, atMost: 1_000_000) {
            policy.maximumAttempts = attempts
        }
        if let attempts = reader.integer("permanent_failure_attempts", expected: "an integer like 3", atLeast: 1, atMost: 1_000_000) {
            if attempts > policy.maximumAttempts {
                reader.report(
                    "permanent_failure_attempts",
                    "permanent_failure_attempts (\(attempts)) is more than max_attempts (\(policy.maximumAttempts))"
                )
            }
            policy.permanentFailureAttempts = attempts
        }
        let initial = reader.seconds("initial_delay_seconds", expected: "a number of seconds like 5")
        let maximum = reader.seconds("max_delay_seconds", expected: "a number of seconds like 3600")
        if let initial { policy.initialDelay = initial }
        if let maximum { policy.maximumDelay = maximum }
        if initial != nil || maximum != nil, policy.maximumDelay < policy.initialDelay {
            let key = maximum != nil ? "max_delay_seconds" : "initial_delay_seconds"
            reader.report(
                key,
                "max_delay_seconds (\(TableReader.format(policy.maximumDelay))) is less than initial_delay_seconds (\(TableReader.format(policy.initialDelay)))"
            )
        }
        if let jitter = reader.fraction("jitter", expected: "a fraction like 0.2") {
            policy.jitter = jitter
        }
        delivery.retryPolicy = policy
        if let interval = reader.seconds("poll_interval_seconds", expected: "a number of seconds like 1") {
            delivery.pollInterval = interval
        }
        if let timeout = reader.seconds("timeout_seconds", expected: "a number of seconds like 30") {
            delivery.timeout = timeout
        }
        if let connectTimeout = reader.seconds("connect_timeout_seconds", expected: "a number of seconds like 3") {
            if connectTimeout > delivery.timeout {
                reader.report(
                    "connect_timeout_seconds",
                    "\(TableReader.format(connectTimeout)) is more than timeout_seconds (\(TableReader.format(delivery.timeout))): connecting is part of the attempt"
                )
            }
            delivery.connectTimeout = connectTimeout
        } else {
            delivery.connectTimeout = min(delivery.connectTimeout, delivery.timeout)
        }
        reader.finish()
        return delivery
    }

    // MARK: Environment

    /// The value of an overriding variable; an empty value counts as unset.
    func override(_ variable: EnvironmentOverride) -> String? {
        guard let value = environment[variable.variable], !value.isEmpty else { return nil }
        return value
    }
}
