public import NIOCore

/// Cuts the bytes of a TCP connection into ``TCPFrame``s, detecting the framing from the first byte.
///
/// - `<`, a UTF-8 byte order mark or XML white space: XML mode. Each frame is one complete XML document,
///   found with a scanner that follows tags, comments, CDATA sections, processing instructions and quoted
///   attribute values. White space (and a byte order mark) between documents is skipped.
/// - A digit: length mode. Each frame is an ASCII decimal length of at most 10 digits, LF (or CR LF), and
///   that many bytes.
/// - Anything else: ``TCPFramingError/Reason/notXML(firstByte:)``.
///
/// Frames larger than ``maximumFrameSize`` are refused as early as possible: in length mode as soon as the
/// length line says so, in XML mode as soon as more bytes are buffered than the limit without a complete
/// document. Every problem is thrown as a ``TCPFramingError``; the connection cannot continue after one.
///
/// When a frame has begun but is not yet complete, and again when it is, the decoder fires a
/// ``TCPPartialFrameEvent`` down the pipeline, so that a handler after it can give the frame a deadline.
public struct TCPFrameDecoder: ByteToMessageDecoder {
    /// Frames produced.
    public typealias InboundOut = TCPFrame

    /// The largest frame accepted, in bytes (without the length line).
    public let maximumFrameSize: Int
    /// The connection's framing, once its first byte has arrived.
    public private(set) var mode: TCPFrame.Mode?
    private var scanner = TCPXMLDocumentScanner()
    /// Whether a ``TCPPartialFrameEvent/began`` was fired and no ``TCPPartialFrameEvent/ended`` since.
    private var partialFrameReported = false

    /// Creates a decoder.
    /// - Parameter maximumFrameSize: the largest frame accepted, in bytes.
    public init(maximumFrameSize: Int) {
        self.maximumFrameSize = max(1, maximumFrameSize)
    }

