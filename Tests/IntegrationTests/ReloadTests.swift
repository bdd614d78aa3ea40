import Foundation
import Testing

/// SIGHUP applies a changed `[[peers]]` and `[policy]` to the running daemon: the next message is
/// authenticated with the new credentials and decided by the new rules, while changes that need new sockets
/// or a new database are named in the log as waiting for a restart.
@Suite(.serialized, .enabled(if: IllgateBinary.url != nil, "the illgate executable was not built"))
final class ReloadTests {
    /// This suite's daemons' directories, removed with the suite.
    let scratch = ScratchDirectory("illgate-reload")
    var root: URL { scratch.url }

    static let policy = """
        [policy]
        timezone = "UTC"

        [policy.lending]
        auto_responder = "will_supply"
        min_processing_days = 0

        [policy.lending.charges]
        currency = "USD"
        loan = "0.00"
        copy = "0.00"
        """

    static func peerSections(password: String, blocked: Bool) -> String {
        """
        blocked = \(blocked)

        [peers.inbound]
        basic_user = "us-borr"
        basic_password = "\(password)"
        """
    }

    func send(_ lender: RunningDaemon, id: String, password: String) throws -> String {
        try AuthenticationTests.exchange(
            port: lender.httpPort,
            AuthenticationTests.httpRequest(
                body: AuthenticationTests.request(from: "US-BORR", id: id),
                authorization: AuthenticationTests.basic("us-borr", password)
            )
        )
    }

    @Test func hangupAppliesPeersAndPolicyAndNamesWhatNeedsARestart() async throws {
        let lender = try RunningDaemon(name: "lender", agency: "ISIL:DK-LEND", root: root)
        func configure(password: String, blocked: Bool, logLevel: String = "info") throws {
            try lender.configure(
                prefix: "LEND",
                peerName: "borrower",
                peerAgency: "ISIL:US-BORR",
                peerEndpoint: "http://127.0.0.1:9/iso18626",
                peerSections: Self.peerSections(password: password, blocked: blocked),
                extraSections: Self.policy
            )
            let text = try String(contentsOfFile: lender.configPath, encoding: .utf8)
                .replacingOccurrences(of: "level = \"info\"", with: "level = \"\(logLevel)\"")
            try text.write(toFile: lender.configPath, atomically: true, encoding: .utf8)
        }
        try configure(password: "old-secret", blocked: false)
        try await lender.start()
        defer { lender.stop() }

        // Before: the old password works and the policy looks at holdings (we hold nothing: NotHeld).
        let before = try send(lender, id: "R-1", password: "old-secret")
        #expect(before.hasPrefix("HTTP/1.1 200"))
        #expect(before.contains("<messageStatus>OK</messageStatus>"))
        try await eventually("the first decision to be logged") { lender.log.contains("rule=L07") }

        // The peer gets a new password and is blocked; the log level changes too (that needs a restart).
        try configure(password: "new-secret", blocked: true, logLevel: "debug")
        lender.signal(SIGHUP)
        try await eventually("the reload to be logged") { lender.log.contains("configuration reloaded") }
        let reloadLine = try #require(lender.log.split(separator: "\n").first { $0.contains("configuration reloaded") })
        #expect(reloadLine.contains("applied=peers"))
        #expect(reloadLine.contains("restart_needed_for=logging"))
        #expect(!reloadLine.contains("new-secret") && !reloadLine.contains("old-secret"), "secrets never reach the log")

        // After: the old password is refused by the transport, the new one is accepted, and the policy now
        // refuses the blocked peer (L03) instead of looking at holdings.
        let stale = try send(lender, id: "R-2", password: "old-secret")
        #expect(stale.hasPrefix("HTTP/1.1 401"))
        let after = try send(lender, id: "R-3", password: "new-secret")
        #expect(after.hasPrefix("HTTP/1.1 200"))
        #expect(after.contains("<messageStatus>OK</messageStatus>"))
        try await eventually("the blocked peer's decision to be logged") { lender.log.contains("rule=L03") }
        let states = try lender.transactions().map { "\($0.requestID) \($0.state)" }.sorted()
        #expect(states == ["R-1 unfilled", "R-3 unfilled"])

        // A broken file changes nothing: the blocked peer with the new password is still what runs.
        try "[library]\nagency_ids = 42\n".write(toFile: lender.configPath, atomically: true, encoding: .utf8)
        lender.signal(SIGHUP)
        try await eventually("the refused reload to be logged") { lender.log.contains("configuration reload refused") }
        #expect(try send(lender, id: "R-4", password: "new-secret").contains("<messageStatus>OK</messageStatus>"))
        try await eventually("the second blocked decision to be logged") {
            lender.log.components(separatedBy: "rule=L03").count - 1 >= 2
        }
    }
}
