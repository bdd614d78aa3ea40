import Synchronization
import Testing

@testable import Gateway

/// One transaction's messages are decided one after another; different transactions' are not held up.
@Suite(.timeLimit(.minutes(1))) struct TransactionTurnsTests {
    final class Counter: Sendable {
        let value = Mutex(0)
    }

    final class Order: Sendable {
        let items = Mutex<[Int]>([])
    }

    @Test("Work for one key never overlaps: a read, a suspension and a write lose no update")
    func oneKeyIsSerial() async {
        let turns = TransactionTurns()
        let counter = Counter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    await turns.run("supplier|ISIL:US-BORR|R-1") {
                        let read = counter.value.withLock { $0 }
                        await Task.yield()
                        counter.value.withLock { $0 = read + 1 }
                    }
                }
            }
        }
        #expect(counter.value.withLock { $0 } == 200)
    }

    @Test("Work for another key runs while one key's work waits")
    func otherKeysDoNotWait() async {
        let turns = TransactionTurns()
        let (released, release) = AsyncStream<Void>.makeStream()
        let first = Task {
            await turns.run("supplier|A|1") {
                // Holds key A until key B's work has run: with one global lock this would never end.
                for await _ in released { break }
                return "A"
            }
        }
        let second = await turns.run("supplier|B|1") { () -> String in
            release.yield()
            return "B"
        }
        #expect(second == "B")
        #expect(await first.value == "A")
    }

    @Test("A key's waiters run in the order they came")
    func waitersRunInOrder() async {
        let turns = TransactionTurns()
        let order = Order()
        let (gate, open) = AsyncStream<Void>.makeStream()
        let holder = Task { await turns.run("k") { for await _ in gate { break } } }
        // Let the holder take the key first.
        for _ in 0..<1_000_000 where !turns.isBusy("k") { await Task.yield() }
        #expect(turns.isBusy("k"))
        var waiters: [Task<Void, Never>] = []
        for index in 0..<5 {
            waiters.append(Task { await turns.run("k") { order.items.withLock { $0.append(index) } } })
            for _ in 0..<1_000_000 where turns.waiting("k") < index + 1 { await Task.yield() }
            #expect(turns.waiting("k") == index + 1)
        }
        open.yield()
        await holder.value
        for waiter in waiters { await waiter.value }
        #expect(order.items.withLock { $0 } == [0, 1, 2, 3, 4])
    }
}
