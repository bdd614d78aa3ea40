import Daemon
import Foundation
import Gateway
import ISO18626
import Logging
import Testing
import Transport

/// Each kind of problem is reported with the file, the dotted key, the line and a message that says what
/// would be right.
@Suite struct ConfigurationProblemTests {
    private let minimal = ConfigurationTestSupport.minimal

    // MARK: Syntax

    @Test func syntaxErrorHasLineAndColumn() throws {
        let problem = try ConfigurationTestSupport.problem("[library]\nagency_ids = [\"ISIL:US-NNC\"]\n[http\nlisten = 1\n")
        #expect(problem.line == 3)
        #expect(problem.column != nil)
        #expect(problem.key == nil)
        #expect(problem.message.hasPrefix("TOML syntax error: "))
        #expect(problem.description.hasPrefix("illgate.toml:3:"))
    }

    @Test func duplicateKeyIsASyntaxError() throws {
        let problem = try ConfigurationTestSupport.problem(minimal + "[http]\nlisten = \"127.0.0.1:1\"\nlisten = \"127.0.0.1:2\"\n")
        #expect(problem.line == 5)
    }

    // MARK: Unknown keys

    @Test func unknownKeySuggestsTheNearestKnownKey() throws {
        let problem = try ConfigurationTestSupport.problem(minimal + "[http]\nlistne = \"127.0.0.1:18626\"\n")
        #expect(problem.key == "http.listne")
        #expect(problem.line == 4)
        #expect(problem.message == "unknown key; did you mean `listen`?")
        #expect(problem.description == "illgate.toml:4: http.listne: unknown key; did you mean `listen`?")
    }

    @Test func unknownTableSuggestsTheNearestKnownTable() throws {
        let problem = try ConfigurationTestSupport.problem(minimal + "[htpp]\nlisten = \"127.0.0.1:18626\"\n")
        #expect(problem.key == "htpp")
        #expect(problem.line == 3)
        #expect(problem.message == "unknown table; did you mean `http`?")
    }

    @Test func unknownKeyWithoutAnyCloseKeyListsTheKnownOnes() throws {
        let problem = try ConfigurationTestSupport.problem(minimal + "[storage]\ncompression = true\n")
        #expect(problem.key == "storage.compression")
        #expect(problem.message == "unknown key; known keys here: `path`, `patron_data_retention_days`")
    }

    @Test func longerFormOfAKeyIsRecognised() throws {
        let problems = ConfigurationTestSupport.problems(
            minimal + peer(name: "lender", extra: "[peers.inbound]\nbasic_username = \"u\"\nbasic_password = \"p\"\n")
        )
        // The misspelt user name also leaves the password without a user.
        #expect(problems.map(\.key) == ["peers[1].inbound.basic_username", "peers[1].inbound.basic_password"])
        #expect(problems.first?.message == "unknown key; did you mean `basic_user`?")
        #expect(problems.map(\.line) == [8, 9])
    }

    @Test func keyThatBelongsInASubTableNamesIt() throws {
        let problem = try ConfigurationTestSupport.problem(minimal + peer(name: "lender", extra: "account_id = \"A-1\"\n"))
        #expect(problem.key == "peers[1].account_id")
        #expect(problem.message == "unknown key; did you mean `inbound.account_id` or `outbound.account_id`?")
        #expect(problem.peer == "lender")
        #expect(problem.description == "illgate.toml:7: peers[1].account_id (peer \"lender\"): unknown key; did you mean `inbound.account_id` or `outbound.account_id`?")
    }

    @Test func misplacedTLSKeyPointsAtTheTLSTable() throws {
        let problem = try ConfigurationTestSupport.problem(minimal + "[http]\ncertificate = \"x.pem\"\n")
        #expect(problem.message == "unknown key; did you mean `tls.certificate`?")
    }

    // MARK: Wrong types

    @Test func wrongTypeSaysWhatWasExpectedAndFound() throws {
        let text = minimal + "[http]\nlisten = 18626\n"
        let problem = try ConfigurationTestSupport.problem(text)
        #expect(problem.key == "http.listen")
        #expect(problem.line == 4)
        #expect(problem.message == "expected a string like \"127.0.0.1:18626\", found an integer")
        #expect(problem.description == "illgate.toml:4: http.listen: expected a string like \"127.0.0.1:18626\", found an integer")
    }

