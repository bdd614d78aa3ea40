import Daemon
import Foundation
import Gateway
import ISO18626
import Logging
import Testing
import Transport

/// Environment overrides, relative paths and secrets read from files.
@Suite struct ConfigurationEnvironmentTests {
    private let minimal = ConfigurationTestSupport.minimal

    // MARK: Overrides

    @Test func overridesReplaceTheFilesValues() throws {
        let environment = [
            "ILLGATE_HTTP_LISTEN": "0.0.0.0:8080",
            "ILLGATE_TCP_LISTEN": "[::1]:8081",
            "ILLGATE_ADMIN_LISTEN": "127.0.0.1:8082",
            "ILLGATE_DATABASE": "state/other.sqlite",
            "ILLGATE_LOG_FORMAT": "json",
            "ILLGATE_LOG_LEVEL": "debug",
        ]
        let text = minimal + "[http]\nlisten = \"127.0.0.1:1\"\n[storage]\npath = \"data/x.sqlite\"\n[logging]\nformat = \"logfmt\"\n"
        let configuration = try ConfigurationTestSupport.parse(text, environment: environment)
        #expect(configuration.http?.host == "0.0.0.0")
        #expect(configuration.http?.port == 8080)
        #expect(configuration.tcp?.host == "::1")
        #expect(configuration.tcp?.port == 8081)
        #expect(configuration.admin.port == 8082)
        #expect(configuration.storagePath == "/srv/illgate/state/other.sqlite")
        #expect(configuration.logging == LoggingConfiguration(format: .json, level: .debug))
    }

    @Test func emptyOverridesCountAsUnset() throws {
        let configuration = try ConfigurationTestSupport.parse(minimal, environment: ["ILLGATE_HTTP_LISTEN": "", "ILLGATE_DATABASE": ""])
        #expect(configuration.http?.port == 18626)
        #expect(configuration.storagePath == "/srv/illgate/data/illgate.sqlite")
    }

