import NIOCore
import Synchronization

/// Tells whoever waits (tests, the daemon's readiness notification) the address a ``TCPListener`` is bound to.
final class TCPListenerStartup: Sendable {
    private enum State {
        case starting(waiters: [CheckedContinuation<SocketAddress, any Error>])
        case listening(SocketAddress)
        case finished(TCPListenerError)
    }

    private let state = Mutex(State.starting(waiters: []))

    /// The bound address while listening.
    var address: SocketAddress? {
        state.withLock { state in
            if case .listening(let address) = state { return address }
            return nil
        }
    }

    /// Waits until the listener is bound.
    /// - Throws: ``TCPListenerError`` if it could not bind or has stopped.
    func waitUntilListening() async throws -> SocketAddress {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Result<SocketAddress, TCPListenerError>? = state.withLock { state in
                switch state {
                case .starting(var waiters):
                    waiters.append(continuation)
                    state = .starting(waiters: waiters)
                    return nil
                case .listening(let address):
                    return .success(address)
                case .finished(let error):
                    return .failure(error)
                }
            }
            if let ready { continuation.resume(with: ready) }
        }
    }

    /// Records that the listener is bound and wakes the waiters.
    func listening(on address: SocketAddress) {
        for waiter in transition(to: .listening(address)) { waiter.resume(returning: address) }
    }

    /// Records that the listener is not (or no longer) listening and wakes the waiters with the error.
    func finished(_ error: TCPListenerError) {
        for waiter in transition(to: .finished(error)) { waiter.resume(throwing: error) }
    }

    private func transition(to next: State) -> [CheckedContinuation<SocketAddress, any Error>] {
        state.withLock { state in
            defer { state = next }
            if case .starting(let waiters) = state { return waiters }
            return []
        }
    }
}
