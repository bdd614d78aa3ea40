import NIOCore
import Testing
import Transport

/// The outbound TCP client's failures (its success is covered with the listener).
@Suite struct TCPPeerClientTests {
    private let message = Array("<a/>".utf8)

    @Test func refusedConnection() async throws {
        // A port that was just free: bind a server, note its port, close it.
        var port = 0
        // withServer returns once the listener is closed, so the port refuses connections from here on.
        try await TCPTestServer.withServer(.neverAnswer) { port = $0 }
        await #expect {
            _ = try await TCPPeerClient().send(message, host: "127.0.0.1", port: port, timeout: .seconds(2))
        } throws: { error in
            if case .connectFailed = error as? TCPPeerClientError { return true }
            return false
        }
    }

    @Test func timeoutWithoutReply() async throws {
        try await TCPTestServer.withServer(.neverAnswer) { port in
            let started = ContinuousClock.now
            await #expect(throws: TCPPeerClientError.timedOut(endpoint: "127.0.0.1:\(port)", timeout: .milliseconds(300))) {
                _ = try await TCPPeerClient().send(message, host: "127.0.0.1", port: port, timeout: .milliseconds(300))
            }
            // Only a bound against hanging: under a loaded CI machine the 300 ms timeout may fire late.
            #expect(ContinuousClock.now - started < .seconds(30))
        }
    }

    @Test func closedWithoutReply() async throws {
        try await TCPTestServer.withServer(.closeAfterReading) { port in
            await #expect(throws: TCPPeerClientError.closedWithoutReply(endpoint: "127.0.0.1:\(port)")) {
                _ = try await TCPPeerClient().send(message, host: "127.0.0.1", port: port, timeout: .seconds(30))
            }
        }
    }
}
