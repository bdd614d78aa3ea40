/// Why the bytes on a TCP connection could not be cut into frames. The connection cannot be resynchronised
/// after any of these: the listener answers with an ERROR confirmation naming the problem and closes.
public struct TCPFramingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Hashable, Sendable {
        /// The connection started with a byte that is neither XML (`<`, a UTF-8 byte order mark, white space)
        /// nor a length line (a digit).
        case notXML(firstByte: UInt8)
        /// A frame is larger than the limit. `declaredLength` is the length line's value in length mode;
        /// `nil` in XML mode, where the document was still incomplete when the buffered bytes passed the limit.
        case frameTooLarge(declaredLength: Int?, limit: Int)
        /// The length line is not 1 to 10 decimal digits followed by LF or CR LF, or declares zero bytes.
        case badLengthLine(String)
        /// The bytes cannot be the start of an XML document (text outside the root element, a stray end tag).
        case malformedXML(String)
        /// The connection ended inside a frame.
        case truncatedFrame(bufferedBytes: Int)
        /// A frame begun was not completed within the listener's `frame_timeout_seconds`.
        case frameTimedOut(seconds: Double)
    }

    /// What was wrong.
    public var reason: Reason
    /// The framing of the connection, when it was already known; replies use it.
    public var mode: TCPFrame.Mode?

    /// Creates an error.
    /// - Parameters:
    ///   - reason: what was wrong.
    ///   - mode: the connection's framing, if known.
    public init(_ reason: Reason, mode: TCPFrame.Mode?) {
        self.reason = reason
        self.mode = mode
    }

    /// A short explanation for the peer (it becomes the `errorValue` of the ERROR confirmation) and the log.
    public var description: String {
        switch reason {
        case .notXML(let byte):
            "frame: the connection starts with byte 0x\(String(byte, radix: 16, uppercase: true)), "
                + "which begins neither an XML document nor a length line"
        case .frameTooLarge(let declared?, let limit):
            "frame: declared length \(declared) exceeds the maximum of \(limit) bytes"
        case .frameTooLarge(nil, let limit):
            "frame: the XML document exceeds the maximum of \(limit) bytes"
        case .badLengthLine(let detail):
            "frame: bad length line: \(detail)"
        case .malformedXML(let detail):
            "frame: not an XML document: \(detail)"
        case .truncatedFrame(let count):
            "frame: the connection ended inside a frame (\(count) bytes unanswered)"
        case .frameTimedOut(let seconds):
            "frame: the frame was not complete within \(seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)) seconds of its first byte"
        }
    }
}
