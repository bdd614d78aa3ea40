import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Peers must prove who they are: a message claiming another library's agency id, a wrong password, no
/// credentials where they are required, and a missing client certificate are each refused and logged as
/// security events, without telling the sender which part was wrong.
@Suite(.serialized, .enabled(if: IllgateBinary.url != nil, "the illgate executable was not built"))
final class AuthenticationTests {
    /// This suite's daemons' directories, removed with the suite.
    let scratch = ScratchDirectory("illgate-auth")
    var root: URL { scratch.url }

    static func request(from requester: String, id: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" xmlns:ill="http://illtransactions.org/2013/iso18626" ill:version="1.2">
        <request><header>
        <supplyingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>DK-LEND</agencyIdValue></supplyingAgencyId>
        <requestingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>\(requester)</agencyIdValue></requestingAgencyId>
        <multipleItemRequestId></multipleItemRequestId><timestamp>2026-11-23T10:00:00Z</timestamp>
        <requestingAgencyRequestId>\(id)</requestingAgencyRequestId></header>
        <bibliographicInfo><title>Typee</title></bibliographicInfo>
        <serviceInfo><serviceType>Loan</serviceType></serviceInfo></request></ISO18626Message>
        """
    }

    static func httpRequest(body: String, authorization: String?) -> String {
        var head = "POST /iso18626 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/xml\r\nConnection: close\r\n"
        if let authorization { head += "Authorization: \(authorization)\r\n" }
        return head + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
    }

    static func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    /// Sends raw bytes to 127.0.0.1:port and returns everything the server answers before closing.
    static func exchange(port: Int, _ text: String) throws -> String {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw CLIError(description: "cannot connect to port \(port)") }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            answer += buffer[0..<count]
        }
        return String(decoding: answer, as: UTF8.self)
    }

    /// A lender that requires HTTP Basic credentials from the borrower US-BORR.
    func lender(tls: String = "", inbound: String = "[peers.inbound]\nbasic_user = \"us-borr\"\nbasic_password = \"borrower-secret\"") throws -> RunningDaemon {
        let lender = try RunningDaemon(name: "lender", agency: "ISIL:DK-LEND", root: root)
        try lender.configure(
            prefix: "LEND",
            peerName: "borrower",
            peerAgency: "ISIL:US-BORR",
            peerEndpoint: "http://127.0.0.1:9/iso18626",
            peerSections: inbound
        )
        if !tls.isEmpty {
            let text = try String(contentsOfFile: lender.configPath, encoding: .utf8)
                .replacingOccurrences(of: "[tcp]", with: tls + "\n\n[tcp]")
            try text.write(toFile: lender.configPath, atomically: true, encoding: .utf8)
        }
        return lender
    }

    @Test func wrongPasswordAnotherLibrarysAgencyAndNoCredentialsAreRefusedAndLogged() async throws {
        let lender = try lender()
        try await lender.start()
        defer { lender.stop() }

        let good = try Self.exchange(port: lender.httpPort, Self.httpRequest(body: Self.request(from: "US-BORR", id: "A-1"), authorization: Self.basic("us-borr", "borrower-secret")))
        #expect(good.hasPrefix("HTTP/1.1 200"))
        #expect(good.contains("<messageStatus>OK</messageStatus>"))

        let wrongPassword = try Self.exchange(port: lender.httpPort, Self.httpRequest(body: Self.request(from: "US-BORR", id: "A-2"), authorization: Self.basic("us-borr", "guess")))
        #expect(wrongPassword.hasPrefix("HTTP/1.1 401"))
        #expect(wrongPassword.contains("authentication failed"))
        #expect(!wrongPassword.contains("password"), "the answer does not say which part was wrong")

        let impostor = try Self.exchange(port: lender.httpPort, Self.httpRequest(body: Self.request(from: "GB-OTHER", id: "A-3"), authorization: Self.basic("us-borr", "borrower-secret")))
        #expect(impostor.hasPrefix("HTTP/1.1 200"))
        #expect(impostor.contains("<messageStatus>ERROR</messageStatus>"))
        #expect(impostor.contains("is not accepted here"))

        let anonymous = try Self.exchange(port: lender.httpPort, Self.httpRequest(body: Self.request(from: "US-BORR", id: "A-4"), authorization: nil))
        #expect(anonymous.contains("<messageStatus>ERROR</messageStatus>"))

        try await eventually("three security events in the lender's log") {
            lender.log.components(separatedBy: "event=security").count - 1 >= 3
        }
        #expect(lender.log.contains("do not match any peer"))
        #expect(lender.log.contains("which is not one of its agency ids"))
        #expect(lender.log.contains("did not authenticate as that peer"))
        #expect(!lender.log.contains("guess"), "secrets never reach the log")
        #expect(try lender.transactions().map(\.requestID) == ["A-1"])
    }

    @Test func borrowerWithTheWrongPasswordCannotDeliver() async throws {
        let lender = try lender()
        let borrower = try RunningDaemon(name: "borrower", agency: "ISIL:US-BORR", root: root)
        try borrower.configure(
            prefix: "BORR",
            peerName: "lender",
            peerAgency: "ISIL:DK-LEND",
            peerEndpoint: lender.endpoint(over: .http),
            peerSections: "[peers.outbound]\nbasic_user = \"us-borr\"\nbasic_password = \"outdated\""
        )
        try await lender.start()
        try await borrower.start()
        defer {
            lender.stop()
            borrower.stop()
        }
        try borrower.cli(["request", "--peer", "lender", "--title", "Omoo"])
        try await eventually("the borrower to see HTTP 401") { try borrower.cli(["outbox", "list"]).contains("HTTP 401") }
        #expect(try lender.transactions().isEmpty)
        #expect(lender.log.contains("security: authentication failed"))
    }

    /// A test PKI made with openssl: a CA, a server certificate for 127.0.0.1 and the borrower's client
    /// certificate (CN us-borr), as `NAME.pem`/`NAME.key` in the returned directory.
    func makePKI() throws -> String {
        let pki = root.appendingPathComponent("pki").path
        try FileManager.default.createDirectory(atPath: pki, withIntermediateDirectories: true)
        func openssl(_ arguments: String) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "cd \(pki) && openssl \(arguments) 2>/dev/null"]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw CLIError(description: "openssl \(arguments) failed") }
        }
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\n".write(toFile: "\(pki)/server.ext", atomically: true, encoding: .utf8)
        try openssl("req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=test-ca")
        for name in ["server", "us-borr"] {
            try openssl("req -newkey rsa:2048 -nodes -keyout \(name).key -out \(name).csr -subj /CN=\(name)")
            let extensions = name == "server" ? " -extfile server.ext" : ""
            try openssl("x509 -req -in \(name).csr -CA ca.pem -CAkey ca.key -CAcreateserial -out \(name).pem -days 2\(extensions)")
        }
        return pki
    }

    static let opensslAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")

    @Test(.enabled(if: opensslAvailable, "openssl is not installed"))
    func missingClientCertificateIsRefused() async throws {
        let pki = try makePKI()
        let lender = try lender(
            tls: "[http.tls]\ncertificate = \"\(pki)/server.pem\"\nprivate_key = \"\(pki)/server.key\"\nclient_ca = \"\(pki)/ca.pem\"",
            inbound: "[peers.inbound]\ncertificate_subjects = [\"us-borr\"]"
        )
        try await lender.start()
        defer { lender.stop() }

        func send(withCertificate: Bool, id: String) throws -> String {
            let request = Self.httpRequest(body: Self.request(from: "US-BORR", id: id), authorization: nil)
            let requestFile = "\(pki)/\(id).http"
            try request.write(toFile: requestFile, atomically: true, encoding: .utf8)
            let certificate = withCertificate ? "-cert \(pki)/us-borr.pem -key \(pki)/us-borr.key" : ""
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "openssl s_client -quiet -connect 127.0.0.1:\(lender.httpPort) -CAfile \(pki)/ca.pem \(certificate) < \(requestFile) 2>/dev/null"]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let withCertificate = try send(withCertificate: true, id: "T-1")
        #expect(withCertificate.contains("<messageStatus>OK</messageStatus>"))
        let withoutCertificate = try send(withCertificate: false, id: "T-2")
        #expect(withoutCertificate.contains("<messageStatus>ERROR</messageStatus>"))
        try await eventually("a security event for the connection without a certificate") { lender.log.contains("did not authenticate as that peer") }
        #expect(try lender.transactions().map(\.requestID) == ["T-1"])
    }

    @Test(.enabled(if: opensslAvailable, "openssl is not installed"))
    func borrowerPresentsItsClientCertificateToAnHTTPSLender() async throws {
        let pki = try makePKI()
        let lender = try lender(
            tls: "[http.tls]\ncertificate = \"\(pki)/server.pem\"\nprivate_key = \"\(pki)/server.key\"\nclient_ca = \"\(pki)/ca.pem\"\nrequire_client_certificate = true",
            inbound: "[peers.inbound]\ncertificate_subjects = [\"us-borr\"]"
        )
        let borrower = try RunningDaemon(name: "borrower", agency: "ISIL:US-BORR", root: root)
        let endpoint = "https://127.0.0.1:\(lender.httpPort)/iso18626"
        try borrower.configure(
            prefix: "BORR",
            peerName: "lender",
            peerAgency: "ISIL:DK-LEND",
            peerEndpoint: endpoint,
            peerSections: "[peers.outbound]\ntls_certificate = \"\(pki)/us-borr.pem\"\ntls_private_key = \"\(pki)/us-borr.key\"\ntls_ca = \"\(pki)/ca.pem\""
        )
        // The same borrower without its certificate is turned away at the TLS handshake.
        let anonymous = try RunningDaemon(name: "anonymous", agency: "ISIL:US-BORR", root: root)
        try anonymous.configure(
            prefix: "ANON",
            peerName: "lender",
            peerAgency: "ISIL:DK-LEND",
            peerEndpoint: endpoint,
            peerSections: "[peers.outbound]\ntls_ca = \"\(pki)/ca.pem\""
        )
        try await lender.start()
        try await borrower.start()
        try await anonymous.start()
        defer {
            lender.stop()
            borrower.stop()
            anonymous.stop()
        }
        try borrower.cli(["request", "--peer", "lender", "--title", "Redburn", "--id", "TLS-1"])
        try anonymous.cli(["request", "--peer", "lender", "--title", "Mardi", "--id", "TLS-2"])
        try await eventually("the lender to receive the request sent with a client certificate") {
            try lender.transaction(requestID: "TLS-1") != nil
        }
        try await eventually("the borrower's delivery to be confirmed") { borrower.log.contains("result=delivered") }
        try await eventually("the anonymous delivery to fail") { try anonymous.cli(["outbox", "list"]).contains("POST https://127.0.0.1") }
        #expect(try lender.transaction(requestID: "TLS-2") == nil)
    }
}
