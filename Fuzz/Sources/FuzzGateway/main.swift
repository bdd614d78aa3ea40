import FuzzSupport
import Foundation
import Gateway
import ISO18626
import Policy
import Store

/// `Gateway.handle` is the daemon's whole inbound path short of the socket: decode, authenticate, apply the
/// state machine, decide policy, commit and confirm. Any bytes must come back as a confirmation or a plain
/// refusal; a database failure caused by input (`unavailable`) is a defect, so it stops the run like a crash.
///
/// The store is a real SQLite file in a temporary directory, kept for the whole run, so later inputs meet the
/// transactions earlier ones created (a Loaned after a request, a retransmission, a clash of ids).
enum FuzzedLibrary {
    /// Our side: the supplier of the seed messages (Fuzz/Seeds/FuzzGateway, the test fixtures' agencies).
    static let ours = AgencyID(type: .isil, value: "DK-820010")
    /// The peer, authenticated by the transport (HTTP credentials).
    static let partner = AgencyID(type: .isil, value: "US-NNC")

    static let gateway: Gateway = {
        let directory = TemporaryDirectory.make("gateway")
        do {
            let store = try SQLiteTransactionStore(path: directory + "/fuzz.sqlite")
            // The peer as a transport reports it once its credentials checked out.
            let partnerPeer = Peer(name: "partner", agencyIDs: [partner], requiresTransportIdentity: true)
            let configuration = GatewayConfiguration(libraryAgencyID: ours, peers: [partnerPeer], policy: PolicyConfiguration())
            // A fixed clock: the same input takes the same path whenever it runs.
            let now = Date(timeIntervalSince1970: 1_795_000_000)
            return try Gateway(configuration: configuration, store: store, clock: { now })
        } catch {
            fatalError("cannot set up the gateway: \(error)")
        }
    }()

    static let context = PeerContext(authenticatedPeerName: "partner", remoteAddress: "192.0.2.7", transport: "http")
}

// Set up before libFuzzer starts: opening and migrating the store is not part of any input's time.
_ = FuzzedLibrary.gateway

FuzzDriver.run { bytes in
    let gateway = FuzzedLibrary.gateway
    let reply = BlockingTask.run { await gateway.handle(bytes, from: FuzzedLibrary.context) }
    if case .unavailable(let reason) = reply.body {
        fatalError("the store failed on an input: \(reason)")
    }
}