    @Test(arguments: [
        ("[tcp]\nenabled = \"yes\"\n", "tcp.enabled", "expected true or false, found a string"),
        ("[tcp]\nmax_connections = 2.5\n", "tcp.max_connections", "expected an integer like 4096, found a floating-point number"),
        ("[delivery]\ntimeout_seconds = \"30s\"\n", "delivery.timeout_seconds", "expected a number of seconds like 30, found a string"),
        ("[logging]\nlevel = [\"info\"]\n", "logging.level", "expected a string like \"info\", found an array"),
        ("http = \"127.0.0.1:18626\"\n", "http", "expected a table ([http]), found a string"),
        ("peers = \"lender\"\n", "peers", "expected an array of tables ([[peers]]), found a string"),
    ])
    func wrongTypes(snippet: String, key: String, message: String) throws {
        // The snippet goes first so that top-level keys stay at the top level.
        let problem = try ConfigurationTestSupport.problem(snippet + minimal)
        #expect(problem.key == key)
        #expect(problem.message == message)
        #expect(problem.line == (snippet.hasPrefix("[") ? 2 : 1))
    }

    @Test func peersAsATableInsteadOfAnArrayOfTables() throws {
        let problem = try ConfigurationTestSupport.problem(minimal + "[peers]\nname = \"lender\"\n")
        #expect(problem.key == "peers")
        #expect(problem.line == 3)
        #expect(problem.message == "expected an array of tables ([[peers]]), found a table")
    }

    @Test func arrayElementOfTheWrongType() throws {
        let problem = try ConfigurationTestSupport.problem("[library]\nagency_ids = [\"ISIL:US-NNC\", 7]\n")
        #expect(problem.key == "library.agency_ids[2]")
        #expect(problem.message == "expected a string, found an integer")
    }

    // MARK: Listen addresses

    @Test(arguments: [
        ("localhost", "expected HOST:PORT like \"127.0.0.1:18626\" or \"[::1]:18626\", found \"localhost\""),
        ("127.0.0.1:70000", "port 70000 is out of range (0 to 65535)"),
        ("127.0.0.1:http", "port \"http\" is not a number; expected HOST:PORT like \"127.0.0.1:18626\""),
        ("::1:18626", "put an IPv6 address in brackets, like \"[::1]:18626\", found \"::1:18626\""),
        ("300.0.0.1:18626", "\"300.0.0.1\" is not an IP address or host name"),
        ("[fe80::zz]:18626", "\"fe80::zz\" is not an IP address or host name"),
    ])
    func badListenAddresses(text: String, message: String) throws {
        let problem = try ConfigurationTestSupport.problem(minimal + "[admin]\nlisten = \"\(text)\"\n")
        #expect(problem.key == "admin.listen")
        #expect(problem.line == 4)
        #expect(problem.message == message)
    }

    @Test func goodListenAddresses() throws {
        let configuration = try ConfigurationTestSupport.parse(
            minimal + "[http]\nlisten = \"[::1]:8080\"\n[tcp]\nlisten = \"localhost:0\"\n[admin]\nlisten = \"0.0.0.0:9000\"\n"
        )
        #expect(configuration.http?.host == "::1")
        #expect(configuration.http?.port == 8080)
        #expect(configuration.tcp?.host == "localhost")
        #expect(configuration.tcp?.port == 0)
        #expect(configuration.admin.host == "0.0.0.0")
        #expect(configuration.summary.contains("http [::1]:8080"))
    }

    @Test func listenersOnTheSamePortClash() throws {
        let problem = try ConfigurationTestSupport.problem(minimal + "[http]\nlisten = \"0.0.0.0:9000\"\n[tcp]\nlisten = \"127.0.0.1:9000\"\n")
        #expect(problem.key == "tcp.listen")
        #expect(problem.line == 6)
        #expect(problem.message == "127.0.0.1:9000 clashes with the http listener on 0.0.0.0:9000 (http.listen); use another port")
    }

    @Test func disabledListenerDoesNotClash() throws {
        let configuration = try ConfigurationTestSupport.parse(minimal + "[http]\nenabled = false\nlisten = \"127.0.0.1:18627\"\n")
        #expect(configuration.http == nil)
        #expect(configuration.summary.contains("http off"))
    }

