import Foundation
import Testing

/// The running daemon purges patron data from closed transactions: a request with `patronInfo` that the
/// lender's policy answers Unfilled at once is closed, and with `patron_data_retention_days = 0` the next
/// housekeeping run (at start-up) takes the patron out of the stored request.
@Suite(.serialized, .enabled(if: IllgateBinary.url != nil, "the illgate executable was not built"))
final class PatronDataRetentionEndToEndTests {
    /// This suite's daemons' directories, removed with the suite.
    let scratch = ScratchDirectory("illgate-retention")
    var root: URL { scratch.url }

    static let patronID = "PATRON-RETAINED-0815"

    static func request(id: String) -> String {
        AuthenticationTests.request(from: "US-BORR", id: id).replacingOccurrences(
            of: "<serviceInfo>",
            with: "<patronInfo><patronId>\(patronID)</patronId><surname>Queequeg</surname></patronInfo><serviceInfo>"
        )
    }

    @Test func closedTransactionsLoseTheirPatronAtTheNextHousekeepingRun() async throws {
        let lender = try RunningDaemon(name: "lender", agency: "ISIL:DK-LEND", root: root)
        try lender.configure(
            prefix: "LEND",
            peerName: "borrower",
            peerAgency: "ISIL:US-BORR",
            peerEndpoint: "http://127.0.0.1:9/iso18626",
            extraSections: ReloadTests.policy
        )
        let text = try String(contentsOfFile: lender.configPath, encoding: .utf8)
            .replacingOccurrences(of: "[storage]\n", with: "[storage]\npatron_data_retention_days = 0\n")
        try text.write(toFile: lender.configPath, atomically: true, encoding: .utf8)
        try await lender.start()

        let answer = try AuthenticationTests.exchange(
            port: lender.httpPort,
            AuthenticationTests.httpRequest(body: Self.request(id: "P-1"), authorization: nil)
        )
        #expect(answer.contains("<messageStatus>OK</messageStatus>"))
        try await eventually("the NotHeld decision") { lender.log.contains("rule=L07") }
        let transaction = try #require(try lender.transaction(requestID: "P-1"))
        #expect(transaction.state == "unfilled")
        #expect(try lender.cli(["tx", "show", String(transaction.id), "--xml"]).contains(Self.patronID))

        // Housekeeping runs at start-up: a restart purges the transaction that closed meanwhile.
        #expect(lender.stop() == 0)
        try await lender.start()
        defer { lender.stop() }
        try await eventually("the purge to be logged") { lender.log.contains("patron data purged") }
        let purgeLine = try #require(lender.log.split(separator: "\n").first { $0.contains("patron data purged") })
        #expect(purgeLine.contains("transactions=1") && purgeLine.contains("messages=1"))
        let shown = try lender.cli(["tx", "show", String(transaction.id), "--xml"])
        #expect(!shown.contains(Self.patronID) && !shown.contains("Queequeg"))
        #expect(shown.contains("<title>Typee</title>"), "the rest of the request is kept")
        #expect(!lender.log.contains(Self.patronID), "the patron id never reached the log")
    }
}
