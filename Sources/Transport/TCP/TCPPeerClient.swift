public import NIOCore
import NIOPosix

/// Sends one message to a peer over the illgate TCP binding (`tcp://host:port` endpoints) and returns its
/// reply: one connection per message, length-mode framing, one reply frame, then the connection is closed.
public struct TCPPeerClient: Sendable {
    /// The largest reply accepted, in bytes.
    public var maximumReplySize: Int
    private let eventLoopGroup: any EventLoopGroup

    /// Creates a client.
    /// - Parameters:
    ///   - maximumReplySize: the largest reply accepted, in bytes.
    ///   - eventLoopGroup: the NIO event loops; `nil` uses `MultiThreadedEventLoopGroup.singleton`.
    public init(maximumReplySize: Int = 1 << 20, eventLoopGroup: (any EventLoopGroup)? = nil) {
        self.maximumReplySize = maximumReplySize
        self.eventLoopGroup = eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton
    }

    /// Sends a message and waits for the reply.
    /// - Parameters:
    ///   - message: the ISO 18626 XML document.
    ///   - host: the peer's host name or address.
    ///   - port: the peer's port.
    ///   - timeout: how long connecting, sending and receiving the reply may take in all.
    ///   - connectTimeout: how long establishing the connection may take, within `timeout` (a refused
    ///     connection fails at once whatever this is).
    /// - Returns: the reply's bytes (the peer's confirmation).
    /// - Throws: ``TCPPeerClientError``.
    public func send(
        _ message: [UInt8],
        host: String,
        port: Int,
        timeout: Duration,
        connectTimeout: Duration? = nil
    ) async throws(TCPPeerClientError) -> [UInt8] {
        let endpoint = "\(host):\(port)"
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        let maximumReplySize = maximumReplySize
        let channel: NIOAsyncChannel<TCPFrame, Never>
        do {
            channel = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(TimeAmount(min(timeout, connectTimeout ?? timeout)))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        try pipeline.addHandler(ByteToMessageHandler(TCPFrameDecoder(maximumFrameSize: maximumReplySize)))
                        try pipeline.addHandler(MessageToByteHandler(TCPFrameEncoder()))
                        return try NIOAsyncChannel<TCPFrame, Never>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch ChannelError.connectTimeout(let limit) {
            throw .connectFailed(endpoint: endpoint, reason: DeliveryErrorText.noConnection(within: .nanoseconds(limit.nanoseconds)))
        } catch {
            throw .connectFailed(endpoint: endpoint, reason: DeliveryErrorText.connectFailure(error))
        }

        let nioChannel = channel.channel
        let expiry = nioChannel.eventLoop.scheduleTask(deadline: deadline) { nioChannel.close(promise: nil) }
        defer { expiry.cancel() }
        do {
            return try await channel.executeThenClose { replies, _ in
                try await nioChannel.writeAndFlush(TCPFrame(mode: .length, bytes: message))
                var iterator = replies.makeAsyncIterator()
                guard let reply = try await iterator.next() else {
                    throw TCPPeerClientError.closedWithoutReply(endpoint: endpoint)
                }
                return reply.bytes
            }
        } catch let error as TCPFramingError {
            throw .badReply(endpoint: endpoint, error)
        } catch {
            if NIODeadline.now() >= deadline { throw .timedOut(endpoint: endpoint, timeout: timeout) }
            if let error = error as? TCPPeerClientError { throw error }
            throw .connectionFailed(endpoint: endpoint, reason: "\(error)")
        }
    }
}
