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
        let shipped = try String(contentsOf: Self.repository.appendingPathComponent("systemd/illgate.service"), encoding: .utf8)
        let unit = shipped.replacingOccurrences(of: "/usr/bin/illgate", with: try #require(IllgateBinary.url).path)
        #expect(unit != shipped, "ExecStart= names /usr/bin/illgate, where the package installs the binary")
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

    /// A bad configuration stops the unit: serve exits 78 (RestartPreventExitStatus=78), and no ExecStartPre
    /// runs first (the prevent list applies only to the main process, so a failing pre-check would restart-loop).
    @Test func aBadConfigurationStopsTheUnitWithoutALoop() throws {
        let unit = try String(contentsOf: Self.repository.appendingPathComponent("systemd/illgate.service"), encoding: .utf8)
        let lines = unit.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
        #expect(!lines.contains { $0.hasPrefix("ExecStartPre=") })
        #expect(lines.contains("RestartPreventExitStatus=78"))
        // The files Documentation= names are the ones the package installs.
        let script = try String(contentsOf: Self.repository.appendingPathComponent("packaging/build-deb.sh"), encoding: .utf8)
        #expect(lines.contains("Documentation=man:illgate(1) file:///usr/share/doc/illgate/README.md"))
        #expect(script.contains("usr/share/doc/illgate/README.md") && script.contains("usr/share/man/man1/illgate.1.gz"))

        let root = FileManager.default.temporaryDirectory.appendingPathComponent("illgate-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("illgate.toml").path
        try "[library]\nagency_ids = 42\n".write(toFile: file, atomically: true, encoding: .utf8)
        for command in [["serve", "--config", file], ["check-config", file], ["check-config", root.appendingPathComponent("missing.toml").path]] {
            let run = try IllgateBinary.run(command)
            #expect(run.status == 78, "illgate \(command.joined(separator: " ")): \(run.status) \(run.error)")
        }
        let missing = try IllgateBinary.run(["check-config", root.appendingPathComponent("missing.toml").path])
        #expect(missing.error.contains("missing.toml: no such file"))
    }

    /// A file the user running illgate may not read (or whose directory it may not enter) is "permission
    /// denied", not "no such file". Needs a user other than root: run as `nobody` through runuser when root.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser"), "needs root and runuser"))
    func anUnreadableFileIsPermissionDenied() throws {
        let root = URL(fileURLWithPath: "/tmp").appendingPathComponent("illgate-perm-\(UUID().uuidString)")
        let directory = root.appendingPathComponent("etc-illgate")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path)
        let file = directory.appendingPathComponent("illgate.toml").path
        try "[library]\nagency_ids = [\"ISIL:XX-TEST\"]\n".write(toFile: file, atomically: true, encoding: .utf8)
        // The built binary must be reachable by nobody: copy it next to the file.
        let binary = root.appendingPathComponent("illgate").path
        try FileManager.default.copyItem(atPath: try #require(IllgateBinary.url).path, toPath: binary)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary)
        for (directoryMode, fileMode) in [(0o750, 0o644), (0o755, 0o640)] {
            try FileManager.default.setAttributes([.posixPermissions: directoryMode], ofItemAtPath: directory.path)
            try FileManager.default.setAttributes([.posixPermissions: fileMode], ofItemAtPath: file)
            let run = try IllgateBinary.runProcess(
                URL(fileURLWithPath: "/usr/sbin/runuser"), ["-u", "nobody", "--", binary, "check-config", file], in: root
            )
            let message = run.error
            #expect(run.status == 78)
            #expect(message.contains("\(file): permission denied"), "directory \(String(directoryMode, radix: 8)), file \(String(fileMode, radix: 8)): \(message)")
            #expect(!message.contains("no such file"))
        }
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
