#if os(Linux)
import Glibc
#endif
import Foundation
import ISO18626
import Logging
import NIOCore
import Testing
import Transport

/// The TCP listener against a real gateway on a temporary SQLite file, over 127.0.0.1.
@Suite struct TCPListenerTests {
    let library: TCPTestLibrary

    init() throws {
        library = try TCPTestLibrary()
    }

    @Test func twoRequestsInXMLModeAreConfirmedInOrder() async throws {
        try await library.withListener { port, _ in
            let connection = try await TCPTestConnection.connect(port: port)
            try await connection.use { replies in
                // Both documents in one write, with the line feed a peer would put between them.
                try await connection.send(try TCPTestLibrary.request("X-1") + Array("\n".utf8) + TCPTestLibrary.request("X-2"))
                let first = try await replies.next()
                let second = try await replies.next()
                #expect(first.mode == .xml && second.mode == .xml)
                let confirmations = try [first, second].map { try TCPTestLibrary.requestConfirmation($0.bytes) }
                #expect(confirmations.map(\.confirmationHeader.requestingAgencyRequestID) == ["X-1", "X-2"])
                #expect(confirmations.allSatisfy { $0.confirmationHeader.messageStatus == .ok })
                // The connection stays open for more.
                try await connection.send(try TCPTestLibrary.request("X-3"))
                #expect(try TCPTestLibrary.requestConfirmation(try await replies.next().bytes).confirmationHeader.requestingAgencyRequestID == "X-3")
            }
        }
    }

    @Test func lengthModeOverOneConnectionAndThroughThePeerClient() async throws {
        try await library.withListener { port, _ in
            let connection = try await TCPTestConnection.connect(port: port)
            try await connection.use { replies in
                var stream: [UInt8] = []
                for id in ["L-1", "L-2"] {
                    let request = try TCPTestLibrary.request(id)
                    stream += Array("\(request.count)\r\n".utf8) + request
                }
                try await connection.send(stream)
                // Half-close: the listener still answers everything it received, then closes.
                try await connection.finishSending()
                let frames = await replies.untilClosed()
                #expect(frames.map(\.mode) == [.length, .length])
                let ids = try frames.map { try TCPTestLibrary.requestConfirmation($0.bytes).confirmationHeader.requestingAgencyRequestID }
                #expect(ids == ["L-1", "L-2"])
            }

            let client = TCPPeerClient()
            for id in ["P-1", "P-2"] {
                let reply = try await client.send(try TCPTestLibrary.request(id), host: "127.0.0.1", port: port, timeout: .seconds(30))
                let confirmation = try TCPTestLibrary.requestConfirmation(reply)
                #expect(confirmation.confirmationHeader.requestingAgencyRequestID == id)
                #expect(confirmation.confirmationHeader.messageStatus == .ok)
            }
        }
    }

    @Test func notISO18626FrameGetsAnErrorConfirmationAndTheConnectionStaysOpen() async throws {
        try await library.withListener { port, _ in
            let connection = try await TCPTestConnection.connect(port: port)
            try await connection.use { replies in
                try await connection.send("<hello>world</hello>")
                let refusal = try TCPTestLibrary.requestConfirmation(try await replies.next().bytes)
                #expect(refusal.confirmationHeader.messageStatus == .error)
                #expect(refusal.errorData.first?.errorType == .badlyFormedMessage)
                #expect(refusal.errorData.first?.errorValue?.isEmpty == false)
                try await connection.send(try TCPTestLibrary.request("N-1"))
                #expect(try TCPTestLibrary.requestConfirmation(try await replies.next().bytes).confirmationHeader.messageStatus == .ok)
            }
        }
    }

