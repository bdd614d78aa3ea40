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
///
/// It also holds back graceful shutdown's `ChannelShouldQuiesceEvent` (on which Hummingbird closes a connection
/// with no request in progress) from a connection that has not sent its first request yet, until that request's
/// head arrives or `firstRequestGrace` passes: such a connection was accepted just before the shutdown and its
/// request is probably on its way (with socket activation the next process would otherwise have served it).
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
    private let firstRequestGrace: TimeAmount
    private var requestHeadsRead = 0
    private var heldQuiesce: (event: ChannelShouldQuiesceEvent, release: Scheduled<Void>)?

    /// Creates the handler.
    /// - Parameters:
    ///   - requestTimeout: how long a request may take to arrive.
    ///   - transport: `http` or `https`, for the metric.
    ///   - firstRequestGrace: at graceful shutdown, how long a connection without a request yet may take to send one.
    ///   - logger: for the close.
    init(requestTimeout: TimeAmount, transport: String, firstRequestGrace: TimeAmount = .seconds(1), logger: Logger) {
        self.requestTimeout = requestTimeout
        self.firstRequestGrace = firstRequestGrace
        self.transport = transport
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startClock(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopClock()
        heldQuiesce?.release.cancel()
        heldQuiesce = nil
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
        switch unwrapInboundIn(data) {
        case .head:
            requestHeadsRead += 1
            context.fireChannelRead(data)
            releaseQuiesce(context: context)
            return
        case .end:
            unansweredRequests += 1
            stopClock()
            // The end of a request answered early (413, 415) and read since: wait for the next request.
            if unansweredRequests <= 0 { startClock(context: context) }
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let quiesce = event as? ChannelShouldQuiesceEvent, requestHeadsRead == 0, heldQuiesce == nil else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let release = context.eventLoop.scheduleTask(in: firstRequestGrace) {
            let (handler, context) = loopBound.value
            handler.releaseQuiesce(context: context)
        }
        heldQuiesce = (quiesce, release)
    }

    /// Passes on a held-back quiesce event: the first request's head has been passed on (so Hummingbird closes
    /// the connection once it is answered), or the grace has passed (so it closes it now).
    private func releaseQuiesce(context: ChannelHandlerContext) {
        guard let held = heldQuiesce else { return }
        heldQuiesce = nil
        held.release.cancel()
        context.fireUserInboundEventTriggered(held.event)
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