    /// Decodes as many frames as the buffer holds.
    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = try nextFrame(from: &buffer) else {
            // Separators are consumed with each frame: what is left is the start of the next one.
            let partial = buffer.readableBytes > 0
            if partial != partialFrameReported {
                partialFrameReported = partial
                let event: TCPPartialFrameEvent = if partial, let mode { .began(mode) } else { .ended }
                context.fireUserInboundEventTriggered(event)
            }
            return .needMoreData
        }
        context.fireChannelRead(Self.wrapInboundOut(frame))
        return .continue
    }

    /// Decodes the frames left when the connection's input ends; a partial frame is a
    /// ``TCPFramingError/Reason/truncatedFrame(bufferedBytes:)``.
    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while let frame = try nextFrame(from: &buffer) {
            context.fireChannelRead(Self.wrapInboundOut(frame))
        }
        skipWhiteSpace(in: &buffer)
        if seenEOF, buffer.readableBytes > 0 {
            throw TCPFramingError(.truncatedFrame(bufferedBytes: buffer.readableBytes), mode: mode)
        }
        return .needMoreData
    }

    /// Takes the next complete frame from the buffer, or returns `nil` if more bytes are needed.
    /// - Parameter buffer: the connection's buffered bytes; a frame (and the white space before it) is
    ///   consumed from it.
    /// - Throws: ``TCPFramingError`` when the bytes cannot be framed.
    public mutating func nextFrame(from buffer: inout ByteBuffer) throws(TCPFramingError) -> TCPFrame? {
        let mode: TCPFrame.Mode
        if let known = self.mode {
            mode = known
        } else {
            guard let first = buffer.readableBytesView.first else { return nil }
            if first == TCPFramingBytes.lessThan || first == TCPFramingBytes.byteOrderMark[0]
                || TCPFramingBytes.isWhiteSpace(first)
            {
                mode = .xml
            } else if TCPFramingBytes.isDigit(first) {
                mode = .length
            } else {
                throw TCPFramingError(.notXML(firstByte: first), mode: nil)
            }
            self.mode = mode
        }
        switch mode {
        case .xml: return try nextDocument(from: &buffer)
        case .length: return try nextLengthPrefixedFrame(from: &buffer)
        }
    }

    // MARK: XML mode

    private mutating func nextDocument(from buffer: inout ByteBuffer) throws(TCPFramingError) -> TCPFrame? {
        if scanner.scannedBytes == 0 {
            guard try skipSeparator(in: &buffer) else { return nil }
        }
        let outcome = buffer.withUnsafeReadableBytes { scanner.scan($0) }
        switch outcome {
        case .complete(let length):
            guard length <= maximumFrameSize else {
                throw TCPFramingError(.frameTooLarge(declaredLength: nil, limit: maximumFrameSize), mode: .xml)
            }
            scanner.reset()
            guard let payload = buffer.readSlice(length: length) else { return nil }
            return TCPFrame(mode: .xml, payload: payload)
        case .needMoreData:
            if buffer.readableBytes > maximumFrameSize {
                throw TCPFramingError(.frameTooLarge(declaredLength: nil, limit: maximumFrameSize), mode: .xml)
            }
            return nil
        case .malformed(let detail):
            throw TCPFramingError(.malformedXML(detail), mode: .xml)
        }
    }

    /// Skips white space and byte order marks before a document.
    /// - Returns: whether a document's first byte is now at the reader index.
    private func skipSeparator(in buffer: inout ByteBuffer) throws(TCPFramingError) -> Bool {
        while true {
            skipWhiteSpace(in: &buffer)
            let view = buffer.readableBytesView
            guard let first = view.first else { return false }
            guard first == TCPFramingBytes.byteOrderMark[0] else { return true }
            let prefix = Array(view.prefix(TCPFramingBytes.byteOrderMark.count))
            guard TCPFramingBytes.byteOrderMark.starts(with: prefix) else {
                throw TCPFramingError(.malformedXML("an incomplete byte order mark"), mode: .xml)
            }
            guard prefix.count == TCPFramingBytes.byteOrderMark.count else { return false }
            buffer.moveReaderIndex(forwardBy: prefix.count)
        }
    }

    private func skipWhiteSpace(in buffer: inout ByteBuffer) {
        let count = buffer.readableBytesView.prefix(while: TCPFramingBytes.isWhiteSpace).count
        buffer.moveReaderIndex(forwardBy: count)
    }

    // MARK: Length mode

    /// The longest length line: 10 digits.
    private static let maximumDigits = 10

    private mutating func nextLengthPrefixedFrame(from buffer: inout ByteBuffer) throws(TCPFramingError) -> TCPFrame? {
        skipWhiteSpace(in: &buffer)
        let view = buffer.readableBytesView
        var length = 0
        var digits = 0
        var lineLength: Int?
        var index = view.startIndex
        while index < view.endIndex {
            let byte = view[index]
            if TCPFramingBytes.isDigit(byte) {
                digits += 1
                guard digits <= Self.maximumDigits else {
                    throw TCPFramingError(.badLengthLine("more than \(Self.maximumDigits) digits"), mode: .length)
                }
                length = length * 10 + Int(byte - TCPFramingBytes.zero)
                guard length <= maximumFrameSize else {
                    throw TCPFramingError(.frameTooLarge(declaredLength: length, limit: maximumFrameSize), mode: .length)
                }
                index += 1
            } else if byte == TCPFramingBytes.lineFeed {
                lineLength = index + 1 - view.startIndex
                break
            } else if byte == TCPFramingBytes.carriageReturn {
                guard index + 1 < view.endIndex else { return nil }
                guard view[index + 1] == TCPFramingBytes.lineFeed else {
                    throw TCPFramingError(.badLengthLine("CR not followed by LF"), mode: .length)
                }
                lineLength = index + 2 - view.startIndex
                break
            } else {
                throw TCPFramingError(
                    .badLengthLine("unexpected byte 0x\(String(byte, radix: 16, uppercase: true)) where a digit or LF belongs"),
                    mode: .length
                )
            }
        }
        guard let lineLength else { return nil }
        guard digits > 0 else { throw TCPFramingError(.badLengthLine("no digits"), mode: .length) }
        guard length > 0 else { throw TCPFramingError(.badLengthLine("a frame of length 0"), mode: .length) }
        guard buffer.readableBytes >= lineLength + length else { return nil }
        buffer.moveReaderIndex(forwardBy: lineLength)
        guard let payload = buffer.readSlice(length: length) else { return nil }
        return TCPFrame(mode: .length, payload: payload)
    }
}
