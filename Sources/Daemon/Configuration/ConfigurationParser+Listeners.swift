internal import Foundation
internal import Transport

extension ConfigurationParser {
    /// A listener as read: its configuration, whether it is enabled and where its address came from.
    struct ListenerResult<Configuration> {
        var settings: Configuration
        var enabled: Bool
        var address: ListenAddress
        var source: ListenSource

        /// The configuration when the listener is enabled.
        var configuration: Configuration? { enabled ? settings : nil }
    }

    /// Where a listen address was set, for problems about it.
    struct ListenSource {
        var path: ConfigurationPath
        var variable: EnvironmentOverride?

        var name: String { variable.map { "$\($0.variable)" } ?? path.description }
    }

    // MARK: [http]

    func readHTTP(_ reader: TableReader) -> ListenerResult<HTTPListenerConfiguration> {
        let enabled = reader.bool("enabled") ?? true
        let (address, source) = listenAddress(reader, default: Defaults.httpListen, override: .httpListen)
        let defaults = HTTPListenerConfiguration()
        let maximumBody = reader.integer("max_body_bytes", expected: "an integer like 1048576", atLeast: 1, atMost: 1 << 30)
        let timeout = reader.seconds("request_timeout_seconds", expected: "a number of seconds like 30")
        let idle = reader.seconds("idle_timeout_seconds", expected: "a number of seconds like 15")
        let (connections, perAddress) = connectionCaps(reader, defaults: defaults.connectionLimits)
        let tls = readTLS(reader.table("tls"))
        reader.finish()
        let configuration = HTTPListenerConfiguration(
            host: address.host,
            port: address.port,
            maximumBodySize: maximumBody ?? defaults.maximumBodySize,
            requestTimeout: timeout ?? defaults.requestTimeout,
            idleTimeout: idle ?? defaults.idleTimeout,
            maximumConnections: connections,
            maximumConnectionsPerAddress: perAddress,
            tls: tls
        )
        return ListenerResult(settings: configuration, enabled: enabled, address: address, source: source)
    }

    func readTLS(_ reader: TableReader) -> TLSFiles? {
        if reader.isPresent {
            reader.require("certificate", "the PEM certificate chain, like \"/etc/illgate/tls/server.pem\"")
            reader.require("private_key", "the PEM private key, like \"/etc/illgate/tls/server.key\"")
        }
        let certificate = existingFile(reader, "certificate", example: "/etc/illgate/tls/server.pem")
        let privateKey = existingFile(reader, "private_key", example: "/etc/illgate/tls/server.key")
        let clientCA = existingFile(reader, "client_ca", example: "/etc/illgate/tls/clients-ca.pem")
        let requireClient = reader.bool("require_client_certificate") ?? false
        if requireClient, !reader.contains("client_ca") {
            reader.report("require_client_certificate", "needs client_ca, the authorities whose client certificates are accepted")
        }
        reader.finish()
        guard reader.isPresent, let certificate, let privateKey else { return nil }
        return TLSFiles(certificatePath: certificate, privateKeyPath: privateKey, clientCAPath: clientCA, requireClientCertificate: requireClient)
    }

    // MARK: [tcp]

    func readTCP(_ reader: TableReader) -> ListenerResult<TCPListenerConfiguration> {
        let enabled = reader.bool("enabled") ?? true
        let (address, source) = listenAddress(reader, default: Defaults.tcpListen, override: .tcpListen)
        let defaults = TCPListenerConfiguration()
        let maximumFrame = reader.integer("max_frame_bytes", expected: "an integer like 1048576", atLeast: 1, atMost: 1 << 30)
        let idle = reader.seconds("idle_timeout_seconds", expected: "a number of seconds like 300")
        let frameTimeout = reader.seconds("frame_timeout_seconds", expected: "a number of seconds like 30")
        let (connections, perAddress) = connectionCaps(reader, defaults: defaults.connectionLimits)
        reader.finish()
        let configuration = TCPListenerConfiguration(
            host: address.host,
            port: address.port,
            maximumFrameSize: maximumFrame ?? defaults.maximumFrameSize,
            idleTimeout: idle ?? defaults.idleTimeout,
            frameTimeout: frameTimeout ?? defaults.frameTimeout,
            maximumConnections: connections,
            maximumConnectionsPerAddress: perAddress
        )
        return ListenerResult(settings: configuration, enabled: enabled, address: address, source: source)
    }

    // MARK: [admin]

