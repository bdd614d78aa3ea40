public import NIOCore

/// One message on a TCP connection of the illgate binding, with the framing it arrived in (or is to be sent in).
///
/// The binding (see DESIGN.md §8) knows two framings, chosen by the first byte of a connection:
/// - ``Mode/xml``: each message is a complete XML document, ending where its root element ends;
/// - ``Mode/length``: each message is preceded by its length in ASCII decimal digits and a line feed.
///
/// Replies use the framing of the connection's requests.
public struct TCPFrame: Hashable, Sendable {
    /// How a frame is delimited on the wire.
    public enum Mode: String, Hashable, Sendable {
        /// One complete XML document per frame; replies are followed by a line feed.
        case xml
        /// `<decimal length> LF <bytes>` per frame (a CR before the LF is accepted).
        case length
    }

    /// The framing of the connection.
    public var mode: Mode
    /// The message bytes, without framing.
    public var payload: ByteBuffer

    /// Creates a frame from a buffer.
    /// - Parameters:
    ///   - mode: the framing to write it in.
    ///   - payload: the message bytes.
    public init(mode: Mode, payload: ByteBuffer) {
        self.mode = mode
        self.payload = payload
    }

    /// Creates a frame from bytes.
    /// - Parameters:
    ///   - mode: the framing to write it in.
    ///   - bytes: the message bytes.
    public init(mode: Mode, bytes: [UInt8]) {
        self.init(mode: mode, payload: ByteBuffer(bytes: bytes))
    }

    /// The message bytes as an array.
    public var bytes: [UInt8] {
        Array(payload.readableBytesView)
    }
}