    @Test func someListenerMustBeEnabled() throws {
        let problem = try ConfigurationTestSupport.problem(minimal + "[http]\nenabled = false\n[tcp]\nenabled = false\n")
        #expect(problem.key == "http.enabled")
        #expect(problem.line == 4)
        #expect(problem.message.hasPrefix("neither [http] nor [tcp] is enabled"))
    }

    // MARK: Library

    @Test func missingLibraryTable() throws {
        let problem = try ConfigurationTestSupport.problem("[storage]\npath = \"x.sqlite\"\n")
        #expect(problem.key == "library")
        #expect(problem.line == nil)
        #expect(problem.message.hasPrefix("required table is missing"))
    }

    @Test func missingAgencyIDsPointsAtTheTable() throws {
        let problem = try ConfigurationTestSupport.problem("# ours\n[library]\nname = \"x\"\n")
        #expect(problem.key == "library.agency_ids")
        #expect(problem.line == 2)
        #expect(problem.message == "required key is missing (this library's own agency ids, like [\"ISIL:US-NNC\"])")
    }

    @Test(arguments: ["ISILUS-NNC", ":US-NNC", "ISIL:", "IS IL:US-NNC", "ISIL:US NNC"])
    func badAgencyID(text: String) throws {
        let problem = try ConfigurationTestSupport.problem("[library]\nagency_ids = [\n  \"ISIL:US-OK\",\n  \"\(text)\",\n]\n")
        #expect(problem.key == "library.agency_ids[2]")
        #expect(problem.line == 4)
        #expect(problem.message == "\"\(text)\" is not an agency id; expected TYPE:VALUE like \"ISIL:US-NNC\"")
    }

    @Test func emptyAgencyIDs() throws {
        let problem = try ConfigurationTestSupport.problem("[library]\nagency_ids = []\n")
        #expect(problem.key == "library.agency_ids")
        #expect(problem.message.hasPrefix("must list at least one agency id"))
    }

    @Test func badRequestIDPrefix() throws {
        let problem = try ConfigurationTestSupport.problem(minimal + "request_id_prefix = \"N C\"\n")
        #expect(problem.key == "library.request_id_prefix")
        #expect(problem.line == 3)
    }

    // MARK: Logging

    @Test func unknownLoggingFormatAndLevel() throws {
        let problems = ConfigurationTestSupport.problems(minimal + "[logging]\nformat = \"xml\"\nlevel = \"loud\"\n")
        #expect(problems.map(\.key) == ["logging.format", "logging.level"])
        #expect(problems.map(\.line) == [4, 5])
        #expect(problems.first?.message == "unknown format \"xml\"; expected \"logfmt\" or \"json\"")
        #expect(problems.last?.message == "unknown level \"loud\"; expected one of trace, debug, info, notice, warning, error, critical")
    }

    @Test func loggingFormatAndLevel() throws {
        let configuration = try ConfigurationTestSupport.parse(minimal + "[logging]\nformat = \"json\"\nlevel = \"debug\"\n")
        #expect(configuration.logging == LoggingConfiguration(format: .json, level: .debug))
    }

    // MARK: Numbers

    @Test(arguments: [
        ("[http]\nmax_body_bytes = -1\n", "http.max_body_bytes", "must not be negative, found -1"),
        ("[http]\nrequest_timeout_seconds = -0.5\n", "http.request_timeout_seconds", "must not be negative, found -0.5"),
        ("[tcp]\nidle_timeout_seconds = 0\n", "tcp.idle_timeout_seconds", "must be more than 0 seconds, found 0"),
        ("[tcp]\nmax_frame_bytes = 0\n", "tcp.max_frame_bytes", "must be at least 1, found 0"),
        ("[delivery]\nmax_attempts = 0\n", "delivery.max_attempts", "must be at least 1, found 0"),
        ("[delivery]\njitter = 1.5\n", "delivery.jitter", "must be between 0 and 1, found 1.5"),
        ("[delivery]\npoll_interval_seconds = nan\n", "delivery.poll_interval_seconds", "must be a finite number of seconds, found nan"),
    ])
    func badNumbers(snippet: String, key: String, message: String) throws {
        let problem = try ConfigurationTestSupport.problem(minimal + snippet)
        #expect(problem.key == key)
        #expect(problem.line == 4)
        #expect(problem.message == message)
    }