    @Test func oversizeFramesAreRefusedAndTheConnectionClosed() async throws {
        try await library.withListener(maximumFrameSize: 4096) { port, _ in
            // Length mode: refused on the length line alone.
            let lengthConnection = try await TCPTestConnection.connect(port: port)
            try await lengthConnection.use { replies in
                try await lengthConnection.send("5000\n")
                let frames = await replies.untilClosed()
                #expect(frames.map(\.mode) == [.length])
                let refusal = try TCPTestLibrary.requestConfirmation(try #require(frames.first).bytes)
                #expect(refusal.confirmationHeader.messageStatus == .error)
                #expect(refusal.errorData.first?.errorType == .badlyFormedMessage)
                #expect(refusal.errorData.first?.errorValue == "frame: declared length 5000 exceeds the maximum of 4096 bytes")
            }
            // XML mode: refused once more than the limit is buffered, after the good message before it.
            let xmlConnection = try await TCPTestConnection.connect(port: port)
            try await xmlConnection.use { replies in
                try await xmlConnection.send(try TCPTestLibrary.request("O-1"))
                try await xmlConnection.send("<request>" + String(repeating: "x", count: 5000))
                let frames = await replies.untilClosed()
                #expect(frames.count == 2)
                let confirmations = try frames.map { try TCPTestLibrary.requestConfirmation($0.bytes) }
                #expect(confirmations.first?.confirmationHeader.messageStatus == .ok)
                #expect(confirmations.last?.errorData.first?.errorValue == "frame: the XML document exceeds the maximum of 4096 bytes")
            }
        }
    }

    @Test func garbageIsAnsweredInXMLAndClosed() async throws {
        try await library.withListener { port, _ in
            let connection = try await TCPTestConnection.connect(port: port)
            try await connection.use { replies in
                try await connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                let frames = await replies.untilClosed()
                #expect(frames.map(\.mode) == [.xml])
                let refusal = try TCPTestLibrary.requestConfirmation(try #require(frames.first).bytes)
                #expect(refusal.errorData.first?.errorValue?.hasPrefix("frame: the connection starts with byte 0x47") == true)
            }
        }
    }

    @Test func connectionsOverTheLimitAreClosedAtOnce() async throws {
        try await library.withListener(maximumConnections: 2) { port, listener in
            let first = try await TCPTestConnection.connect(port: port)
            let second = try await TCPTestConnection.connect(port: port)
            try await waitUntil { listener.openConnectionCount == 2 }
            let third = try await TCPTestConnection.connect(port: port)
            let refused = try await third.use { replies in await replies.untilClosed() }
            #expect(refused.isEmpty)
            #expect(listener.openConnectionCount == 2)

            // The two accepted connections work; when one closes, there is room again.
            try await second.use { replies in
                try await second.send(try TCPTestLibrary.request("C-2"))
                #expect(try TCPTestLibrary.requestConfirmation(try await replies.next().bytes).confirmationHeader.messageStatus == .ok)
            }
            try await waitUntil { listener.openConnectionCount == 1 }
            let fourth = try await TCPTestConnection.connect(port: port)
            try await fourth.use { replies in
                try await fourth.send(try TCPTestLibrary.request("C-4"))
                #expect(try TCPTestLibrary.requestConfirmation(try await replies.next().bytes).confirmationHeader.messageStatus == .ok)
            }
            try await first.use { _ in }
        }
    }

    @Test func oneAddressCannotTakeEveryConnection() async throws {
        try await library.withListener(maximumConnections: 3, maximumConnectionsPerAddress: 2) { port, listener in
            let first = try await TCPTestConnection.connect(port: port)
            let second = try await TCPTestConnection.connect(port: port)
            try await waitUntil { listener.openConnectionCount == 2 }
            // A third from the same address is closed at once; another address still gets in.
            let third = try await TCPTestConnection.connect(port: port)
            #expect(try await third.use { replies in await replies.untilClosed() }.isEmpty)
            let other = try await TCPTestConnection.connect(port: port, from: "127.0.0.2")
            try await other.use { replies in
                try await other.send(try TCPTestLibrary.request("D-1"))
                #expect(try TCPTestLibrary.requestConfirmation(try await replies.next().bytes).confirmationHeader.messageStatus == .ok)
            }
            try await first.use { _ in }
            try await second.use { _ in }
            try await waitUntil { listener.openConnectionCount == 0 }
        }
    }

    /// A frame trickled a byte at a time never lets the connection go idle; its deadline still passes.
    @Test(arguments: [TCPFrame.Mode.length, .xml])
    func aTrickledFrameIsRefusedAtItsDeadline(_ mode: TCPFrame.Mode) async throws {
        let deadline = Duration.seconds(2)
        try await library.withListener(idleTimeout: 30, frameTimeout: 2) { port, listener in
            let connection = try await TCPTestConnection.connect(port: port)
            let request = try TCPTestLibrary.request("F-1")
            let bytes = mode == .length ? Array("\(request.count)\n".utf8) + request : request
            // Measured from before the trickle's first byte is sent, so the close comes after the deadline.
            var started = ContinuousClock.now
            let frames = try await connection.use { replies in
                // A complete message first: answered, and its time does not count against the next frame.
                try await connection.send(mode == .length ? Array("\(request.count)\n".utf8) + request : request)
                #expect(try TCPTestLibrary.requestConfirmation(try await replies.next().bytes).confirmationHeader.messageStatus == .ok)
                started = ContinuousClock.now
                let trickle = Task {
                    for byte in bytes.dropLast() {
                        try await connection.send([byte])
                        try await Task.sleep(for: .milliseconds(100))
                    }
                }
                defer { trickle.cancel() }
                return await replies.untilClosed()
            }
            let open = ContinuousClock.now - started
            #expect(frames.map(\.mode) == [mode])
            let refusal = try TCPTestLibrary.requestConfirmation(try #require(frames.first).bytes)
            #expect(refusal.confirmationHeader.messageStatus == .error)
            #expect(refusal.errorData.first?.errorType == .badlyFormedMessage)
            #expect(refusal.errorData.first?.errorValue == "frame: the frame was not complete within 2 seconds of its first byte")
            #expect(open >= deadline && open < deadline + .seconds(10), "closed after \(open)")
            try await waitUntil { listener.openConnectionCount == 0 }
        }
    }

    @Test func idleConnectionIsClosed() async throws {
        let idleTimeout = Duration.seconds(2)
        try await library.withListener(idleTimeout: 2) { port, listener in
            // The idle clock starts when the listener accepts the connection, which can be well before this
            // task runs again after `connect` returns: on a loaded machine the test's task may wait for a thread
            // longer than the timeout while the event loops go on. The listener is then right to close before
            // our request arrives, so such an attempt is checked for exactly that (at least the timeout since we
            // began connecting) and tried again.
            var answeredAttempts = 0
            for attempt in 1...3 where answeredAttempts == 0 {
                let connecting = ContinuousClock.now
                let connection = try await TCPTestConnection.connect(port: port)
                try await connection.use { replies in
                    let sent = ContinuousClock.now
                    try await connection.send(try TCPTestLibrary.request("I-\(attempt)"))
                    let reply: TCPFrame
                    do {
                        reply = try await replies.next()
                    } catch {
                        #expect(ContinuousClock.now - connecting >= idleTimeout, "closed before the timeout without answering: \(error)")
                        return
                    }
                    #expect(try TCPTestLibrary.requestConfirmation(reply.bytes).confirmationHeader.messageStatus == .ok)
                    #expect(await replies.untilClosed().isEmpty)
                    // The listener's last traffic was its reply, written after we sent: the close comes at least
                    // the timeout after our send (measured from when the reply arrived it could look shorter).
                    let quiet = ContinuousClock.now - sent
                    #expect(quiet >= idleTimeout - .milliseconds(50) && quiet < .seconds(60), "closed for idleness after the reply, not hung")
                    answeredAttempts += 1
                }
            }
            #expect(answeredAttempts == 1)
            try await waitUntil { listener.openConnectionCount == 0 }
        }
    }

    @Test func listenerReportsItsAddress() async throws {
        try await library.withListener { port, listener in
            #expect(port > 0)
            #expect(listener.localAddress?.port == port)
            let address = try await listener.waitUntilListening()
            #expect(address.port == port)
        }
    }

    @Test func bindFailureIsReportedToWaiters() async throws {
        try await library.withListener { port, _ in
            var logger = Logger(label: "illgate.tcp.test")
            logger.logLevel = .critical
            let second = TCPListener(configuration: TCPListenerConfiguration(host: "127.0.0.1", port: port), gateway: library.gateway, logger: logger)
            await #expect(throws: TCPListenerError.self) { try await second.run() }
            await #expect(throws: TCPListenerError.self) { try await second.waitUntilListening() }
        }
    }

    #if os(Linux)
    @Test func inheritedSocketDescriptorAsFromSystemdSocketActivation() async throws {
        let descriptor = try Self.listeningSocket()
        var logger = Logger(label: "illgate.tcp.test")
        logger.logLevel = .critical
        let listener = TCPListener(
            configuration: TCPListenerConfiguration(host: "ignored", port: 1),
            socketDescriptor: descriptor,
            gateway: library.gateway,
            logger: logger
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await listener.run() }
            let port = try #require(try await listener.waitUntilListening().port)
            let reply = try await TCPPeerClient().send(try TCPTestLibrary.request("S-1"), host: "127.0.0.1", port: port, timeout: .seconds(30))
            #expect(try TCPTestLibrary.requestConfirmation(reply).confirmationHeader.messageStatus == .ok)
            group.cancelAll()
        }
    }

    /// A socket bound to 127.0.0.1 on a free port and listening, as systemd hands one over.
    private static func listeningSocket() throws -> CInt {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TCPTestFailure("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw TCPTestFailure("bind() or listen() failed")
        }
        return descriptor
    }
    #endif

    /// Polls a condition every 10 ms for up to 5 s.
    private func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<500 {
            if condition() { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw TCPTestFailure("condition not met in time")
    }
}
