import Foundation
import Testing

/// The admin API's `/metrics` gives Prometheus text for what the daemon did: messages by transport, peer,
/// type and result, security events, policy decisions by rule, delivery attempts, and the backlog gauges.
@Suite(.serialized, .enabled(if: IllgateBinary.url != nil, "the illgate executable was not built"))
final class MetricsTests {
    /// This suite's daemons' directories, removed with the suite.
    let scratch = ScratchDirectory("illgate-metrics")
    var root: URL { scratch.url }

    static func get(_ path: String, port: Int, token: String?) throws -> String {
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        if let token { request += "Authorization: Bearer \(token)\r\n" }
        return try AuthenticationTests.exchange(port: port, request + "\r\n")
    }

    @Test func metricsCountMessagesDecisionsDeliveriesAndBacklog() async throws {
        let lender = try RunningDaemon(name: "lender", agency: "ISIL:DK-LEND", root: root)
        try lender.configure(
            prefix: "LEND",
            peerName: "borrower",
            peerAgency: "ISIL:US-BORR",
            peerEndpoint: "http://127.0.0.1:9/iso18626",
            peerSections: ReloadTests.peerSections(password: "secret", blocked: false),
            extraSections: ReloadTests.policy
        )
        try await lender.start()
        defer { lender.stop() }
        let token = try String(contentsOfFile: lender.directory.appendingPathComponent("admin.token").path, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)

        #expect(try Self.get("/metrics", port: lender.adminPort, token: nil).hasPrefix("HTTP/1.1 401"))

        _ = try AuthenticationTests.exchange(
            port: lender.httpPort,
            AuthenticationTests.httpRequest(body: AuthenticationTests.request(from: "US-BORR", id: "M-1"), authorization: AuthenticationTests.basic("us-borr", "secret"))
        )
        _ = try AuthenticationTests.exchange(
            port: lender.httpPort,
            AuthenticationTests.httpRequest(body: AuthenticationTests.request(from: "GB-OTHER", id: "M-2"), authorization: AuthenticationTests.basic("us-borr", "secret"))
        )
        // A stranger without credentials: refused on its header, kept as a digest, listed by `illgate refusals`.
        let stranger = try AuthenticationTests.exchange(
            port: lender.httpPort,
            AuthenticationTests.httpRequest(body: AuthenticationTests.request(from: "XX-STRANGER", id: "M-3"), authorization: nil)
        )
        #expect(stranger.contains("<messageStatus>ERROR</messageStatus>"))
        #expect(stranger.contains("is not accepted here"))
        let refusals = try lender.cli(["refusals"])
        #expect(refusals.contains("ISIL:XX-STRANGER"))
        #expect(refusals.contains("M-3"))
        #expect(refusals.contains("1 refused since the daemon started"))
        // The Unfilled answer cannot reach the borrower (nothing listens on port 9): a retried delivery.
        try await eventually("a failed delivery attempt") { lender.log.contains("result=retry") }

        let metrics = try Self.get("/metrics", port: lender.adminPort, token: token)
        #expect(metrics.hasPrefix("HTTP/1.1 200"))
        #expect(metrics.contains(#"illgate_messages_received_total{transport="http",peer="borrower",type="request",result="OK"} 1"#))
        #expect(metrics.contains(#"illgate_messages_received_total{transport="http",peer="borrower",type="request",result="ERROR"} 1"#))
        #expect(metrics.contains(#"illgate_security_events_total{transport="http"} 2"#))
        #expect(metrics.contains(#"illgate_messages_received_total{transport="http",peer="unknown",type="request",result="ERROR"} 1"#))
        #expect(metrics.contains(#"illgate_policy_decisions_total{side="lending",decision="unfilled",rule="L07"} 1"#))
        #expect(metrics.contains(#"illgate_deliveries_total{peer="borrower",result="retry"}"#))
        #expect(metrics.contains("illgate_message_handling_seconds_bucket"))
        #expect(metrics.contains(#"illgate_outbox_messages{status="dead"} 0"#))
        #expect(metrics.contains("illgate_reviews_open 0"))
    }
}
