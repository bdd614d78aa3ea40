import Synchronization

/// Coordinates a connection's message loop with graceful shutdown: a message being answered is finished
/// and its reply written; a connection waiting for its next message is closed at once, except one that has
/// not sent its first message yet: it was accepted just before the shutdown and its message is probably on its
/// way, so it gets a moment to arrive (with socket activation the next process would otherwise have served it).
final class TCPConnectionDrain: Sendable {
    /// What graceful shutdown does with the connection.
    enum StopAction: Equatable {
        /// Between messages: close now.
        case closeNow
        /// Answering a message: close once its reply is written (or at the drain timeout).
        case closeWhenAnswered
        /// No message yet: wait a moment for the first one, then ``closeIfStillWaiting()``.
        case waitForFirstMessage
    }

    private struct State {
        var isAnswering = false
        var isStopping = false
        var messages = 0
    }

    private let state = Mutex(State())

    /// Called when a frame has arrived.
    /// - Returns: whether to answer it (`false` once shutdown has begun).
    func beginMessage() -> Bool {
        state.withLock { state in
            guard !state.isStopping || state.messages == 0 else { return false }
            state.isAnswering = true
            state.messages += 1
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
    func stop() -> StopAction {
        state.withLock { state in
            state.isStopping = true
            if state.isAnswering { return .closeWhenAnswered }
            return state.messages == 0 ? .waitForFirstMessage : .closeNow
        }
    }

    /// Called when the wait for a first message has passed.
    /// - Returns: whether no message has begun, so the connection can be closed now (otherwise it is being
    ///   answered and closes when the reply is written).
    func closeIfStillWaiting() -> Bool {
        state.withLock { state in state.messages == 0 }
    }
}
