public import NIOCore

/// Writes ``TCPFrame``s in their framing: in length mode `<decimal length> LF <bytes>`, in XML mode the
/// document followed by a line feed (none is added when the document already ends with one).
public struct TCPFrameEncoder: MessageToByteEncoder {
    /// Frames written.
    public typealias OutboundIn = TCPFrame

    /// Creates an encoder.
    public init() {}

    /// Writes one frame.
    public func encode(data: TCPFrame, out: inout ByteBuffer) throws {
        switch data.mode {
        case .length:
            out.writeString(String(data.payload.readableBytes))
            out.writeInteger(TCPFramingBytes.lineFeed)
            out.writeImmutableBuffer(data.payload)
        case .xml:
            out.writeImmutableBuffer(data.payload)
            if data.payload.readableBytesView.last != TCPFramingBytes.lineFeed {
                out.writeInteger(TCPFramingBytes.lineFeed)
            }
        }
    }
}
