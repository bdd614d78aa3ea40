import Synchronization

/// Coordinates a connection's message loop with graceful shutdown: a message being answered is finished
/// and its reply written; a connection waiting for its next message is closed at once.
final class TCPConnectionDrain: Sendable {
    private struct State {
        var isAnswering = false
        var isStopping = false
    }

    private let state = Mutex(State())

    /// Called when a frame has arrived.
    /// - Returns: whether to answer it (`false` once shutdown has begun).
    func beginMessage() -> Bool {
        state.withLock { state in
            guard !state.isStopping else { return false }
            state.isAnswering = true
            return true
        }
    }

    /// Called when a reply has been written.
    /// - Returns: whether to wait for the next frame (`false` once shutdown has begun).
    func endMessage() -> Bool {
        state.withLock { state in
            state.isAnswering = false
            return !state.isStopping
        }
    }

    /// Called on graceful shutdown.
    /// - Returns: whether the connection is between messages and can be closed now.
    func stop() -> Bool {
        state.withLock { state in
            state.isStopping = true
            return !state.isAnswering
        }
    }
}
