import Daemon
import Testing
import Transport

/// The listeners' connection keys: the defaults, the values as read, and a per-address cap above the total
/// refused with the key named.
@Suite struct ConfigurationConnectionLimitsTests {
    private let minimal = ConfigurationTestSupport.minimal

    @Test func defaultsKeepEachAddressBelowTheTotal() throws {
        let configuration = try ConfigurationTestSupport.parse(minimal)
        let http = try #require(configuration.http)
        let tcp = try #require(configuration.tcp)
        #expect(http.requestTimeout == 30 && http.idleTimeout == 15)
        #expect(http.maximumConnections == 4096 && http.maximumConnectionsPerAddress == 64)
        #expect(tcp.frameTimeout == 30 && tcp.idleTimeout == 300)
        #expect(tcp.maximumConnections == 4096 && tcp.maximumConnectionsPerAddress == 64)
    }

    @Test func theKeysAreRead() throws {
        let configuration = try ConfigurationTestSupport.parse(
            minimal + """
                [http]
                request_timeout_seconds = 10
                idle_timeout_seconds = 2.5
                max_connections = 100
                max_connections_per_address = 10
                [tcp]
                frame_timeout_seconds = 5
                max_connections = 50
                max_connections_per_address = 5

                """
        )
        let http = try #require(configuration.http)
        let tcp = try #require(configuration.tcp)
        #expect(http.requestTimeout == 10 && http.idleTimeout == 2.5)
        #expect(http.maximumConnections == 100 && http.maximumConnectionsPerAddress == 10)
        #expect(tcp.frameTimeout == 5 && tcp.maximumConnections == 50 && tcp.maximumConnectionsPerAddress == 5)
    }

    @Test func aSmallTotalLowersTheDefaultPerAddressCap() throws {
        let configuration = try ConfigurationTestSupport.parse(minimal + "[tcp]\nmax_connections = 8\n")
        #expect(configuration.tcp?.maximumConnectionsPerAddress == 8)
    }

    @Test(arguments: [
        ("[http]\nmax_connections = 10\nmax_connections_per_address = 11\n", "http.max_connections_per_address", 5),
        ("[tcp]\nmax_connections_per_address = 5000\n", "tcp.max_connections_per_address", 4),
    ])
    func aPerAddressCapAboveTheTotalIsRefused(snippet: String, key: String, line: Int) throws {
        let problem = try ConfigurationTestSupport.problem(minimal + snippet)
        #expect(problem.key == key)
        #expect(problem.line == line)
        #expect(problem.message.hasPrefix("must not exceed max_connections ("))
    }

    @Test(arguments: [
        ("[tcp]\nframe_timeout_seconds = 0\n", "tcp.frame_timeout_seconds", "must be more than 0 seconds, found 0"),
        ("[http]\nidle_timeout_seconds = \"15s\"\n", "http.idle_timeout_seconds", "expected a number of seconds like 15, found a string"),
        ("[http]\nmax_connections_per_address = 0\n", "http.max_connections_per_address", "must be at least 1, found 0"),
    ])
    func badValuesNameTheKey(snippet: String, key: String, message: String) throws {
        let problem = try ConfigurationTestSupport.problem(minimal + snippet)
        #expect(problem.key == key)
        #expect(problem.message == message)
    }
}