    @Test func badOverridesNameTheVariable() throws {
        let environment = ["ILLGATE_HTTP_LISTEN": "nowhere", "ILLGATE_LOG_FORMAT": "yaml", "ILLGATE_LOG_LEVEL": "chatty"]
        let problems = ConfigurationTestSupport.problems(minimal + "[http]\nlisten = 18626\n", environment: environment)
        // The file's own problem comes first (it has a line), then the variables.
        #expect(problems.map(\.key) == ["http.listen", "http.listen", "logging.format", "logging.level"])
        #expect(problems.map(\.variable) == [nil, "ILLGATE_HTTP_LISTEN", "ILLGATE_LOG_FORMAT", "ILLGATE_LOG_LEVEL"])
        #expect(problems.map(\.line) == [4, nil, nil, nil])
        #expect(
            problems[1].description
                == "illgate.toml: http.listen (from $ILLGATE_HTTP_LISTEN): expected HOST:PORT like \"127.0.0.1:18626\" or \"[::1]:18626\", found \"nowhere\""
        )
        #expect(problems[2].message == "unknown format \"yaml\"; expected \"logfmt\" or \"json\"")
    }

    @Test func overrideThatClashesNamesTheVariable() throws {
        let problem = try ConfigurationTestSupport.problem(minimal, environment: ["ILLGATE_ADMIN_LISTEN": "127.0.0.1:18626"])
        #expect(problem.variable == "ILLGATE_ADMIN_LISTEN")
        #expect(problem.key == "admin.listen")
        #expect(problem.message == "127.0.0.1:18626 clashes with the http listener on 127.0.0.1:18626 (http.listen); use another port")
    }

    @Test func everyOverrideIsDocumentedInTheShippedFile() throws {
        let text = try String(contentsOf: ConfigurationTestSupport.repositoryRoot.appendingPathComponent("config/illgate.toml"), encoding: .utf8)
        for override in EnvironmentOverride.allCases {
            #expect(text.contains(override.variable), "\(override.variable) is not documented in config/illgate.toml")
        }
    }

    @Test func defaultPathComesFromTheEnvironment() {
        #expect(DaemonConfiguration.defaultPath(environment: [:]) == "config/illgate.toml")
        #expect(DaemonConfiguration.defaultPath(environment: ["ILLGATE_CONFIG": ""]) == "config/illgate.toml")
        #expect(DaemonConfiguration.defaultPath(environment: ["ILLGATE_CONFIG": "/etc/illgate/illgate.toml"]) == "/etc/illgate/illgate.toml")
    }

    // MARK: Paths

    @Test func relativePathsResolveAgainstTheWorkingDirectory() throws {
        let text = minimal + "[storage]\npath = \"../db/./illgate.sqlite\"\n[admin]\ntoken_file = \"/run/illgate/admin.token\"\n"
        let configuration = try ConfigurationTestSupport.parse(text, workingDirectory: "/var/lib/illgate")
        #expect(configuration.storagePath == "/var/lib/db/illgate.sqlite")
        #expect(configuration.admin.tokenFile == "/run/illgate/admin.token")
    }

    @Test func loadReportsAMissingFile() throws {
        do {
            _ = try DaemonConfiguration.load(path: "/nonexistent/illgate.toml", environment: [:])
            Issue.record("loaded a file that does not exist")
        } catch {
            #expect(error.description == "/nonexistent/illgate.toml: no such file")
        }
    }

    @Test func loadReadsTheFile() throws {
        let directory = try ConfigurationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("illgate.toml")
        try (minimal + "[http]\nlisten = 1\n").write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try DaemonConfiguration.load(path: file.path, environment: [:], workingDirectory: directory.path)
            Issue.record("loaded a bad file")
        } catch {
            #expect(error.problems.first?.file == file.path)
            #expect(error.problems.first?.line == 4)
        }
    }

    // MARK: Secrets

    @Test func secretsFromFiles() throws {
        let directory = try ConfigurationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "s3cret password\n".write(to: directory.appendingPathComponent("password"), atomically: true, encoding: .utf8)
        try "  token-123\r\n".write(to: directory.appendingPathComponent("token"), atomically: true, encoding: .utf8)
        try "code".write(to: directory.appendingPathComponent("code"), atomically: true, encoding: .utf8)
        let text = minimal + """
            [[peers]]
            name = "lender"
            agency_ids = ["ISIL:DK-LEND"]
            endpoint = "https://ill.example.org/iso18626"
            [peers.inbound]
            basic_user = "lender"
            basic_password_file = "password"
            security_code_file = "\(directory.path)/code"
            account_id = "L-1"
            [peers.outbound]
            bearer_token_file = "token"

            """
        let configuration = try ConfigurationTestSupport.parse(text, workingDirectory: directory.path)
        let settings = try #require(configuration.peers.first)
        #expect(settings.link.inbound.basicPassword == "s3cret password")
        #expect(settings.link.outbound.bearerToken == "token-123")
        #expect(settings.peer.requiredAuthentication?.securityCode == "code")
    }

    @Test func secretFileProblems() throws {
        let directory = try ConfigurationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "\n".write(to: directory.appendingPathComponent("empty"), atomically: true, encoding: .utf8)
        let text = minimal + """
            [[peers]]
            name = "lender"
            agency_ids = ["ISIL:DK-LEND"]
            endpoint = "https://ill.example.org/iso18626"
            [peers.inbound]
            bearer_token_file = "missing"
            security_code = "x"
            security_code_file = "empty"
            [peers.outbound]
            bearer_token_file = "empty"

            """
        let problems = ConfigurationTestSupport.problems(text, workingDirectory: directory.path)
        #expect(
            problems.map(\.key) == [
                "peers[1].inbound.bearer_token_file", "peers[1].inbound.security_code_file", "peers[1].outbound.bearer_token_file",
            ]
        )
        #expect(problems.map(\.line) == [8, 10, 12])
        #expect(problems[0].message == "no such file: \(directory.path)/missing")
        #expect(problems[1].message == "set either security_code or security_code_file, not both")
        #expect(problems[2].message == "\(directory.path)/empty is empty")
    }

    @Test func tlsFilesThatExist() throws {
        let directory = try ConfigurationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["server.pem", "server.key", "ca.pem"] {
            try "PEM".write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let text = minimal + """
            [http.tls]
            certificate = "server.pem"
            private_key = "server.key"
            client_ca = "ca.pem"
            require_client_certificate = true
            [[peers]]
            name = "lender"
            agency_ids = ["ISIL:DK-LEND"]
            endpoint = "https://ill.example.org/iso18626"
            [peers.inbound]
            certificate_subjects = ["CN=ill.example.org"]

            """
        let configuration = try ConfigurationTestSupport.parse(text, workingDirectory: directory.path)
        let tls = try #require(configuration.http?.tls)
        #expect(tls.certificatePath == directory.appendingPathComponent("server.pem").path)
        #expect(tls.clientCAPath == directory.appendingPathComponent("ca.pem").path)
        #expect(tls.requireClientCertificate)
        #expect(configuration.peers.first?.peer.requiresTransportIdentity == true)
        #expect(configuration.summary.contains("https 127.0.0.1:18626"))
    }
}
