import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The daemon started by `systemd-socket-activate` as systemd would start it from illgate-http.socket and
/// illgate-tcp.socket: the listening sockets are bound before illgate runs (it is started by the first
/// connection, which waits in the socket's queue), passed as descriptors 3 and 4 named `http` and `tcp`, and
/// served without illgate binding anything for them. The socket units pass `systemd-analyze verify`.
@Suite(.serialized, .enabled(if: IllgateBinary.url != nil, "the illgate executable was not built"))
struct SocketActivationTests {
    static let activate = ["/usr/bin/systemd-socket-activate", "/bin/systemd-socket-activate"].first { FileManager.default.isExecutableFile(atPath: $0) }
    let scratch = ScratchDirectory("illgate-socket-activation")

    /// The whole exchange runs in one bash script (with `timeout` on every wait), like the other tests that
    /// run programs: started in the background by `systemd-socket-activate`, the daemon must hold none of the
    /// test runner's threads or pipes.
    @Test(.enabled(if: activate != nil, "systemd-socket-activate is not installed (apt-get install systemd)"))
    func theDaemonServesTheSocketsSystemdPasses() throws {
        let lender = try RunningDaemon(name: "lender", agency: "ISIL:DK-LEND", root: scratch.url)
        try lender.configure(prefix: "LEND", peerName: "borrower", peerAgency: "ISIL:US-BORR", peerEndpoint: "http://127.0.0.1:9/iso18626")
        let httpBody = AuthenticationTests.request(from: "US-BORR", id: "SA-1")
        let tcpBody = AuthenticationTests.request(from: "US-BORR", id: "SA-2")
        try AuthenticationTests.httpRequest(body: httpBody, authorization: nil)
            .write(to: scratch.url.appendingPathComponent("http-request"), atomically: true, encoding: .utf8)
        try ("\(tcpBody.utf8.count)\n" + tcpBody).write(to: scratch.url.appendingPathComponent("tcp-frame"), atomically: true, encoding: .utf8)
        let script = """
            set -u
            "$ACTIVATE" -l "127.0.0.1:$HTTP_PORT" -l "127.0.0.1:$TCP_PORT" --fdname=http:tcp "$ILLGATE" serve --config "$CONFIG" >"$LOG" 2>&1 &
            activated=$!
            for _ in $(seq 300); do grep -q "Listening on 127.0.0.1:$TCP_PORT" "$LOG" && break; sleep 0.1; done
            # The first connection starts illgate; it waits in the socket's queue and is answered once illgate is up.
            exec 3<>"/dev/tcp/127.0.0.1/$HTTP_PORT" && cat "$DIR/http-request" >&3 && timeout 60 cat <&3; exec 3<&-
            echo "--- tcp"
            # The TCP binding on the other socket: a length frame out, the reply's length line and bytes back.
            exec 3<>"/dev/tcp/127.0.0.1/$TCP_PORT" && cat "$DIR/tcp-frame" >&3 && read -t 60 -r length <&3 && timeout 60 head -c "$length" <&3; exec 3<&-
            echo
            kill -TERM "$activated"
            timeout 60 tail --pid="$activated" -f /dev/null
            wait "$activated"
            echo "--- exit $?"
            """
        let run = try IllgateBinary.runProcess(
            URL(fileURLWithPath: "/bin/bash"),
            ["-c", script],
            environment: [
                "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
                "ACTIVATE": try #require(Self.activate),
                "ILLGATE": try #require(IllgateBinary.url).path,
                "CONFIG": lender.configPath,
                "LOG": lender.logPath,
                "DIR": scratch.url.path,
                "HTTP_PORT": "\(lender.httpPort)",
                "TCP_PORT": "\(lender.tcpPort)",
            ]
        )
        let parts = run.output.components(separatedBy: "--- tcp")
        let http = parts.first ?? ""
        let tcp = parts.count > 1 ? parts[1] : ""
        #expect(http.hasPrefix("HTTP/1.1 200"), "\(run.output.prefix(400)) \(run.error) \(lender.log.suffix(1_000))")
        #expect(http.contains("<requestingAgencyRequestId>SA-1</requestingAgencyRequestId>") && http.contains("<messageStatus>OK</messageStatus>"))
        #expect(tcp.contains("<requestingAgencyRequestId>SA-2</requestingAgencyRequestId>") && tcp.contains("<messageStatus>OK</messageStatus>"))
        #expect(run.output.contains("--- exit 0"), "\(run.output.suffix(200)) \(lender.log.suffix(1_000))")
        let log = lender.log
        #expect(log.contains("msg=\"socket activation\" label=illgate inherited=\"http:fd3 tcp:fd4\""))
        // The daemon bound neither port itself: both listeners report the inherited sockets' addresses.
        #expect(log.contains("msg=\"http listener started\" label=illgate listen_address=[IPv4]127.0.0.1/127.0.0.1:\(lender.httpPort)"))
        #expect(log.contains("msg=\"tcp listener started\" label=illgate listen_address=[IPv4]127.0.0.1/127.0.0.1:\(lender.tcpPort)"))
        #expect(log.contains("listening=\"http:\(lender.httpPort) tcp:\(lender.tcpPort) admin:\(lender.adminPort)\""))
    }

    @Test(.enabled(if: SystemdTests.analyze != nil, "systemd-analyze is not installed (apt-get install systemd)"))
    func theSocketUnitsPassSystemdAnalyzeVerify() throws {
        let directory = scratch.url.appendingPathComponent("units")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let service = try String(contentsOf: SystemdTests.repository.appendingPathComponent("systemd/illgate.service"), encoding: .utf8)
        try service.replacingOccurrences(of: "/usr/bin/illgate", with: try #require(IllgateBinary.url).path)
            .write(to: directory.appendingPathComponent("illgate.service"), atomically: true, encoding: .utf8)
        var names: [String: String] = [:]
        for unit in ["illgate-http.socket", "illgate-tcp.socket"] {
            let text = try String(contentsOf: SystemdTests.repository.appendingPathComponent("systemd/\(unit)"), encoding: .utf8)
            try text.write(to: directory.appendingPathComponent(unit), atomically: true, encoding: .utf8)
            names[unit] = text.split(separator: "\n").first { $0.hasPrefix("FileDescriptorName=") }.map { String($0.dropFirst("FileDescriptorName=".count)) }
            #expect(text.contains("Service=illgate.service"))
        }
        #expect(names == ["illgate-http.socket": "http", "illgate-tcp.socket": "tcp"])
        let paths = ["illgate-http.socket", "illgate-tcp.socket", "illgate.service"].map { directory.appendingPathComponent($0).path }
        let run = try IllgateBinary.runProcess(URL(fileURLWithPath: try #require(SystemdTests.analyze)), ["verify", "--man=no"] + paths)
        let message = run.error
        #expect(run.status == 0, "systemd-analyze verify: \(message)")
        #expect(!message.contains("illgate"), "systemd-analyze complained: \(message)")
    }
}
