@testable import Daemon
import Foundation
import Gateway
import Policy
import Testing
import Transport

/// What a SIGHUP applies at once and what it leaves for a restart.
@Suite struct ConfigurationReloadTests {
    static let running = """
        [library]
        agency_ids = ["ISIL:US-NNC"]

        [http]
        listen = "127.0.0.1:18626"

        [logging]
        level = "info"

        [[peers]]
        name = "lender"
        agency_ids = ["ISIL:DK-LEND"]
        endpoint = "http://127.0.0.1:9/iso18626"

        """

    @Test func anUnchangedFileAppliesNothingAndNeedsNoRestart() throws {
        let running = try ConfigurationTestSupport.parse(Self.running)
        let reload = ConfigurationReload(running: running, loaded: try ConfigurationTestSupport.parse(Self.running))
        #expect(reload.applied.isEmpty)
        #expect(reload.waitingForRestart.isEmpty)
        #expect(reload.inForce == running)
    }

    @Test func peersPolicyAndLibraryApplyAtOnce() throws {
        let running = try ConfigurationTestSupport.parse(Self.running)
        let changed = Self.running
            .replacingOccurrences(of: "agency_ids = [\"ISIL:US-NNC\"]", with: "agency_ids = [\"ISIL:US-NNC\"]\nrequest_id_prefix = \"NNC\"")
            .replacingOccurrences(of: "endpoint = \"http://127.0.0.1:9/iso18626\"", with: "endpoint = \"tcp://127.0.0.1:9\"\nblocked = true")
            + "\n[policy]\ntimezone = \"Europe/Copenhagen\"\n"
        let loaded = try ConfigurationTestSupport.parse(changed)
        let reload = ConfigurationReload(running: running, loaded: loaded)
        #expect(reload.applied == ["library", "peers", "policy"])
        #expect(reload.waitingForRestart.isEmpty)
        #expect(reload.gateway.requestIDPrefix == "NNC")
        #expect(reload.gateway.peers.peer(named: "lender")?.profile.isBlocked == true)
        #expect(reload.gateway.policy?.timeZone.identifier == "Europe/Copenhagen")
        #expect(reload.links.map { $0.endpoint?.absoluteString } == ["tcp://127.0.0.1:9"])
        #expect(reload.inForce == loaded)
    }

    @Test func socketsStorageLoggingAndDeliveryWaitForARestart() throws {
        let running = try ConfigurationTestSupport.parse(Self.running)
        let changed = Self.running
            .replacingOccurrences(of: "127.0.0.1:18626", with: "127.0.0.1:18630")
            .replacingOccurrences(of: "level = \"info\"", with: "level = \"debug\"")
            + "\n[storage]\npath = \"/var/lib/illgate/other.sqlite\"\n[delivery]\nmax_attempts = 3\n"
        let loaded = try ConfigurationTestSupport.parse(changed)
        let reload = ConfigurationReload(running: running, loaded: loaded)
        #expect(reload.applied.isEmpty)
        #expect(reload.waitingForRestart == ["storage", "http", "logging", "delivery"])
        // What is in force keeps the start-up sockets, so the next reload names them again.
        #expect(reload.inForce == running)
        #expect(ConfigurationReload(running: reload.inForce, loaded: loaded).waitingForRestart == ["storage", "http", "logging", "delivery"])
    }

    @Test func theMessageSizeLimitStaysTheOneTheListenersStartedWith() throws {
        let running = try ConfigurationTestSupport.parse(Self.running)
        let loaded = try ConfigurationTestSupport.parse(Self.running.replacingOccurrences(of: "listen = \"127.0.0.1:18626\"", with: "listen = \"127.0.0.1:18626\"\nmax_body_bytes = 4194304"))
        #expect(loaded.gateway.maximumMessageSize != running.gateway.maximumMessageSize)
        #expect(ConfigurationReload(running: running, loaded: loaded).gateway.maximumMessageSize == running.gateway.maximumMessageSize)
    }
}

/// `[storage] patron_data_retention_days`.
@Suite struct PatronDataRetentionConfigurationTests {
    @Test func defaultsToNinetyDaysAndReadsTheKey() throws {
        #expect(try ConfigurationTestSupport.parse(ConfigurationTestSupport.minimal).patronDataRetentionDays == 90)
        let zero = try ConfigurationTestSupport.parse(ConfigurationTestSupport.minimal + "[storage]\npatron_data_retention_days = 0\n")
        #expect(zero.patronDataRetentionDays == 0)
    }

    @Test func aNegativeNumberIsRefusedNamingTheKey() throws {
        let problem = try ConfigurationTestSupport.problem(ConfigurationTestSupport.minimal + "[storage]\npatron_data_retention_days = -1\n")
        #expect(problem.key == "storage.patron_data_retention_days")
        #expect(problem.line == 4)
    }
}
