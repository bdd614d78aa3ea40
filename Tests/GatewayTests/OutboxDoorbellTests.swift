import Foundation
import Gateway
import Testing

@Suite struct OutboxDoorbellTests {
    @Test func aRingBeforeTheWaitIsKeptAndRingsCoalesce() async {
        let doorbell = OutboxDoorbell()
        doorbell.ring()
        doorbell.ring()
        #expect(await doorbell.wait(until: .now + .seconds(10)))
        // The two rings were one: the next wait runs to its deadline.
        #expect(await !doorbell.wait(until: .now + .milliseconds(20)))
    }

    @Test func aRingWakesAWaitingTask() async {
        let doorbell = OutboxDoorbell()
        let waiter = Task { await doorbell.wait(until: .now + .seconds(30)) }
        await doorbell.untilSomeoneWaits()
        doorbell.ring()
        #expect(await waiter.value)
        #expect(doorbell.waitingTasks == 0)
    }

    @Test func theDeadlineEndsTheWait() async {
        let doorbell = OutboxDoorbell()
        let started = ContinuousClock.now
        #expect(await !doorbell.wait(until: .now + .milliseconds(50)))
        #expect(started.duration(to: .now) >= .milliseconds(50))
    }

    @Test func cancellationEndsTheWait() async {
        let doorbell = OutboxDoorbell()
        let waiter = Task { await doorbell.wait(until: .now + .seconds(30)) }
        await doorbell.untilSomeoneWaits()
        waiter.cancel()
        #expect(await !waiter.value)
    }

    @Test func ringsNameTheirPeersUntilOneNamesNone() async {
        let doorbell = OutboxDoorbell()
        doorbell.ring(peers: ["lender-a"])
        doorbell.ring(peers: ["lender-b"])
        #expect(await doorbell.wait(until: .now + .seconds(10)))
        #expect(doorbell.takeRungPeers() == ["lender-a", "lender-b"])
        // Taken: the next rings start afresh, and a ring naming no peer means any queue may have changed.
        doorbell.ring(peers: ["lender-a"])
        doorbell.ring()
        #expect(await doorbell.wait(until: .now + .seconds(10)))
        #expect(doorbell.takeRungPeers() == nil)
        #expect(doorbell.takeRungPeers() == [])
    }

    @Test func aRingForNoPeerDoesNotWake() async {
        let doorbell = OutboxDoorbell()
        doorbell.ring(peers: [])
        #expect(await !doorbell.wait(until: .now + .milliseconds(20)))
    }
}

extension OutboxDoorbell {
    /// Returns once a task is waiting on the doorbell (yielding meanwhile, never sleeping).
    func untilSomeoneWaits() async {
        while waitingTasks == 0 { await Task.yield() }
    }
}