    func readAdmin(_ reader: TableReader) -> ListenerResult<AdminConfiguration> {
        let (address, source) = listenAddress(reader, default: Defaults.adminListen, override: .adminListen)
        var tokenFile = Defaults.adminTokenFile
        if let text = reader.string("token_file", expected: "a string like \"\(Defaults.adminTokenFile)\"") {
            if text.isEmpty {
                reader.report("token_file", "must not be empty")
            } else {
                tokenFile = text
            }
        }
        reader.finish()
        let configuration = AdminConfiguration(host: address.host, port: address.port, tokenFile: resolve(tokenFile))
        return ListenerResult(settings: configuration, enabled: true, address: address, source: source)
    }

    // MARK: Shared

    /// `max_connections` and `max_connections_per_address` of a listener table; the per-address cap must not
    /// exceed the total (or it would never apply).
    func connectionCaps(_ reader: TableReader, defaults: ConnectionLimits) -> (total: Int, perAddress: Int) {
        let total = reader.integer("max_connections", expected: "an integer like \(defaults.maximumConnections)", atLeast: 1, atMost: 1_000_000)
        let perAddress = reader.integer(
            "max_connections_per_address",
            expected: "an integer like \(defaults.maximumConnectionsPerAddress)",
            atLeast: 1,
            atMost: 1_000_000
        )
        let resolvedTotal = total ?? defaults.maximumConnections
        guard let perAddress else { return (resolvedTotal, min(defaults.maximumConnectionsPerAddress, resolvedTotal)) }
        if perAddress > resolvedTotal {
            reader.report(
                "max_connections_per_address",
                "must not exceed max_connections (\(resolvedTotal)), found \(perAddress); keep it below so that one host cannot take every connection"
            )
        }
        return (resolvedTotal, min(perAddress, resolvedTotal))
    }

    /// The `listen` key of a listener table, overridden by its environment variable.
    func listenAddress(_ reader: TableReader, default fallback: ListenAddress, override variable: EnvironmentOverride) -> (ListenAddress, ListenSource) {
        let path = reader.path(of: "listen")
        var address = fallback
        var source = ListenSource(path: path, variable: nil)
        if let text = reader.string("listen", expected: "a string like \"\(fallback)\"") {
            switch Self.parseListenAddress(text) {
            case .success(let parsed): address = parsed
            case .failure(let message): reader.report("listen", message.description)
            }
        }
        if let text = override(variable) {
            source.variable = variable
            switch Self.parseListenAddress(text) {
            case .success(let parsed): address = parsed
            case .failure(let message): problems.report(variable: variable.variable, overriding: path, message.description)
            }
        }
        return (address, source)
    }

    /// A listen address, or the message saying what is wrong with it.
    static func parseListenAddress(_ text: String) -> Result<ListenAddress, ValueMessage> {
        do {
            return .success(try ListenAddress(parsing: text))
        } catch {
            switch error {
            case .notHostAndPort, .unbracketedIPv6: return .failure(ValueMessage("\(error), found \"\(text)\""))
            default: return .failure(ValueMessage(error.description))
            }
        }
    }

    /// Two listeners on the same port of overlapping addresses cannot both start.
    func checkListeners(
        http: ListenerResult<HTTPListenerConfiguration>,
        tcp: ListenerResult<TCPListenerConfiguration>,
        admin: ListenerResult<AdminConfiguration>
    ) {
        if http.configuration == nil, tcp.configuration == nil {
            problems.report(
                at: http.source.path.parent?.appending("enabled") ?? http.source.path,
                "neither [http] nor [tcp] is enabled, so peers could not reach us; enable at least one"
            )
        }
        var active: [(name: String, address: ListenAddress, source: ListenSource)] = []
        if http.configuration != nil { active.append(("http", http.address, http.source)) }
        if tcp.configuration != nil { active.append(("tcp", tcp.address, tcp.source)) }
        active.append(("admin", admin.address, admin.source))
        for (index, listener) in active.enumerated() {
            guard listener.address.port != 0 else { continue }
            for earlier in active[..<index] where earlier.address.port == listener.address.port && Self.overlap(earlier.address.host, listener.address.host) {
                let message = "\(listener.address) clashes with the \(earlier.name) listener on \(earlier.address) (\(earlier.source.name)); use another port"
                if let variable = listener.source.variable {
                    problems.report(variable: variable.variable, overriding: listener.source.path, message)
                } else {
                    problems.report(at: listener.source.path, message)
                }
                break
            }
        }
    }

    /// Whether two hosts may be the same interface (equal, or either one a wildcard).
    private static func overlap(_ left: String, _ right: String) -> Bool {
        let wildcards: Set<String> = ["0.0.0.0", "::", "*"]
        return left == right || wildcards.contains(left) || wildcards.contains(right)
    }
}
