/// How many connections a listener holds open, in total and per source address: a pure state machine that
/// says whether one more may be accepted. ``ConnectionAdmission`` runs it under a lock for a listener.
///
/// The per-address cap sits below the total so that no single host can take every slot: while one host
/// holds all it may, other partners still get in.
public struct ConnectionLimits: Hashable, Sendable {
    /// Connections beyond this many, from all sources together, are refused.
    public let maximumConnections: Int
    /// Connections beyond this many from one source address are refused.
    public let maximumConnectionsPerAddress: Int
    /// Connections open now, from all sources.
    public private(set) var openConnections = 0
    private var openByAddress: [String: Int] = [:]

    /// Why a connection was refused.
    public enum Refusal: String, Hashable, Sendable {
        /// The listener holds `maximumConnections` already.
        case tooManyConnections = "max_connections"
        /// The source address holds `maximumConnectionsPerAddress` already.
        case tooManyFromAddress = "max_connections_per_address"
    }

    /// Creates the limits; both are at least 1, and the per-address cap is at most the total.
    public init(maximumConnections: Int, maximumConnectionsPerAddress: Int) {
        self.maximumConnections = max(1, maximumConnections)
        self.maximumConnectionsPerAddress = min(max(1, maximumConnectionsPerAddress), self.maximumConnections)
    }

    /// Connections open now from one source address.
    public func openConnections(from address: String) -> Int {
        openByAddress[address, default: 0]
    }

    /// Counts a new connection from `address` if the limits allow it.
    /// - Returns: `nil` when the connection is accepted (and counted; call ``close(from:)`` when it ends),
    ///   otherwise why it is refused (and nothing is counted).
    public mutating func open(from address: String) -> Refusal? {
        guard openConnections < maximumConnections else { return .tooManyConnections }
        let fromAddress = openByAddress[address, default: 0]
        guard fromAddress < maximumConnectionsPerAddress else { return .tooManyFromAddress }
        openConnections += 1
        openByAddress[address] = fromAddress + 1
        return nil
    }

    /// Forgets a connection accepted by ``open(from:)``.
    public mutating func close(from address: String) {
        guard let fromAddress = openByAddress[address], fromAddress > 0 else { return }
        openConnections -= 1
        openByAddress[address] = fromAddress > 1 ? fromAddress - 1 : nil
    }
}