    @Test func maximumDelayBelowInitialDelay() throws {
        let problem = try ConfigurationTestSupport.problem(minimal + "[delivery]\ninitial_delay_seconds = 10\nmax_delay_seconds = 5\n")
        #expect(problem.key == "delivery.max_delay_seconds")
        #expect(problem.line == 5)
    }

    @Test func deliverySettingsMapToTheRetryPolicy() throws {
        let configuration = try ConfigurationTestSupport.parse(
            minimal + "[delivery]\nmax_attempts = 3\ninitial_delay_seconds = 0.5\nmax_delay_seconds = 60\njitter = 0\npoll_interval_seconds = 0.25\ntimeout_seconds = 10\n"
        )
        #expect(configuration.retryPolicy == RetryPolicy(maximumAttempts: 3, initialDelay: 0.5, maximumDelay: 60, jitter: 0))
        #expect(configuration.deliveryPollInterval == 0.25)
        #expect(configuration.deliveryTimeout == 10)
    }

    @Test("connect_timeout_seconds: default 3, its own value, per peer, never above the attempt's timeout")
    func connectTimeouts() throws {
        let defaults = try ConfigurationTestSupport.parse(minimal + peer(name: "lender", extra: ""))
        #expect(defaults.delivery.connectTimeout == 3)
        #expect(defaults.peers.first?.link.connectTimeout == 3)
        #expect(defaults.peers.first?.link.timeout == 30)

        let set = try ConfigurationTestSupport.parse(
            minimal + "[delivery]\ntimeout_seconds = 20\nconnect_timeout_seconds = 0.5\n"
                + peer(name: "lender", extra: "")
                + peer(name: "slow", agency: "ISIL:DK-SLOW", extra: "timeout_seconds = 60\nconnect_timeout_seconds = 10\n")
                + peer(name: "quick", agency: "ISIL:DK-QUICK", extra: "timeout_seconds = 2\n")
        )
        #expect(set.delivery.connectTimeout == 0.5)
        #expect(set.peers.map(\.link.connectTimeout) == [0.5, 10, 0.5])
        #expect(set.peers.map(\.link.timeout) == [20, 60, 2])
        // A peer whose timeout is below the default connect timeout connects within its timeout.
        let short = try ConfigurationTestSupport.parse(minimal + peer(name: "quick", extra: "timeout_seconds = 1\n"))
        #expect(short.peers.first?.link.connectTimeout == 1)

        let tooLong = try ConfigurationTestSupport.problem(minimal + "[delivery]\ntimeout_seconds = 5\nconnect_timeout_seconds = 8\n")
        #expect(tooLong.key == "delivery.connect_timeout_seconds")
        #expect(tooLong.message == "8 is more than timeout_seconds (5): connecting is part of the attempt")
        let peerTooLong = try ConfigurationTestSupport.problem(minimal + peer(name: "lender", extra: "connect_timeout_seconds = 40\n"))
        #expect(peerTooLong.key == "peers[1].connect_timeout_seconds")
        #expect(peerTooLong.message.contains("is more than the peer's timeout_seconds (30)"))
        let zero = try ConfigurationTestSupport.problem(minimal + "[delivery]\nconnect_timeout_seconds = 0\n")
        #expect(zero.key == "delivery.connect_timeout_seconds")
    }

    @Test func permanentFailureAttemptsMapToTheRetryPolicy() throws {
        let configuration = try ConfigurationTestSupport.parse(minimal + "[delivery]\nmax_attempts = 8\npermanent_failure_attempts = 2\n")
        #expect(configuration.retryPolicy.permanentFailureAttempts == 2)
        #expect(configuration.retryPolicy.maximumAttempts == 8)
    }

    @Test func permanentFailureAttemptsAboveMaximumAttempts() throws {
        let problem = try ConfigurationTestSupport.problem(minimal + "[delivery]\nmax_attempts = 2\npermanent_failure_attempts = 5\n")
        #expect(problem.key == "delivery.permanent_failure_attempts")
        #expect(problem.line == 5)
    }

    // MARK: Peers

    @Test func missingPeerKeys() throws {
        let problems = ConfigurationTestSupport.problems(minimal + "[[peers]]\nstrict = true\n")
        #expect(problems.map(\.key) == ["peers[1].name", "peers[1].agency_ids", "peers[1].endpoint"])
        #expect(problems.allSatisfy { $0.line == 3 && $0.message.hasPrefix("required key is missing") })
    }

