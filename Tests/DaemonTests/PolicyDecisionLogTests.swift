import Daemon
import Foundation
import Gateway
import Logging
import Testing
import Transport

/// The decision's log line carries its reason code, and what the decision learned or noticed follows as
/// one line each, with the transaction id and never patron data.
@Suite struct PolicyDecisionLogTests {
    @Test func codeAndNoticesAreLogged() {
        let sink = InMemoryLogSink()
        let logger = makeLineLogger(sink: sink, formatter: LogLineFormatter(includeLabel: false))
        var decision = DecisionSummary(side: "borrowing", outcome: "send", rule: "B08", firedRules: ["K08", "B06"], transactionID: 17, code: "send")
        decision.notices = [
            PolicyNotice(.info, event: "copyright-title-link", detail: "title cluster 3 learned ISSN 2434-561X"),
            PolicyNotice(.warning, event: "copyright-invalid-issn", detail: "ISSN 1050-4126 has a wrong check digit or length: ignored (N01)"),
        ]
        PolicyDecisionLog.record(decision, peer: "lender", requestID: "BORR-1", logger: logger)
        let lines = sink.trimmedLines
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.first?.contains("code=send") == true, "\(lines)")
        #expect(lines.dropFirst().allSatisfy { $0.contains("tx=17") }, "\(lines)")
        #expect(lines[1].contains("event=copyright-title-link") && lines[1].contains("2434-561X"), "\(lines)")
        #expect(lines[2].contains("event=copyright-invalid-issn") && lines[2].lowercased().contains("warn"), "\(lines)")
    }
}
