import Synchronization

/// Keeps messages from senders we do not know from flooding the log: the first few each second get
/// their line, the rest are counted, and the next line that is let through says how many were left out.
final class StrangerLogLimiter: Sendable {
    /// Lines let through in one second.
    let linesPerSecond: Int
    private let state = Mutex(Window())

    private struct Window {
        var second: Int64 = .min
        var logged = 0
        var suppressed = 0
    }

    init(linesPerSecond: Int = 10) {
        self.linesPerSecond = max(1, linesPerSecond)
    }

    /// Whether this line may be written, and how many were left out before it (to say so on it).
    func admit(atSecond second: Int64) -> (admitted: Bool, suppressedBefore: Int) {
        state.withLock { window in
            if window.second != second {
                window.second = second
                window.logged = 0
            }
            guard window.logged < linesPerSecond else {
                window.suppressed += 1
                return (false, 0)
            }
            window.logged += 1
            let suppressed = window.suppressed
            window.suppressed = 0
            return (true, suppressed)
        }
    }
}
