import Gateway

/// The outbox dispatcher's book of what it has taken from the outbox: per peer, the messages waiting for a
/// sender and the senders at work, and in all the entries not yet recorded (which the next look at the
/// outbox must leave out). Each peer is a lane of its own, so a peer that is down or slow fills only its own.
struct DeliveryLanes {
    /// Senders at work for one peer at most (attempts on the wire at once).
    let sendersPerPeer: Int
    /// Messages taken for one peer at most (waiting, on the wire or being recorded).
    let takenPerPeer: Int
    /// Messages taken in all at most.
    let takenInAll: Int
    /// Entries taken and not yet recorded.
    private(set) var taken: Set<Int64> = []
    private var takenByPeer: [String: Int] = [:]
    private var waiting: [String: [OutboundDelivery]] = [:]
    private var senders: [String: Int] = [:]
    /// Peers that did not answer, and when their queue may be tried again: until then none of their
    /// messages is taken, not even those queued after the failure.
    private var heldUntil: [String: ContinuousClock.Instant] = [:]

    init(sendersPerPeer: Int, takenPerPeer: Int, takenInAll: Int) {
        self.sendersPerPeer = sendersPerPeer
        self.takenPerPeer = takenPerPeer
        self.takenInAll = takenInAll
    }

    /// How many more messages may be taken.
    var room: Int {
        max(0, takenInAll - taken.count)
    }

    /// Takes due messages into their peers' lanes, within the limits (others are left for a later look).
    /// - Returns: how many were taken, how many senders to start for each peer, and the held peers that had
    ///   due messages (queued since they were held), with how long they are held yet.
    mutating func take(
        _ due: [OutboundDelivery],
        at now: ContinuousClock.Instant = .now
    ) -> (count: Int, senders: [String: Int], heldWithDue: [String: Duration]) {
        heldUntil = heldUntil.filter { $0.value > now }
        var count = 0
        var heldWithDue: [String: Duration] = [:]
        for delivery in due where taken.count < takenInAll && !taken.contains(delivery.entryID) {
            if let until = heldUntil[delivery.peerName] {
                heldWithDue[delivery.peerName] = now.duration(to: until)
                continue
            }
            guard takenByPeer[delivery.peerName, default: 0] < takenPerPeer else { continue }
            taken.insert(delivery.entryID)
            takenByPeer[delivery.peerName, default: 0] += 1
            waiting[delivery.peerName, default: []].append(delivery)
            count += 1
        }
        var starts: [String: Int] = [:]
        for (peer, queue) in waiting {
            let start = min(sendersPerPeer - senders[peer, default: 0], queue.count)
            if start > 0 {
                senders[peer, default: 0] += start
                starts[peer] = start
            }
        }
        return (count, starts, heldWithDue)
    }

    /// The next message for one of `peer`'s senders, oldest first; `nil` when there is none, and then that
    /// sender is done.
    mutating func next(for peer: String) -> OutboundDelivery? {
        guard var queue = waiting[peer], !queue.isEmpty else {
            senders[peer, default: 1] -= 1
            if senders[peer] == 0 { senders[peer] = nil }
            return nil
        }
        let delivery = queue.removeFirst()
        waiting[peer] = queue.isEmpty ? nil : queue
        return delivery
    }

    /// A taken message's attempt has been recorded: its entry may be taken again by a later look.
    mutating func recorded(_ delivery: OutboundDelivery) {
        taken.remove(delivery.entryID)
        takenByPeer[delivery.peerName, default: 1] -= 1
        if takenByPeer[delivery.peerName] == 0 { takenByPeer[delivery.peerName] = nil }
    }

    /// The peer's messages still waiting for a sender, given back untried (their entries may be taken again
    /// by a later look); its senders stop after the message they are sending.
    mutating func releaseWaiting(for peer: String) {
        guard let queue = waiting.removeValue(forKey: peer) else { return }
        for delivery in queue {
            taken.remove(delivery.entryID)
        }
        takenByPeer[peer, default: queue.count] -= queue.count
        if takenByPeer[peer, default: 0] <= 0 { takenByPeer[peer] = nil }
    }

    /// Whether every one of these peers is held at `now` (so new messages for them wait with the rest of
    /// their queue, and a look at the outbox would find nothing to take for them).
    func holdsAll(_ peers: Set<String>, at now: ContinuousClock.Instant = .now) -> Bool {
        !peers.isEmpty && peers.allSatisfy { peer in heldUntil[peer].map { $0 > now } ?? false }
    }

    /// Holds a peer's queue until `instant`: its messages are not taken before then.
    mutating func hold(_ peer: String, until instant: ContinuousClock.Instant) {
        heldUntil[peer] = max(instant, heldUntil[peer] ?? instant)
        releaseWaiting(for: peer)
    }
}
