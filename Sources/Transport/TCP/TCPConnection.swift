import Foundation
import Gateway
import Logging
import NIOCore
import ServiceLifecycle

/// Serves one accepted TCP connection: answers its frames one at a time, in order, through the gateway.
///
/// Replies are written with `writeAndFlush` and awaited, so a reply has reached the socket before the next
/// frame is read or the connection is closed. Nothing thrown here leaves ``run()``: one connection's failure
/// never reaches the listener or other connections.
struct TCPConnection {
    let channel: NIOAsyncChannel<TCPFrame, Never>
    let gateway: Gateway
    let logger: Logger
    /// How long in-flight work may take after graceful shutdown before the connection is closed regardless.
    let drainTimeout: TimeAmount
    /// At graceful shutdown, how long a connection that has sent no message yet may take to send its first.
    var firstMessageGrace: TimeAmount = .seconds(1)
    /// How long to keep reading (and discarding) after a framing error reply, so that the peer reads the
    /// reply before the connection is reset by unread bytes.
    var lingerTimeout: TimeAmount = .seconds(1)

    /// The peer's IP address, for the gateway and the logs.
    var remoteAddress: String? {
        channel.channel.remoteAddress?.ipAddress
    }

    /// Serves the connection until the peer closes it, it fails, it idles out or the service shuts down.
    func run() async {
        let nioChannel = channel.channel
        let drain = TCPConnectionDrain()
        let drainTimeout = self.drainTimeout
        let firstMessageGrace = self.firstMessageGrace
        do {
            try await channel.executeThenClose { inbound, _ in
                try await withGracefulShutdownHandler {
                    try await serve(inbound, drain: drain)
                } onGracefulShutdown: {
                    switch drain.stop() {
                    case .closeNow:
                        nioChannel.close(promise: nil)
                    case .closeWhenAnswered:
                        nioChannel.eventLoop.scheduleTask(in: drainTimeout) { nioChannel.close(promise: nil) }
                    case .waitForFirstMessage:
                        nioChannel.eventLoop.scheduleTask(in: firstMessageGrace) {
                            if drain.closeIfStillWaiting() {
                                nioChannel.close(promise: nil)
                            } else {
                                nioChannel.eventLoop.scheduleTask(in: drainTimeout) { nioChannel.close(promise: nil) }
                            }
                        }
                    }
                }
            }
            logger.debug("tcp connection closed")
        } catch {
            logger.debug("tcp connection closed", metadata: ["error": "\(error)"])
        }
    }

    private func serve(_ inbound: NIOAsyncChannelInboundStream<TCPFrame>, drain: TCPConnectionDrain) async throws {
        var frames = inbound.makeAsyncIterator()
        do {
            while let frame = try await frames.next() {
                guard drain.beginMessage() else { return }
                guard try await answer(frame), drain.endMessage() else { return }
            }
        } catch let error as TCPFramingError {
            try await refuse(error)
        }
    }

    /// Hands one frame to the gateway and writes its reply.
    /// - Returns: whether the connection stays open.
    private func answer(_ frame: TCPFrame) async throws -> Bool {
        let started = ContinuousClock.now
        let context = PeerContext(authenticatedPeerName: nil, remoteAddress: remoteAddress, transport: "tcp")
        let reply = await gateway.handle(frame.bytes, from: context)
        InboundMessageLog.record(
            reply,
            transport: "tcp",
            remoteAddress: remoteAddress,
            latencyMilliseconds: Self.milliseconds(ContinuousClock.now - started),
            logger: logger
        )
        switch reply.body {
        case .confirmation(let confirmation):
            try await channel.channel.writeAndFlush(TCPFrame(mode: frame.mode, bytes: confirmation))
            return true
        case .notISO18626(let explanation):
            guard let confirmation = TCPErrorConfirmation.badlyFormedMessage(explanation) else { return false }
            try await channel.channel.writeAndFlush(TCPFrame(mode: frame.mode, bytes: confirmation))
            return true
        case .unavailable:
            // No reply: the peer sees the connection close without a confirmation and sends the message again.
            return false
        }
    }

    /// Answers a framing error with an ERROR confirmation, then closes the connection: first the output (so the
    /// peer sees the reply and the end), then, after reading and discarding for a moment, everything.
    private func refuse(_ error: TCPFramingError) async throws {
        // A frame that timed out is a slow or hostile peer, counted in the metrics; under a slow-connection attack
        // a line each would flood the log.
        let level: Logger.Level = if case .frameTimedOut = error.reason { .debug } else { .info }
        logger.log(level: level, "tcp framing error, closing", metadata: ["error": "\(error)"])
        guard let confirmation = TCPErrorConfirmation.badlyFormedMessage(error.description) else { return }
        let nioChannel = channel.channel
        try await nioChannel.writeAndFlush(TCPFrame(mode: error.mode ?? .xml, bytes: confirmation))
        try? await nioChannel.close(mode: .output)
        let lingerEnd = nioChannel.eventLoop.scheduleTask(in: lingerTimeout) { nioChannel.close(promise: nil) }
        try? await nioChannel.closeFuture.get()
        lingerEnd.cancel()
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }
}