    @Test func badPeerName() throws {
        let problem = try ConfigurationTestSupport.problem(minimal + peer(name: "the lender"))
        #expect(problem.key == "peers[1].name")
        #expect(problem.peer == nil)
        #expect(problem.line == 4)
    }

    @Test(arguments: [
        ("ftp://ill.example.org/x", "unsupported scheme \"ftp\" in \"ftp://ill.example.org/x\"; expected an http://, https:// or tcp://host:port URL"),
        ("ill.example.org:18626", "\"ill.example.org:18626\" is not a URL; expected an http://, https:// or tcp://host:port URL"),
        ("http:///iso18626", "\"http:///iso18626\" has no host; expected an http://, https:// or tcp://host:port URL"),
        ("tcp://ill.example.org", "a tcp endpoint needs a port, like \"tcp://ill.example.org:18627\""),
        ("tcp://ill.example.org:18627/iso18626", "a tcp endpoint is just tcp://host:port, found \"tcp://ill.example.org:18627/iso18626\""),
        ("http://ill.example.org:99999/iso18626", "port 99999 is out of range (1 to 65535) in \"http://ill.example.org:99999/iso18626\""),
        ("https://user:pw@ill.example.org/iso18626", "put credentials in [peers.outbound], not in the URL"),
    ])
    func badEndpoint(endpoint: String, message: String) throws {
        let problem = try ConfigurationTestSupport.problem(minimal + peer(name: "lender", endpoint: endpoint))
        #expect(problem.key == "peers[1].endpoint")
        #expect(problem.line == 6)
        #expect(problem.peer == "lender")
        #expect(problem.message == message)
    }

    @Test(arguments: ["http://127.0.0.1:28626/iso18626", "https://ill.example.org/iso18626", "tcp://127.0.0.1:18627", "tcp://[::1]:18627"])
    func goodEndpoint(endpoint: String) throws {
        let configuration = try ConfigurationTestSupport.parse(minimal + peer(name: "lender", endpoint: endpoint))
        #expect(configuration.peerLinks.first?.endpoint?.absoluteString == endpoint)
    }

    @Test func unknownEdition() throws {
        let problem = try ConfigurationTestSupport.problem(minimal + peer(name: "lender", extra: "edition = \"1.3\"\n"))
        #expect(problem.key == "peers[1].edition")
        #expect(problem.line == 7)
        #expect(problem.message == "unknown edition \"1.3\"; expected \"1.2\" or \"2021-2\"")
    }

    @Test func unquotedEditionGetsAHint() throws {
        let problem = try ConfigurationTestSupport.problem(minimal + peer(name: "lender", extra: "edition = 1.2\n"))
        #expect(problem.message == "expected a string, \"1.2\" or \"2021-2\" (in quotes), found a number")
    }

    @Test func badCIDR() throws {
        let text = minimal + peer(name: "lender", extra: "allowed_addresses = [\n  \"192.0.2.0/24\",\n  \"192.0.2.0/33\",\n  \"2001:db8::/32\",\n]\n")
        let problem = try ConfigurationTestSupport.problem(text)
        #expect(problem.key == "peers[1].allowed_addresses[2]")
        #expect(problem.line == 9)
        #expect(problem.message.hasPrefix("\"192.0.2.0/33\" is not an IP address or CIDR range"))
    }

    @Test func duplicatePeerNames() throws {
        let text = minimal + peer(name: "lender", agency: "ISIL:DK-A") + peer(name: "Lender", agency: "ISIL:DK-B")
        let problem = try ConfigurationTestSupport.problem(text)
        #expect(problem.key == "peers[2].name")
        #expect(problem.line == 8)
        #expect(problem.message == "peer name \"Lender\" is already used by peers[1]")
    }

    @Test func agencyIDSharedByTwoPeers() throws {
        let text = minimal + peer(name: "a", agency: "ISIL:DK-A") + peer(name: "b", agency: "isil:DK-A")
        let problem = try ConfigurationTestSupport.problem(text)
        #expect(problem.key == "peers[2].agency_ids[1]")
        #expect(problem.line == 9)
        #expect(problem.peer == "b")
        #expect(problem.message.hasSuffix("DK-A already belongs to peer \"a\"; an agency id may belong to one party only"))
    }

