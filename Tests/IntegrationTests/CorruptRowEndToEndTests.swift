import Foundation
import Testing

/// A daemon whose database holds a row with a state this version cannot read: the start-up scan logs it,
/// `/readyz` says why the daemon is degraded, `illgate tx show` reports the row, a message for that
/// transaction gets an ERROR confirmation, and every other transaction is served.
@Suite(.serialized, .enabled(if: IllgateBinary.url != nil, "the illgate executable was not built"))
final class CorruptRowEndToEndTests {
    let scratch = ScratchDirectory("illgate-corrupt")

    static let sqlite3 = ["/usr/bin/sqlite3", "/bin/sqlite3"].map(URL.init(fileURLWithPath:)).first {
        FileManager.default.isExecutableFile(atPath: $0.path)
    }

    static func statusRequest(id: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" xmlns:ill="http://illtransactions.org/2013/iso18626" ill:version="1.2">
        <requestingAgencyMessage><header>
        <supplyingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>DK-LEND</agencyIdValue></supplyingAgencyId>
        <requestingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>US-BORR</agencyIdValue></requestingAgencyId>
        <multipleItemRequestId></multipleItemRequestId><timestamp>2026-11-23T10:00:00Z</timestamp>
        <requestingAgencyRequestId>\(id)</requestingAgencyRequestId></header>
        <action>StatusRequest</action></requestingAgencyMessage></ISO18626Message>
        """
    }

    private func post(_ body: String, to daemon: RunningDaemon) throws -> String {
        try AuthenticationTests.exchange(port: daemon.httpPort, AuthenticationTests.httpRequest(body: body, authorization: nil))
    }

    private func get(_ path: String, from daemon: RunningDaemon, token: String? = nil) throws -> String {
        let authorization = token.map { "Authorization: Bearer \($0)\r\n" } ?? ""
        return try AuthenticationTests.exchange(
            port: daemon.adminPort,
            "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(authorization)Connection: close\r\n\r\n"
        )
    }

    @Test(.enabled(if: CorruptRowEndToEndTests.sqlite3 != nil, "sqlite3 is not installed"))
    func aCorruptStateIsReportedAndTheRestIsServed() async throws {
        let lender = try RunningDaemon(name: "lender", agency: "ISIL:DK-LEND", root: scratch.url)
        try lender.configure(prefix: "LEND", peerName: "borrower", peerAgency: "ISIL:US-BORR", peerEndpoint: "http://127.0.0.1:9/iso18626")
        try await lender.start()
        for id in ["C-1", "C-2"] {
            #expect(try post(AuthenticationTests.request(from: "US-BORR", id: id), to: lender).contains("<messageStatus>OK</messageStatus>"))
        }
        let corrupt = try #require(try lender.transaction(requestID: "C-1")).id
        let healthy = try #require(try lender.transaction(requestID: "C-2")).id
        #expect(lender.stop() == 0)

        let database = lender.directory.appendingPathComponent("illgate.sqlite").path
        let sqlite3 = try #require(Self.sqlite3)
        let edit = try IllgateBinary.runProcess(sqlite3, [database, "UPDATE ill_transaction SET state = 'Bogus' WHERE id = \(corrupt)"])
        #expect(edit.status == 0, "\(edit.error)")

        try await lender.start()
        #expect(lender.log.contains("stored row cannot be read"))
        #expect(lender.log.contains("corrupt row: ill_transaction \(corrupt) has state = 'Bogus'"))

        let ready = try get("/readyz", from: lender)
        #expect(ready.hasPrefix("HTTP/1.1 200"))
        #expect(ready.contains("degraded: 1 stored row(s) cannot be read"))
        #expect(ready.contains("corrupt row: ill_transaction \(corrupt) has state = 'Bogus', which is not a lending state"))

        let show = try IllgateBinary.run(["tx", "show", String(corrupt), "--config", lender.configPath])
        #expect(show.status == 1)
        #expect(show.error.contains("transaction \(corrupt) in \(database) cannot be shown: corrupt row: ill_transaction \(corrupt) has state = 'Bogus'"))
        #expect(try lender.cli(["tx", "show", String(healthy)]).contains("state"))
        let token = try String(contentsOf: lender.directory.appendingPathComponent("admin.token"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = try get("/v1/transactions/\(corrupt)", from: lender, token: token)
        #expect(shown.hasPrefix("HTTP/1.1 500"))
        #expect(shown.contains(#""reason":"corruptData""#))
        #expect(shown.contains("has state = 'Bogus'"))

        let refused = try post(Self.statusRequest(id: "C-1"), to: lender)
        #expect(refused.contains("<messageStatus>ERROR</messageStatus>"))
        #expect(refused.contains("<errorType>UnrecognisedDataValue</errorType>"))
        #expect(refused.contains("cannot be processed now: our record of this request is damaged"))
        #expect(try post(Self.statusRequest(id: "C-2"), to: lender).contains("<messageStatus>OK</messageStatus>"))
        #expect(try post(AuthenticationTests.request(from: "US-BORR", id: "C-3"), to: lender).contains("<messageStatus>OK</messageStatus>"))
        #expect(lender.process?.isRunning == true)
        #expect(lender.stop() == 0)
    }
}
