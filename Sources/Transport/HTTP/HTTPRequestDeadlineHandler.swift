import HTTPTypes
import Logging
import NIOCore
import NIOHTTPTypes

/// Gives every HTTP request a deadline for arriving in full, headers and body: the clock starts when the
/// connection opens, and again when the last response has been written, and stops when a request's end has
/// been read. When it runs out the connection is closed: a peer that sends its headers or body a byte at a
/// time cannot hold a connection longer than `requestTimeout`, however steadily it trickles.
///
/// While a request is being answered the clock is stopped (the wait is ours, not the peer's); the keep-alive
/// idle timeout of Hummingbird's `HTTPConnectionStateHandler` closes a connection that then sends nothing.
final class HTTPRequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let requestTimeout: TimeAmount
    private let transport: String
    private let logger: Logger
    /// Requests read in full less responses written in full: positive while we answer, negative while the
    /// rest of a request answered early (413, 415) is still arriving.
    private var unansweredRequests = 0
    private var deadline: Scheduled<Void>?

    /// Creates the handler.
    /// - Parameters:
    ///   - requestTimeout: how long a request may take to arrive.
    ///   - transport: `http` or `https`, for the metric.
    ///   - logger: for the close.
    init(requestTimeout: TimeAmount, transport: String, logger: Logger) {
        self.requestTimeout = requestTimeout
        self.transport = transport
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startClock(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopClock()
    }

    func channelActive(context: ChannelHandlerContext) {
        startClock(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopClock()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .end = unwrapInboundIn(data) {
            unansweredRequests += 1
            stopClock()
            // The end of a request answered early (413, 415) and read since: wait for the next request.
            if unansweredRequests <= 0 { startClock(context: context) }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            unansweredRequests -= 1
            if unansweredRequests <= 0 {
                stopClock()
                startClock(context: context)
            }
        }
        context.write(data, promise: promise)
    }

    private func startClock(context: ChannelHandlerContext) {
        guard deadline == nil else { return }
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: requestTimeout) {
            let (handler, context) = loopBound.value
            handler.deadline = nil
            TransportMetrics.connectionTimedOut(transport: handler.transport, reason: "request_timeout")
            handler.logger.debug("http request not received in time, closing", metadata: ["remote": "\(context.remoteAddress?.ipAddress ?? "unknown")"])
            context.close(promise: nil)
        }
    }

    private func stopClock() {
        deadline?.cancel()
        deadline = nil
    }
}

@available(*, unavailable)
extension HTTPRequestDeadlineHandler: Sendable {}
