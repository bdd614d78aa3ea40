import Synchronization

/// The last messages refused before their sender was known, as digests in a bounded ring in memory: a
/// stranger can neither fill the database nor hold up a real peer's commit, and an operator can still see
/// what was refused (`GET /v1/refusals`).
public final class RefusedStrangers: Sendable {
    /// How many digests are kept; older ones are forgotten.
    public let capacity: Int
    private let state: Mutex<Ring>

    private struct Ring {
        var digests: [RefusedMessageDigest] = []
        var next = 0
        var total = 0
    }

    /// Creates an empty ring.
    public init(capacity: Int = 1_000) {
        self.capacity = max(1, capacity)
        self.state = Mutex(Ring())
    }

    /// Keeps a digest, forgetting the oldest when full.
    public func record(_ digest: RefusedMessageDigest) {
        state.withLock { ring in
            if ring.digests.count < capacity {
                ring.digests.append(digest)
            } else {
                ring.digests[ring.next] = digest
            }
            ring.next = (ring.next + 1) % capacity
            ring.total += 1
        }
    }

    /// The digests kept, oldest first, and how many were refused since start.
    public func snapshot() -> (digests: [RefusedMessageDigest], total: Int) {
        state.withLock { ring in
            let ordered = ring.digests.count < capacity
                ? ring.digests
                : Array(ring.digests[ring.next...] + ring.digests[..<ring.next])
            return (ordered, ring.total)
        }
    }
}
