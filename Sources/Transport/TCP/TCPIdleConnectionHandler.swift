import Logging
import NIOCore

/// Closes a connection when NIO's `IdleStateHandler` reports no traffic in either direction, unless a
/// message is being answered: it counts the frames read and the replies written, so a connection whose
/// reply is still being worked on is not idle.
final class TCPIdleConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = TCPFrame
    typealias InboundOut = TCPFrame
    typealias OutboundIn = TCPFrame
    typealias OutboundOut = TCPFrame

    private let logger: Logger
    private var unansweredFrames = 0

    init(logger: Logger) {
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

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let idle = event as? IdleStateHandler.IdleStateEvent, idle == .all else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        guard unansweredFrames == 0 else { return }
        logger.debug("tcp connection idle, closing")
        context.close(promise: nil)
    }
}

@available(*, unavailable)
extension TCPIdleConnectionHandler: Sendable {}
