import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The daemon as systemd runs it: the unit passes `systemd-analyze verify`, and the daemon speaks the
/// notify protocol (READY=1 once listening, RELOADING=1 and READY=1 around a SIGHUP, STOPPING=1 on SIGTERM,
/// then exit status 0).
@Suite(.serialized, .enabled(if: IllgateBinary.url != nil, "the illgate executable was not built"))
struct SystemdTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let analyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: analyze != nil, "systemd-analyze is not installed (apt-get install systemd)"))
    func unitPassesSystemdAnalyzeVerify() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("illgate-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // verify wants ExecStart= to exist: point it at the freshly built binary.
        let unit = try String(contentsOf: Self.repository.appendingPathComponent("systemd/illgate.service"), encoding: .utf8)
            .replacingOccurrences(of: "/usr/local/bin/illgate", with: try #require(IllgateBinary.url).path)
        let path = directory.appendingPathComponent("illgate.service").path
        try unit.write(toFile: path, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.analyze))
        process.arguments = ["verify", "--man=no", path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "systemd-analyze verify: \(message)")
        #expect(!message.contains("illgate.service:"), "systemd-analyze complained: \(message)")
    }

    @Test func notifyProtocolReadyReloadStop() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("illgate-notify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let socketPath = root.appendingPathComponent("notify.sock").path
        let listener = try DatagramListener(path: socketPath)

        let daemon = try RunningDaemon(name: "lender", agency: "ISIL:DK-LEND", root: root)
        try daemon.configure(prefix: "LEND", peerName: "borrower", peerAgency: "ISIL:US-BORR", peerEndpoint: "http://127.0.0.1:9/iso18626")
        try await daemon.start(environment: ["NOTIFY_SOCKET": socketPath])
        let ready = try #require(listener.receive(timeout: 60))
        #expect(ready.contains("READY=1"))
        #expect(ready.contains("STATUS=http:\(daemon.httpPort) tcp:\(daemon.tcpPort) admin:\(daemon.adminPort)"))

        daemon.signal(SIGHUP)
        #expect(try #require(listener.receive(timeout: 60)).contains("RELOADING=1"))
        #expect(try #require(listener.receive(timeout: 60)).contains("READY=1"))
        try await eventually("the reload to be logged") { daemon.log.contains("configuration reloaded") && daemon.log.contains("applied=none") }

        // A broken file is refused and the running configuration stays.
        try "[library]\nagency_ids = 42\n".write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(try #require(listener.receive(timeout: 60)).contains("RELOADING=1"))
        #expect(try #require(listener.receive(timeout: 60)).contains("READY=1"))
        try await eventually("the refused reload to be logged") { daemon.log.contains("configuration reload refused") }

        let started = Date()
        daemon.signal(SIGTERM)
        #expect(try #require(listener.receive(timeout: 60)).contains("STOPPING=1"))
        #expect(daemon.stop() == 0)
        #expect(Date().timeIntervalSince(started) < 25, "the drain is bounded")
    }
}

/// A Unix datagram socket standing in for systemd's notification socket.
final class DatagramListener {
    private let descriptor: Int32

    init(path: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() where index < buffer.count - 1 { buffer[index] = byte }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else { throw CLIError(description: "cannot bind \(path)") }
    }

    deinit {
        close(descriptor)
    }

    /// The next datagram, or `nil` after the timeout.
    func receive(timeout: Int32) -> String? {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, timeout * 1000) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : nil
    }
}
