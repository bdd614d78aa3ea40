import Hummingbird
import NIOCore

/// The request context of the ISO 18626 listener: Hummingbird's core context plus the connection, so the
/// handler can read the peer's address and TLS client certificate.
struct ISO18626RequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connection the request came on.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// The remote IP address, without the port.
    var remoteAddress: String? {
        channel.remoteAddress?.ipAddress
    }
}