    @Test func ourAgencyIDCannotBeAPeers() throws {
        let problem = try ConfigurationTestSupport.problem(minimal + peer(name: "self", agency: "ISIL:US-NNC"))
        #expect(problem.key == "peers[1].agency_ids[1]")
        #expect(problem.line == 5)
        #expect(problem.message.hasPrefix("ISIL:US-NNC already belongs to this library"))
    }

    @Test func basicUserWithoutPassword() throws {
        let problem = try ConfigurationTestSupport.problem(minimal + peer(name: "lender", extra: "[peers.inbound]\nbasic_user = \"u\"\n"))
        #expect(problem.key == "peers[1].inbound.basic_user")
        #expect(problem.line == 8)
        #expect(problem.message == "basic_user is set but basic_password (or basic_password_file) is not")
    }

    @Test func basicPasswordWithoutUser() throws {
        let problem = try ConfigurationTestSupport.problem(minimal + peer(name: "lender", extra: "[peers.outbound]\nbasic_password = \"p\"\n"))
        #expect(problem.key == "peers[1].outbound.basic_password")
        #expect(problem.message == "basic_password is set but basic_user is not")
    }

    @Test func outboundBasicAndBearerTogether() throws {
        let problem = try ConfigurationTestSupport.problem(
            minimal + peer(name: "lender", extra: "[peers.outbound]\nbasic_user = \"u\"\nbasic_password = \"p\"\nbearer_token = \"t\"\n")
        )
        #expect(problem.key == "peers[1].outbound.bearer_token")
        #expect(problem.line == 10)
    }

    @Test func outboundTLSNeedsCertificateAndKeyTogetherAndAnHTTPSEndpoint() throws {
        let directory = try ConfigurationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = directory.appendingPathComponent("client.pem").path
        let ca = directory.appendingPathComponent("ca.pem").path
        for path in [certificate, ca] { try "PEM".write(toFile: path, atomically: true, encoding: .utf8) }

        let alone = try ConfigurationTestSupport.problem(
            minimal + peer(name: "lender", endpoint: "https://ill.example.org/iso18626", extra: "[peers.outbound]\ntls_certificate = \"\(certificate)\"\n")
        )
        #expect(alone.key == "peers[1].outbound.tls_certificate")
        #expect(alone.message == "tls_certificate is set but tls_private_key is not")

        let plain = try ConfigurationTestSupport.problem(
            minimal + peer(name: "lender", endpoint: "http://ill.example.org/iso18626", extra: "[peers.outbound]\ntls_ca = \"\(ca)\"\n")
        )
        #expect(plain.key == "peers[1].outbound.tls_ca")
        #expect(plain.message == "TLS settings apply to https:// endpoints; this peer's endpoint is http://")

        let missing = try ConfigurationTestSupport.problem(
            minimal + peer(name: "lender", endpoint: "https://ill.example.org/iso18626", extra: "[peers.outbound]\ntls_ca = \"/nonexistent/ca.pem\"\n")
        )
        #expect(missing.message == "no such file: /nonexistent/ca.pem")

        let good = try ConfigurationTestSupport.parse(
            minimal + peer(name: "lender", endpoint: "https://ill.example.org/iso18626", extra: "[peers.outbound]\ntls_ca = \"\(ca)\"\n")
        )
        #expect(good.peers.first?.link.outbound.tls == OutboundTLSFiles(trustRootsPath: ca))
    }

    @Test func certificateSubjectsNeedAClientCA() throws {
        let problem = try ConfigurationTestSupport.problem(
            minimal + peer(name: "lender", extra: "[peers.inbound]\ncertificate_subjects = [\"CN=lender\"]\n")
        )
        #expect(problem.key == "peers[1].inbound.certificate_subjects")
        #expect(problem.line == 8)
        #expect(problem.message.contains("client_ca"))
    }

