import Foundation
import Gateway
import ISO18626
import Store
import Synchronization
import Testing
import Transport

/// The outbox dispatcher against local HTTP peers on 127.0.0.1: woken by the commit, failure classes,
/// `Retry-After`, peers that never wait for each other, and a backlog drained fast and in order.
@Suite(.serialized) struct OutboxDispatcherTests {
    @Test func aCommitWakesTheDispatcherAtOnce() async throws {
        let peer = try await TestHTTPPeer.start()
        defer { Task { await peer.stop() } }
        let library = try DeliveryTestLibrary(peers: [("lender", peer.endpoint)])
        // No polling to speak of (the poll interval is longer than any wait here): only the doorbell can
        // explain a delivery at all, let alone a prompt one.
        let dispatcher = library.dispatcher(pollInterval: .seconds(600))
        var latencies: [Duration] = []
        var bounds: [Duration] = []
        try await library.whileDispatching(dispatcher) {
            for number in 0..<11 {
                let submitted = ContinuousClock.now
                let committed = try await library.borrow(from: "lender", title: "Idle \(number)")
                try await eventually("delivery \(number)") { peer.received.count == number + 1 }
                let arrived = try #require(peer.received.last).at
                if number > 0 {  // the first one opens the connection
                    // From the staff action's return (the commit is just before it) to the peer's receipt; the
                    // bound from before the action includes the commit itself.
                    latencies.append(committed < arrived ? committed.duration(to: arrived) : .zero)
                    bounds.append(submitted.duration(to: arrived))
                }
                try await eventually("delivery \(number) recorded") { try await library.entries([.delivered]).count == number + 1 }
                try await Task.sleep(for: .milliseconds(50))  // idle between messages
            }
        }
        let sorted = latencies.sorted()
        let bound = bounds.sorted()
        print(
            "commit to the peer's receipt at idle: median \(sorted[sorted.count / 2]), max \(sorted.last ?? .zero); "
                + "from before the commit: median \(bound[bound.count / 2])"
        )
        // Alone on the machine the median is 2-4 ms. When the whole suite runs in parallel on two cores (or
        // the machine is shared) it is not idle: the lower quartile was 97 ms in such a run. The fastest of
        // the ten is the idle figure (a poll could not produce it: the interval is ten minutes), and the
        // median is held to a bound that any polling would miss (it reached 320 ms under a load average of 15).
        // "At idle": when the machine is busier than its cores (the rest of the suite in parallel, other jobs),
        // a scheduling delay can exceed 20 ms on every sample; the bound then is what a busy machine allows and
        // still far below any poll.
        let idleBound: Duration = Self.machineIsBusy ? .milliseconds(100) : .milliseconds(20)
        #expect(sorted[0] < idleBound, "fastest \(sorted[0]) with the machine \(Self.machineIsBusy ? "busy" : "idle")")
        #expect(sorted[sorted.count / 2] < .seconds(2))
    }

