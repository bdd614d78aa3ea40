import Daemon
import Foundation
import Gateway
import Logging
import Policy
import ISO18626
import Testing
import Transport

/// The configuration files in the repository load as they are and say what their comments promise.
@Suite struct ConfigurationShippedFilesTests {
    private func load(_ relativePath: String) throws -> DaemonConfiguration {
        let root = ConfigurationTestSupport.repositoryRoot
        let path = root.appendingPathComponent(relativePath).path
        do {
            return try DaemonConfiguration.load(path: path, environment: [:], workingDirectory: "/srv/illgate")
        } catch {
            Issue.record("\(relativePath) has problems:\n\(error)")
            throw error
        }
    }

    @Test func quickStartDefaultLoadsOnLoopbackWithLocalDatabase() throws {
        let configuration = try load("config/illgate.toml")
        #expect(configuration.storagePath == "/srv/illgate/data/illgate.sqlite")
        let http = try #require(configuration.http)
        #expect(http.host == "127.0.0.1" && http.port == 18626)
        #expect(http.tls == nil)
        let tcp = try #require(configuration.tcp)
        #expect(tcp.host == "127.0.0.1" && tcp.port == 18627)
        #expect(configuration.admin.host == "127.0.0.1" && configuration.admin.port == 18680)
        #expect(configuration.admin.tokenFile == "/srv/illgate/data/admin.token")
        #expect(configuration.logging == LoggingConfiguration(format: .logfmt, level: .info))
        #expect(configuration.peers.count == 1)
        let link = try #require(configuration.peerLinks.first)
        #expect(link.endpoint?.host == "127.0.0.1")
        #expect(configuration.gateway.libraryAgencyIDs.map(\.description) == ["ISIL:XX-ILLGATE"])
        #expect(configuration.retryPolicy == RetryPolicy())
        #expect(
            configuration.summary
                == "1 peer, http 127.0.0.1:18626, tcp 127.0.0.1:18627, database /srv/illgate/data/illgate.sqlite, policy US copyright, auto-responder will_supply"
        )
    }

    @Test func quickStartDefaultSetsEveryKeyToItsDefault() throws {
        let shipped = try load("config/illgate.toml")
        let minimal = try ConfigurationTestSupport.parse(
            """
            [library]
            agency_ids = ["ISIL:XX-ILLGATE"]
            name = "illgate quick start"

            [[peers]]
            name = "partner"
            agency_ids = ["ISIL:XX-PARTNER"]
            endpoint = "http://127.0.0.1:19626/iso18626"
            allowed_addresses = ["127.0.0.1/32", "::1"]
            """
        )
        #expect(shipped.http == minimal.http)
        #expect(shipped.tcp == minimal.tcp)
        #expect(shipped.admin == minimal.admin)
        #expect(shipped.logging == minimal.logging)
        #expect(shipped.delivery == minimal.delivery)
        #expect(shipped.storagePath == minimal.storagePath)
        #expect(shipped.library == minimal.library)
        #expect(shipped.peers == minimal.peers)

        // Every [policy] key the file sets is the documented default, except what the quick start changes:
        // free lending, a default patron type, and three patron types.
        var expected = PolicyConfiguration()
        expected.lending.charges.loan = 0
        expected.lending.charges.copy = 0
        expected.borrowing.defaultPatronType = "faculty"
        expected.patronTypes = [
            "faculty": PatronTypePolicy(ill: true, maxOpen: 50, maxCost: 50),
            "student": PatronTypePolicy(ill: true, maxOpen: 25, maxCost: 20, notBorrowable: ["DVD"]),
            "alumni": PatronTypePolicy(ill: false),
        ]
        #expect(shipped.policy == expected)
        #expect(minimal.policy == nil)
    }

    @Test func lenderAndBorrowerExamplesTalkToEachOther() throws {
        let lender = try load("config/examples/lender.toml")
        let borrower = try load("config/examples/borrower.toml")

        #expect(lender.storagePath == "/srv/illgate/data/lender/illgate.sqlite")
        #expect(borrower.storagePath == "/srv/illgate/data/borrower/illgate.sqlite")
        #expect(lender.admin.tokenFile != borrower.admin.tokenFile)
        let ports = [lender.http?.port, lender.tcp?.port, lender.admin.port, borrower.http?.port, borrower.tcp?.port, borrower.admin.port]
        #expect(Set(ports.compactMap(\.self)).count == 6)

        let borrowerAtLender = try #require(lender.peers.first)
        let lenderAtBorrower = try #require(borrower.peers.first)
        #expect(borrowerAtLender.peer.agencyIDs == borrower.library.agencyIDs)
        #expect(lenderAtBorrower.peer.agencyIDs == lender.library.agencyIDs)
        #expect(borrowerAtLender.link.endpoint?.port == borrower.http?.port)
        #expect(lenderAtBorrower.link.endpoint?.port == lender.http?.port)

        // The lender requires HTTP Basic credentials from the borrower, and the borrower sends them.
        #expect(borrowerAtLender.peer.requiresTransportIdentity)
        #expect(borrowerAtLender.link.inbound.basicUsername == "borrower")
        #expect(lenderAtBorrower.link.outbound.basicUsername == borrowerAtLender.link.inbound.basicUsername)
        #expect(lenderAtBorrower.link.outbound.basicPassword == borrowerAtLender.link.inbound.basicPassword)
        #expect(!lenderAtBorrower.peer.requiresTransportIdentity)
    }
}