    @Test func peerMapsToGatewayAndTransport() throws {
        let text = minimal + peer(
            name: "lender",
            extra: """
                edition = "2021-2"
                strict = true
                allowed_addresses = ["192.0.2.0/24"]
                timeout_seconds = 12
                [peers.inbound]
                bearer_token = "in-token"
                account_id = "THEIR-ACCT"
                security_code = "their-code"
                [peers.outbound]
                basic_user = "us"
                basic_password = "our-password"
                account_id = "OUR-ACCT"

                """
        )
        let configuration = try ConfigurationTestSupport.parse(text)
        let settings = try #require(configuration.peers.first)
        #expect(settings.peer.edition == .v2021)
        #expect(settings.peer.strict)
        #expect(settings.peer.requiresTransportIdentity)
        #expect(settings.peer.allowedAddresses.map(\.description) == ["192.0.2.0/24"])
        #expect(settings.peer.requiredAuthentication?.accountID == "THEIR-ACCT")
        #expect(settings.peer.requiredAuthentication?.securityCode == "their-code")
        #expect(settings.peer.outboundAuthentication?.accountID == "OUR-ACCT")
        #expect(settings.peer.outboundAuthentication?.securityCode == nil)
        #expect(settings.link.inbound.bearerToken == "in-token")
        #expect(settings.link.outbound.basicUsername == "us")
        #expect(settings.link.outbound.basicPassword == "our-password")
        #expect(settings.link.timeout == 12)
        let gateway = configuration.gateway
        #expect(gateway.peers.peer(named: "lender")?.edition == .v2021)
        #expect(gateway.requestIDPrefix == "ILG")
    }

    @Test func peerWithoutCredentialsNeedsNoTransportIdentity() throws {
        let configuration = try ConfigurationTestSupport.parse(minimal + peer(name: "lender", extra: "[peers.inbound]\naccount_id = \"A\"\n"))
        let settings = try #require(configuration.peers.first)
        #expect(!settings.peer.requiresTransportIdentity)
        #expect(settings.peer.requiredAuthentication == .init(accountID: "A", securityCode: nil))
        #expect(settings.link.timeout == 30)
    }

    // MARK: Many problems

    @Test func everyProblemIsReportedInFileOrder() throws {
        let text = """
            [library]
            agency_ids = ["ISIL:US-NNC"]
            nmae = "x"

            [[peers]]
            name = "lender"
            agency_ids = ["ISIL:DK-LEND"]
            endpoint = "ftp://x"

            [http]
            listen = 18626

            [logging]
            format = "xml"

            [[peers]]
            name = "lender"
            agency_ids = ["ISIL:DK-LEND"]
            endpoint = "tcp://127.0.0.1:1"
            """
        let problems = ConfigurationTestSupport.problems(text)
        #expect(problems.map(\.line) == [3, 8, 11, 14, 17, 18])
        #expect(
            problems.map(\.key) == [
                "library.nmae", "peers[1].endpoint", "http.listen", "logging.format", "peers[2].name", "peers[2].agency_ids[1]",
            ]
        )
        let error = ConfigurationError(problems: problems)
        #expect(error.description.split(separator: "\n").count == 6)
        #expect(error.description.hasPrefix("illgate.toml:3: library.nmae: unknown key; did you mean `name`?\nillgate.toml:8: peers[1].endpoint (peer \"lender\"): "))
    }

    // MARK: TLS

    @Test func tlsNeedsCertificateAndKey() throws {
        let problems = ConfigurationTestSupport.problems(minimal + "[http.tls]\nrequire_client_certificate = true\n")
        #expect(problems.map(\.key) == ["http.tls.certificate", "http.tls.private_key", "http.tls.require_client_certificate"])
        #expect(problems.map(\.line) == [3, 3, 4])
    }

    @Test func tlsFilesMustExist() throws {
        let problems = ConfigurationTestSupport.problems(
            minimal + "[http.tls]\ncertificate = \"/nonexistent/server.pem\"\nprivate_key = \"tls/server.key\"\n"
        )
        #expect(problems.map(\.key) == ["http.tls.certificate", "http.tls.private_key"])
        #expect(problems.map(\.line) == [4, 5])
        #expect(problems.map(\.message) == ["no such file: /nonexistent/server.pem", "no such file: /srv/illgate/tls/server.key"])
    }

    // MARK: Helpers

    /// A `[[peers]]` table: the header, name, agency_ids and endpoint on four lines, then `extra`.
    private func peer(name: String, agency: String = "ISIL:DK-LEND", endpoint: String = "http://127.0.0.1:28626/iso18626", extra: String = "") -> String {
        "[[peers]]\nname = \"\(name)\"\nagency_ids = [\"\(agency)\"]\nendpoint = \"\(endpoint)\"\n" + extra
    }
}