    /// Whether the one-minute load average exceeds the number of cores (Linux `/proc/loadavg`).
    static var machineIsBusy: Bool {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8),
            let first = text.split(separator: " ").first, let load = Double(first)
        else { return false }
        return load > Double(ProcessInfo.processInfo.activeProcessorCount)
    }

    @Test func aPermanentFailureDeadLettersAfterTheConfiguredTries() async throws {
        let peer = try await TestHTTPPeer.start { _ in .init(status: 404, headers: [], body: Array("no such endpoint".utf8)) }
        defer { Task { await peer.stop() } }
        let library = try DeliveryTestLibrary(peers: [("lender", peer.endpoint)])
        let policy = RetryPolicy(maximumAttempts: 12, permanentFailureAttempts: 3, initialDelay: 0.05, maximumDelay: 0.05, jitter: 0)
        try await library.whileDispatching(library.dispatcher(retryPolicy: policy)) {
            _ = try await library.borrow(from: "lender", title: "Gone")
            try await eventually("the dead letter") { try await !library.entries([.dead]).isEmpty }
        }
        let entry = try #require(try await library.entries([.dead]).first)
        #expect(entry.attempts == 3)
        #expect(peer.received.count == 3)
        #expect(entry.lastError?.hasPrefix("permanent: HTTP 404 no such endpoint") == true)
    }

    @Test func anErrorConfirmationIsRejectedAtOnceWithTheReason() async throws {
        let peer = try await TestHTTPPeer.start { _ in .init(status: 200, headers: [], body: TestHTTPPeer.confirmation(.error)) }
        defer { Task { await peer.stop() } }
        let library = try DeliveryTestLibrary(peers: [("lender", peer.endpoint)])
        try await library.whileDispatching(library.dispatcher()) {
            _ = try await library.borrow(from: "lender", title: "Refused")
            try await eventually("the rejection") { try await !library.entries([.rejected]).isEmpty }
        }
        let entry = try #require(try await library.entries([.rejected]).first)
        #expect(entry.attempts == 1)
        #expect(peer.received.count == 1)
        #expect(entry.lastError?.contains("supplyingAgencyId: not here") == true)
    }

    @Test func unavailableHonoursRetryAfterInSeconds() async throws {
        let peer = try await TestHTTPPeer.start { _ in .init(status: 503, headers: [("Retry-After", "2")], body: Array("busy".utf8)) }
        defer { Task { await peer.stop() } }
        let library = try DeliveryTestLibrary(peers: [("lender", peer.endpoint)])
        try await library.queueBacklog(transactions: 1, messagesEach: 1, to: "lender")
        let dispatcher = library.dispatcher(retryPolicy: RetryPolicy(initialDelay: 0.1, maximumDelay: 60, jitter: 0))
        let before = Date()
        let attempted = await dispatcher.deliverDueMessages()
        let after = Date()
        #expect(attempted == 1)
        let entry = try #require(try await library.entries([.pending]).first)
        #expect(entry.attempts == 1)
        #expect(entry.lastError?.hasPrefix("HTTP 503") == true)
        #expect(entry.nextAttemptAt >= before.addingTimeInterval(2))
        #expect(entry.nextAttemptAt <= after.addingTimeInterval(2))
        // Not due again before then.
        #expect(await dispatcher.deliverDueMessages() == 0)
        await dispatcher.shutdown()
    }

    @Test func tooManyRequestsWithoutRetryAfterBacksOff() async throws {
        let peer = try await TestHTTPPeer.start { _ in .init(status: 429, headers: [], body: []) }
        defer { Task { await peer.stop() } }
        let library = try DeliveryTestLibrary(peers: [("lender", peer.endpoint)])
        try await library.queueBacklog(transactions: 1, messagesEach: 1, to: "lender")
        let dispatcher = library.dispatcher(retryPolicy: RetryPolicy(maximumAttempts: 2, permanentFailureAttempts: 1, initialDelay: 30, jitter: 0))
        let before = Date()
        await dispatcher.deliverDueMessages()
        await dispatcher.shutdown()
        let entry = try #require(try await library.entries([.pending]).first)
        #expect(entry.attempts == 1)  // transient: the one permanent try does not apply
        #expect(entry.nextAttemptAt >= before.addingTimeInterval(30))
    }

    @Test("A refused connection fails at once, said plainly", arguments: ["http", "tcp"])
    func aRefusedConnectionFailsAtOnce(scheme: String) async throws {
        let closed = try await TestHTTPPeer.closedPort()
        let endpoint = scheme == "http" ? "http://127.0.0.1:\(closed)/iso18626" : "tcp://127.0.0.1:\(closed)"
        let library = try DeliveryTestLibrary(peers: [("down", URL(string: endpoint)!)])
        try await library.queueBacklog(transactions: 1, messagesEach: 1, to: "down")
        let dispatcher = library.dispatcher(retryPolicy: RetryPolicy())
        let started = ContinuousClock.now
        await dispatcher.deliverDueMessages()
        #expect(started.duration(to: .now) < .seconds(1))
        await dispatcher.shutdown()
        let entry = try #require(try await library.entries([.pending]).first)
        #expect(entry.attempts == 1)
        #expect(entry.nextAttemptAt > Date())
        // Said plainly: no nested NIO structures, no unbalanced parenthesis.
        let error = try #require(entry.lastError)
        let expected = scheme == "http" ? "POST \(endpoint): cannot connect: Connection refused" : "\(endpoint): cannot connect: Connection refused"
        #expect(error == expected, "\(error)")
    }

    @Test("A peer that does not answer the connection fails after its connect timeout, not its whole timeout",
          arguments: ["http", "tcp"])
    func anUnansweredConnectionFailsAfterTheConnectTimeout(scheme: String) async throws {
        let silent = try SilentPeer()
        let endpoint = scheme == "http" ? "http://127.0.0.1:\(silent.port)/iso18626" : "tcp://127.0.0.1:\(silent.port)"
        let library = try DeliveryTestLibrary(peers: [("silent", URL(string: endpoint)!)], timeout: 20, connectTimeout: 0.3)
        try await library.queueBacklog(transactions: 1, messagesEach: 1, to: "silent")
        let dispatcher = library.dispatcher(retryPolicy: RetryPolicy())
        let started = ContinuousClock.now
        await dispatcher.deliverDueMessages()
        let elapsed = started.duration(to: .now)
        #expect(elapsed >= .milliseconds(250) && elapsed < .seconds(5), "\(elapsed)")
        await dispatcher.shutdown()
        let entry = try #require(try await library.entries([.pending]).first)
        let error = entry.lastError ?? ""
        if scheme == "http" {
            #expect(error == "POST \(endpoint): cannot connect: no connection within 0.3 s (connect_timeout_seconds)", "\(error)")
        } else {
            #expect(error == "\(endpoint): cannot connect: no connection within 0.3 s (connect_timeout_seconds)", "\(error)")
        }
        withExtendedLifetime(silent) {}
    }

    @Test func aDeadPeerDoesNotDelayAHealthyOne() async throws {
        let healthy = try await TestHTTPPeer.start()
        defer { Task { await healthy.stop() } }
        let closed = try await TestHTTPPeer.closedPort()
        let library = try DeliveryTestLibrary(peers: [
            ("healthy", healthy.endpoint), ("dead", URL(string: "http://127.0.0.1:\(closed)/iso18626")!),
        ])
        try await library.queueBacklog(transactions: 1_000, messagesEach: 1, to: "dead")
        var delays: [Duration] = []
        try await library.whileDispatching(library.dispatcher(retryPolicy: RetryPolicy(initialDelay: 5))) {
            // The dead peer's queue is being worked through meanwhile.
            try await eventually("attempts at the dead peer") {
                try await library.entries([.pending]).contains { $0.attempts > 0 }
            }
            var commits: [ContinuousClock.Instant] = []
            for number in 0..<20 {
                commits.append(try await library.borrow(from: "healthy", title: "Healthy \(number)"))
                // New messages for the dead peer keep coming: they wait with the rest of its queue.
                _ = try await library.borrow(from: "dead", title: "Dead \(number)")
            }
            try await eventually("the healthy peer's messages") { healthy.received.count == 20 }
            let received = healthy.received
            for (number, committed) in commits.enumerated() {
                let arrived = try #require(received.first { $0.body.contains(">Healthy \(number)<") }).at
                delays.append(committed < arrived ? committed.duration(to: arrived) : .zero)
            }
        }
        let attempted = try await library.entries([.pending]).filter { $0.peerName == "dead" && $0.attempts > 0 }.count
        print("healthy peer with 1000 queued for a dead one: max commit to delivery \(delays.max() ?? .zero); dead-peer entries tried: \(attempted)")
        #expect(delays.count == 20)
        #expect(delays.allSatisfy { $0 < .seconds(1) })
        // A peer that does not answer costs a probe per backoff step, not an attempt per queued message, and
        // messages queued for it after the refusal wait too: at most its senders' messages on the wire when the
        // first refusal came back were tried.
        #expect(attempted >= 1)
        #expect(attempted <= 8, "\(attempted) of the dead peer's 1,000 messages were tried")
        let held = try await library.entries([.pending]).filter { $0.peerName == "dead" && $0.attempts == 0 }
        #expect(held.count >= 1_012)
    }

    @Test func ringsForAHeldPeerDoNotMakeTheDispatcherReadTheOutbox() async throws {
        let healthy = try await TestHTTPPeer.start()
        defer { Task { await healthy.stop() } }
        let closed = try await TestHTTPPeer.closedPort()
        let looks = Mutex(0)
        let library = try DeliveryTestLibrary(
            peers: [("healthy", healthy.endpoint), ("dead", URL(string: "http://127.0.0.1:\(closed)/iso18626")!)],
            statementObserver: { sql in
                if sql.contains("PARTITION BY d.peer_name") { looks.withLock { $0 += 1 } }
            }
        )
        try await library.whileDispatching(library.dispatcher(retryPolicy: RetryPolicy(initialDelay: 30))) {
            _ = try await library.borrow(from: "dead", title: "Refused")
            try await eventually("the refused attempt") {
                try await library.entries([.pending]).contains { $0.attempts > 0 }
            }
            // The dispatcher has looked after recording the refusal; let it settle into its wait (waiting on the
            // doorbell, and no look for a while).
            try await eventually("the dispatcher at rest") {
                let before = looks.withLock { $0 }
                try await Task.sleep(for: .milliseconds(200))
                return library.gateway.outboxDoorbell.waitingTasks == 1 && looks.withLock { $0 } == before
            }
            let atRest = looks.withLock { $0 }
            // Commits that queue messages only for the held peer (what Gateway.handle rings) are not work.
            for _ in 0..<50 {
                library.gateway.outboxDoorbell.ring(peers: ["dead"])
                await Task.yield()
            }
            try await Task.sleep(for: .milliseconds(200))
            #expect(looks.withLock { $0 } == atRest)
            // A ring that names a peer that is not held is.
            library.gateway.outboxDoorbell.ring(peers: ["dead", "healthy"])
            try await eventually("a look for the healthy peer") { looks.withLock { $0 } > atRest }
        }
    }

    @Test func aBacklogDrainsFastOnceAndInOrder() async throws {
        let peer = try await TestHTTPPeer.start()
        defer { Task { await peer.stop() } }
        let library = try DeliveryTestLibrary(peers: [("lender", peer.endpoint)])
        try await library.queueBacklog(transactions: 500, messagesEach: 4, to: "lender")
        var elapsed = Duration.zero
        try await library.whileDispatching(library.dispatcher()) {
            let started = ContinuousClock.now
            // The peer's count first (in memory), so that the wait itself does not load the machine.
            try await eventually(within: .seconds(60), "the backlog to arrive") { peer.received.count >= 2_000 }
            try await eventually(within: .seconds(60), "the backlog to be recorded") {
                try await library.entries([.pending]).isEmpty
            }
            elapsed = started.duration(to: .now)
        }
        print("2000 queued messages drained in \(elapsed)")
        // The figure (2.0-3.8 s in a debug build here, the peer's HTTP server in the same process) is reported by
        // the print above; the bound only catches a return to per-message polling or serial delivery (the polling
        // dispatcher this replaced took 20 s), with room for a machine busy with the rest of the suite.
        #expect(elapsed < .seconds(12))
        let received = peer.received.compactMap(\.backlogPlace)
        #expect(received.count == 2_000)
        #expect(try await library.entries([.delivered]).count == 2_000)
        let byTransaction = Dictionary(grouping: received, by: \.transaction).mapValues { $0.map(\.sequence) }
        #expect(byTransaction.count == 500)
        #expect(byTransaction.values.allSatisfy { $0 == [0, 1, 2, 3] })
    }

    @Test func retryAfterAsAnHTTPDate() {
        let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(PeerReply(statusCode: 503, body: [], retryAfter: "Wed, 21 Oct 2015 07:28:30 GMT").retryAfterInterval(now: now) == 30)
        #expect(PeerReply(statusCode: 503, body: [], retryAfter: "120").retryAfterInterval(now: now) == 120)
        #expect(PeerReply(statusCode: 503, body: [], retryAfter: "Wed, 21 Oct 2015 07:27:00 GMT").retryAfterInterval(now: now) == 0)
        #expect(PeerReply(statusCode: 503, body: [], retryAfter: "soon").retryAfterInterval(now: now) == nil)
        #expect(PeerReply(statusCode: 503, body: []).retryAfterInterval(now: now) == nil)
    }
}
