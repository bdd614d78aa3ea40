/// A user event ``TCPFrameDecoder`` fires when the bytes it holds start a frame that is not yet complete
/// (``began``), and when it holds no such bytes any more (``ended``): the frame was completed, or nothing
/// but separators is left.
public enum TCPPartialFrameEvent: Hashable, Sendable {
    /// Part of a frame is buffered, waiting for the rest; the connection's framing (for the reply if it
    /// never completes).
    case began(TCPFrame.Mode)
    /// No partial frame is buffered.
    case ended
}
