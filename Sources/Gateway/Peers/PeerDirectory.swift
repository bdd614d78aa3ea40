public import ISO18626

/// The peers we know, found by name or by agency id. Agency ids compare by type and value, ignoring the
/// letter case of the type (`isil` and `ISIL` are the same list).
public struct PeerDirectory: Sendable {
    /// Every peer.
    public let peers: [Peer]
    private let byName: [String: Peer]
    private let byAgency: [String: Peer]

    /// Creates a directory.
    public init(_ peers: [Peer]) {
        self.peers = peers
        var byName: [String: Peer] = [:]
        var byAgency: [String: Peer] = [:]
        for peer in peers {
            byName[peer.name] = peer
            for agency in peer.agencyIDs { byAgency[agency.key] = peer }
        }
        self.byName = byName
        self.byAgency = byAgency
    }

    /// The peer with this name.
    public func peer(named name: String) -> Peer? { byName[name] }

    /// The peer an agency id belongs to.
    public func peer(for agency: AgencyID) -> Peer? { byAgency[agency.key] }
}

extension AgencyID {
    /// The form used to store and compare agency ids: `TYPE:VALUE` with the type in upper case.
    public var key: String { "\(type.value.uppercased()):\(value)" }

    /// Reads the stored `TYPE:VALUE` form.
    public init(key: String) {
        guard let colon = key.firstIndex(of: ":") else {
            self.init(type: AgencyIDType(""), value: key)
            return
        }
        self.init(
            type: AgencyIDType(lenient: String(key[..<colon]), scheme: nil),
            value: String(key[key.index(after: colon)...])
        )
    }
}
