import Daemon
import Gateway
import Testing

/// `quirks = "..."` in a `[[peers]]` table names the profile of the peer's system.
@Suite struct ConfigurationQuirksTests {
    static func configuration(quirks: String?) -> String {
        ConfigurationTestSupport.minimal + """

            [[peers]]
            name = "lender"
            agency_ids = ["ISIL:DK-820010"]
            endpoint = "http://127.0.0.1:28626/iso18626"
            \(quirks.map { "quirks = \"\($0)\"" } ?? "")

            """
    }

    @Test(arguments: ["alma", "reshare", "illiad", "tipasa", "koha", "standard"])
    func everyProfileIsKnown(name: String) throws {
        let configuration = try ConfigurationTestSupport.parse(Self.configuration(quirks: name))
        #expect(configuration.peers.first?.peer.quirks == PeerQuirks.profiles[name])
        #expect(configuration.gateway.peers.peer(named: "lender")?.quirks.name == name)
    }

    @Test func withoutTheKeyThePeerFollowsTheStandard() throws {
        let configuration = try ConfigurationTestSupport.parse(Self.configuration(quirks: nil))
        #expect(configuration.peers.first?.peer.quirks == .standard)
    }

    @Test func anUnknownProfileNamesTheKeyAndTheKnownOnes() throws {
        let problem = try ConfigurationTestSupport.problem(Self.configuration(quirks: "vdx"))
        #expect(problem.key == "peers[1].quirks")
        #expect(problem.peer == "lender")
        #expect(problem.message == "\"vdx\" is not a known quirks profile; use one of: alma, illiad, koha, reshare, standard, tipasa")
    }
}
