#if canImport(Glibc)
import Glibc
#endif
// `timespec` is owned by Dispatch's C module in this toolchain; member visibility needs it imported.
#if canImport(CDispatch)
import CDispatch
#endif

/// Tells systemd about the daemon's state through `$NOTIFY_SOCKET` (sd_notify without libsystemd): one
/// datagram per message. A no-op when the variable is not set (not running under `Type=notify`).
public struct SystemdNotifier: Sendable {
    private let socketPath: String?

    /// Reads `NOTIFY_SOCKET` from the environment.
    public init(environment: [String: String]) {
        let path = environment["NOTIFY_SOCKET"]
        socketPath = (path?.isEmpty ?? true) ? nil : path
    }

    /// Whether a notification socket is configured.
    public var isEnabled: Bool { socketPath != nil }

    /// `READY=1` with a status line for `systemctl status`.
    public func ready(status: String) { send("READY=1\nSTATUS=\(status)") }

    /// `STOPPING=1`: shutdown has begun.
    public func stopping() { send("STOPPING=1\nSTATUS=stopping") }

    /// `RELOADING=1` with the monotonic time systemd asks for.
    public func reloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let microseconds = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
        send("RELOADING=1\nMONOTONIC_USEC=\(microseconds)")
    }

    /// `WATCHDOG=1`: the service is healthy.
    public func watchdog() { send("WATCHDOG=1") }

    /// `STATUS=...` only.
    public func status(_ text: String) { send("STATUS=\(text)") }

    /// The watchdog interval systemd expects pings within (`WATCHDOG_USEC`), if it asked for them.
    public static func watchdogInterval(environment: [String: String], processID: Int32) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let microseconds = Int64(text), microseconds > 0 else { return nil }
        if let pid = environment["WATCHDOG_PID"], Int32(pid) != processID { return nil }
        return .microseconds(microseconds)
    }

    /// Sends one notification; failures are ignored (notification is best effort by design).
    public func send(_ message: String) {
        guard let socketPath else { return }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }  // abstract namespace
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in pathBytes.enumerated() { buffer[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + (pathBytes.first == 0 ? 0 : 1))
        let bytes = Array(message.utf8)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bytes.withUnsafeBytes { payload in
                    sendto(descriptor, payload.baseAddress, payload.count, Int32(MSG_NOSIGNAL), socketAddress, length)
                }
            }
        }
    }
}
