import Logging
import NIOCore

/// The two clocks of a TCP connection, both paused while a message is being answered (it counts the frames
/// read and the replies written, so a connection whose reply is still being worked on is waiting on us, not
/// on the peer):
/// - **idle**: when NIO's `IdleStateHandler` reports no traffic in either direction, the connection is closed;
/// - **partial frame**: a frame must be complete within `frameTimeout` of the ``TCPPartialFrameEvent/began``
///   that ``TCPFrameDecoder`` fires for it; otherwise a ``TCPFramingError/Reason/frameTimedOut(seconds:)`` is
///   raised, which the connection answers with an ERROR confirmation before it closes. A peer trickling a
///   frame a byte at a time therefore cannot hold a connection open longer than that.
final class TCPConnectionTimeoutHandler: ChannelDuplexHandler {
    typealias InboundIn = TCPFrame
    typealias InboundOut = TCPFrame
    typealias OutboundIn = TCPFrame
    typealias OutboundOut = TCPFrame

    private let logger: Logger
    private let frameTimeout: TimeAmount?
    private var unansweredFrames = 0
    private var frameDeadline: Scheduled<Void>?
    private var mode: TCPFrame.Mode?

    /// Creates the handler.
    /// - Parameters:
    ///   - frameTimeout: how long a begun frame may take to complete; `nil` for no limit.
    ///   - logger: for the close.
    init(frameTimeout: TimeAmount?, logger: Logger) {
        self.frameTimeout = frameTimeout
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        unansweredFrames += 1
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        unansweredFrames = max(unansweredFrames - 1, 0)
        context.write(data, promise: promise)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelFrameDeadline()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelFrameDeadline()
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let partial as TCPPartialFrameEvent:
            switch partial {
            case .began(let mode):
                self.mode = mode
                scheduleFrameDeadline(context: context)
            case .ended: cancelFrameDeadline()
            }
        case let idle as IdleStateHandler.IdleStateEvent where idle == .all:
            guard unansweredFrames == 0 else { return }
            logger.debug("tcp connection idle, closing")
            context.close(promise: nil)
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    private func scheduleFrameDeadline(context: ChannelHandlerContext) {
        guard let frameTimeout, frameDeadline == nil else { return }
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        frameDeadline = context.eventLoop.scheduleTask(in: frameTimeout) {
            let (handler, context) = loopBound.value
            handler.frameDeadline = nil
            handler.frameDeadlinePassed(context: context)
        }
    }

    private func frameDeadlinePassed(context: ChannelHandlerContext) {
        guard let frameTimeout else { return }
        // While we answer, the rest of the frame may simply not have been read yet: wait another period.
        guard unansweredFrames == 0 else {
            scheduleFrameDeadline(context: context)
            return
        }
        let seconds = Double(frameTimeout.nanoseconds) / 1e9
        TransportMetrics.connectionTimedOut(transport: "tcp", reason: "frame_timeout")
        context.fireErrorCaught(TCPFramingError(.frameTimedOut(seconds: seconds), mode: mode))
    }

    private func cancelFrameDeadline() {
        frameDeadline?.cancel()
        frameDeadline = nil
    }
}

@available(*, unavailable)
extension TCPConnectionTimeoutHandler: Sendable {}
