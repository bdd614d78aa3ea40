#if canImport(Glibc)
import Glibc
#endif

/// The listening sockets systemd passes to a socket-activated service (sd_listen_fds without libsystemd):
/// `$LISTEN_FDS` descriptors from 3 on, meant for us when `$LISTEN_PID` is our process id, named by
/// `$LISTEN_FDNAMES` (the socket units' `FileDescriptorName=`). illgate takes a socket named `http` for the
/// ISO 18626 HTTP listener and one named `tcp` for the TCP binding; a listener without one binds its
/// configured address itself.
public struct SystemdSocketActivation: Hashable, Sendable {
    /// The first descriptor systemd passes (`SD_LISTEN_FDS_START`).
    public static let firstDescriptor: CInt = 3

    /// The socket for the HTTP listener.
    public var http: CInt?
    /// The socket for the TCP listener.
    public var tcp: CInt?

    /// No inherited sockets.
    public init(http: CInt? = nil, tcp: CInt? = nil) {
        self.http = http
        self.tcp = tcp
    }

    /// Reads the variables; without `$LISTEN_PID`, or with another process's, there are no sockets for us.
    /// - Parameters:
    ///   - environment: the process environment.
    ///   - processID: our process id; `nil` reads it.
    /// - Throws: ``SocketActivationError`` when the variables are malformed, a name is unknown or repeated,
    ///   or a descriptor is not a listening stream socket.
    public init(environment: [String: String], processID: Int32? = nil) throws(SocketActivationError) {
        self.init()
        guard let pid = environment["LISTEN_PID"], Int32(pid) == (processID ?? getpid()) else { return }
        guard let countText = environment["LISTEN_FDS"], let count = Int(countText), count >= 0, count < 1024 else {
            throw SocketActivationError(.malformedVariable, "LISTEN_FDS must be a number of descriptors, found \"\(environment["LISTEN_FDS"] ?? "")\"")
        }
        let names: [String]
        if let text = environment["LISTEN_FDNAMES"] {
            names = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard names.count == count else {
                throw SocketActivationError(
                    .malformedVariable,
                    "LISTEN_FDNAMES names \(names.count) sockets (\"\(text)\") but LISTEN_FDS passes \(count)"
                )
            }
        } else {
            names = Array(repeating: "unknown", count: count)
        }
        for (offset, name) in names.enumerated() {
            let descriptor = Self.firstDescriptor + CInt(offset)
            let slot: WritableKeyPath<SystemdSocketActivation, CInt?>
            switch name {
            case "http": slot = \.http
            case "tcp": slot = \.tcp
            default:
                throw SocketActivationError(
                    .unknownName,
                    "descriptor \(descriptor) is named \"\(name)\"; illgate takes sockets named \"http\" and \"tcp\" (FileDescriptorName= in the socket unit)"
                )
            }
            guard self[keyPath: slot] == nil else {
                throw SocketActivationError(.duplicateName, "two sockets are named \"\(name)\" (descriptors \(self[keyPath: slot] ?? 0) and \(descriptor))")
            }
            try Self.checkListening(descriptor, name: name)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            self[keyPath: slot] = descriptor
        }
    }

    /// Refuses the sockets of listeners the configuration disables.
    /// - Throws: ``SocketActivationError/Code/listenerDisabled``.
    public func check(httpEnabled: Bool, tcpEnabled: Bool) throws(SocketActivationError) {
        if http != nil, !httpEnabled {
            throw SocketActivationError(.listenerDisabled, "systemd passes a socket named \"http\" but [http] enabled = false")
        }
        if tcp != nil, !tcpEnabled {
            throw SocketActivationError(.listenerDisabled, "systemd passes a socket named \"tcp\" but [tcp] enabled = false")
        }
    }

    private static func checkListening(_ descriptor: CInt, name: String) throws(SocketActivationError) {
        var type: CInt = 0
        var accepting: CInt = 0
        var length = socklen_t(MemoryLayout<CInt>.size)
        let typeRead = getsockopt(descriptor, SOL_SOCKET, SO_TYPE, &type, &length)
        length = socklen_t(MemoryLayout<CInt>.size)
        let acceptRead = getsockopt(descriptor, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &length)
        guard typeRead == 0, acceptRead == 0, type == CInt(SOCK_STREAM.rawValue), accepting != 0 else {
            throw SocketActivationError(
                .notAListeningSocket,
                "descriptor \(descriptor) (\"\(name)\") is not a listening stream socket (ListenStream= in the socket unit)"
            )
        }
    }
}
