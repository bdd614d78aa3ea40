import Testing
@testable import Transport

/// The connection caps and the refusal log's once-per-source-per-interval rule, as pure state machines.
@Suite struct ConnectionLimitsTests {
    @Test func theCapPerAddressSitsBelowTheTotal() {
        var limits = ConnectionLimits(maximumConnections: 3, maximumConnectionsPerAddress: 2)
        #expect(limits.open(from: "192.0.2.1") == nil)
        #expect(limits.open(from: "192.0.2.1") == nil)
        #expect(limits.open(from: "192.0.2.1") == .tooManyFromAddress)
        #expect(limits.open(from: "192.0.2.2") == nil)
        #expect(limits.open(from: "192.0.2.3") == .tooManyConnections)
        #expect(limits.openConnections == 3)
        limits.close(from: "192.0.2.1")
        #expect(limits.openConnections(from: "192.0.2.1") == 1)
        #expect(limits.open(from: "192.0.2.3") == nil)
        // A close for an address with nothing open changes nothing.
        limits.close(from: "198.51.100.9")
        #expect(limits.openConnections == 3)
    }

    @Test func aPerAddressCapAboveTheTotalIsLoweredToIt() {
        let limits = ConnectionLimits(maximumConnections: 4, maximumConnectionsPerAddress: 10)
        #expect(limits.maximumConnectionsPerAddress == 4)
        #expect(ConnectionLimits(maximumConnections: 0, maximumConnectionsPerAddress: 0).maximumConnections == 1)
    }

    @Test func refusalsAreLoggedOncePerSourcePerInterval() {
        var log = ConnectionRefusalLog(interval: .seconds(60))
        let start = ContinuousClock.now
        #expect(log.admit("192.0.2.1", at: start) == (true, 0))
        for second in 1...5 {
            #expect(log.admit("192.0.2.1", at: start + .seconds(second)) == (false, 0))
        }
        // Another source has its own interval.
        #expect(log.admit("192.0.2.2", at: start + .seconds(1)) == (true, 0))
        // Once the interval has passed, the next line says how many were left out.
        #expect(log.admit("192.0.2.1", at: start + .seconds(61)) == (true, 5))
        #expect(log.admit("192.0.2.1", at: start + .seconds(62)) == (false, 0))
    }

    @Test func manySourcesDoNotGrowTheLogWithoutBound() {
        var log = ConnectionRefusalLog(interval: .seconds(1))
        let start = ContinuousClock.now
        for number in 0..<5_000 {
            _ = log.admit("10.0.\(number / 256).\(number % 256)", at: start + .milliseconds(number * 10))
        }
        #expect(log.rememberedSources <= 1_124)
    }
}
