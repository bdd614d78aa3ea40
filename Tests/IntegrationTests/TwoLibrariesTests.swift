import Foundation
import Testing

/// Two libraries, each running `illgate serve` with its own configuration and database, complete whole
/// loans and copies with each other over HTTP and over TCP, driven by staff with the CLI.
@Suite(.serialized, .enabled(if: IllgateBinary.url != nil, "the illgate executable was not built"))
final class TwoLibrariesTests {
    /// This suite's daemons' directories, removed with the suite.
    let scratch = ScratchDirectory("illgate-it")
    var root: URL { scratch.url }

    /// A lender (DK-LEND) and a borrower (US-BORR) that reach each other over `transport`. Over HTTP the
    /// lender requires the borrower's Basic credentials; over TCP it accepts the borrower's address.
    func pair(_ transport: RunningDaemon.Transport, borrowerPassword: String = "borrower-secret") throws -> (lender: RunningDaemon, borrower: RunningDaemon) {
        let lender = try RunningDaemon(name: "lender", agency: "ISIL:DK-LEND", root: root)
        let borrower = try RunningDaemon(name: "borrower", agency: "ISIL:US-BORR", root: root)
        let lenderChecks = transport == .http
            ? "[peers.inbound]\nbasic_user = \"us-borr\"\nbasic_password = \"borrower-secret\""
            : "allowed_addresses = [\"127.0.0.1/32\"]"
        let borrowerSends = transport == .http ? "[peers.outbound]\nbasic_user = \"us-borr\"\nbasic_password = \"\(borrowerPassword)\"" : ""
        try lender.configure(prefix: "LEND", peerName: "borrower", peerAgency: "ISIL:US-BORR", peerEndpoint: borrower.endpoint(over: transport), peerSections: lenderChecks)
        try borrower.configure(prefix: "BORR", peerName: "lender", peerAgency: "ISIL:DK-LEND", peerEndpoint: lender.endpoint(over: transport), peerSections: borrowerSends)
        return (lender, borrower)
    }

    /// `illgate request`; returns the borrower's transaction id and request id.
    func request(_ borrower: RunningDaemon, _ extra: [String] = ["--title", "Moby-Dick", "--isbn", "9780142437247"]) throws -> (Int64, String) {
        let output = try borrower.cli(["request", "--peer", "lender"] + extra)
        // "transaction 1: requested, request BORR-XXXX to lender"
        let words = output.split(separator: " ")
        let id = try #require(Int64(words[1].dropLast()))
        let requestID = String(try #require(words.firstIndex(of: "request").map { words[$0 + 1] }))
        return (id, requestID)
    }

    func lenderTransaction(_ lender: RunningDaemon, for requestID: String) async throws -> Int64 {
        try await eventually("the lender to receive \(requestID)") { try lender.transaction(requestID: requestID) != nil }
        return try #require(try lender.transaction(requestID: requestID)).id
    }

    func expectState(_ daemon: RunningDaemon, _ id: Int64, _ state: String) async throws {
        try await eventually("\(daemon.name) transaction \(id) to be \(state)") { try daemon.transaction(id)?.state == state }
    }

    @Test(arguments: [RunningDaemon.Transport.http, .tcp])
    func wholeLoan(over transport: RunningDaemon.Transport) async throws {
        let (lender, borrower) = try pair(transport)
        try await lender.start()
        try await borrower.start()
        defer {
            lender.stop()
            borrower.stop()
        }
        let (borrowing, requestID) = try request(borrower)
        let lending = try await lenderTransaction(lender, for: requestID)
        try lender.cli(["tx", "action", String(lending), "willSupply"])
        try await expectState(borrower, borrowing, "willSupply")
        try lender.cli(["tx", "action", String(lending), "ship", "--due", "2026-12-31", "--item", "39001000123"])
        try await expectState(borrower, borrowing, "shipped")
        #expect(try borrower.transaction(borrowing)?.dueDate == "2026-12-31T23:59:59Z")
        try borrower.cli(["tx", "action", String(borrowing), "markReceived"])
        try await expectState(lender, lending, "received")
        try borrower.cli(["tx", "action", String(borrowing), "ship-return"])
        try await expectState(lender, lending, "returnShipped")
        try lender.cli(["tx", "action", String(lending), "checkIn"])
        try await expectState(borrower, borrowing, "completed")
        #expect(try lender.transaction(lending)?.state == "loanCompleted")
        // Nothing is left undelivered on either side.
        try await eventually("both outboxes to be empty") {
            try lender.cli(["outbox", "list"]).contains("nothing waiting") && borrower.cli(["outbox", "list"]).contains("nothing waiting")
        }
        #expect(lender.log.contains("direction=in"))
        #expect(lender.log.contains("transport=\(transport)"))
        #expect(borrower.log.contains("msg=\"message sent\""))
        #expect(!lender.log.contains("Moby"), "log lines carry ids, not bibliographic or patron data")
    }

    @Test(arguments: [RunningDaemon.Transport.http, .tcp])
    func wholeCopy(over transport: RunningDaemon.Transport) async throws {
        let (lender, borrower) = try pair(transport)
        try await lender.start()
        try await borrower.start()
        defer {
            lender.stop()
            borrower.stop()
        }
        let (borrowing, requestID) = try request(
            borrower,
            ["--service", "Copy", "--title", "Nature", "--issn", "0028-0836", "--article-title", "A paper", "--pages", "1-9", "--copyright", "US-CCG"]
        )
        let lending = try await lenderTransaction(lender, for: requestID)
        try lender.cli(["tx", "action", String(lending), "sendCopy", "--url", "https://example.org/c/1.pdf", "--method", "URL", "--format", "PDF"])
        try await expectState(borrower, borrowing, "copyDelivered")
        try borrower.cli(["tx", "action", String(borrowing), "markReceived"])
        try await expectState(borrower, borrowing, "completed")
        #expect(try lender.transaction(lending)?.state == "copyCompleted")
    }

    @Test func renewalCancelUnfilledAndRetry() async throws {
        let (lender, borrower) = try pair(.http)
        try await lender.start()
        try await borrower.start()
        defer {
            lender.stop()
            borrower.stop()
        }
        // A renewal, granted.
        let (loan, loanRequest) = try request(borrower)
        let lending = try await lenderTransaction(lender, for: loanRequest)
        try lender.cli(["tx", "action", String(lending), "ship", "--due", "2026-12-31"])
        try await expectState(borrower, loan, "shipped")
        try borrower.cli(["tx", "action", String(loan), "markReceived"])
        try borrower.cli(["tx", "action", String(loan), "requestRenewal"])
        try await eventually("the lender to see the renewal request") { try lender.transaction(lending)?.renewalPending == true }
        try lender.cli(["tx", "action", String(lending), "grantRenewal", "--due", "2027-01-31"])
        try await eventually("the new due date at the borrower") { try borrower.transaction(loan)?.dueDate == "2027-01-31T23:59:59Z" }

        // A cancel, accepted.
        let (cancelled, cancelRequest) = try request(borrower, ["--title", "Typee"])
        let cancelLending = try await lenderTransaction(lender, for: cancelRequest)
        try borrower.cli(["tx", "action", String(cancelled), "cancel"])
        try await eventually("the lender to see the cancel") { try lender.transaction(cancelLending)?.cancelPending == true }
        try lender.cli(["tx", "action", String(cancelLending), "acceptCancel"])
        try await expectState(borrower, cancelled, "cancelled")

        // Unfilled.
        let (unfilled, unfilledRequest) = try request(borrower, ["--title", "Omoo"])
        let unfilledLending = try await lenderTransaction(lender, for: unfilledRequest)
        let refusal = try IllgateBinary.run(["tx", "action", String(unfilledLending), "unfilled", "--config", lender.configPath])
        #expect(refusal.status != 0 && refusal.error.contains("reasonUnfilled"), "unfilled needs a reason")
        try lender.cli(["tx", "action", String(unfilledLending), "unfilled", "--reason-unfilled", "NotHeld"])
        try await expectState(borrower, unfilled, "unfilled")

        // RetryPossible, then a retry with the offered cost.
        let (retried, retryRequest) = try request(borrower, ["--title", "Mardi"])
        let retryLending = try await lenderTransaction(lender, for: retryRequest)
        try lender.cli(["tx", "action", String(retryLending), "retryPossible", "--reason-retry", "CostExceedsMaxCost", "--offer", "25.00 USD"])
        try await expectState(borrower, retried, "conditionsOffered")
        let output = try borrower.cli(["tx", "action", String(retried), "retry"])
        #expect(output.contains("new transaction"))
        try await expectState(borrower, retried, "retried")
        try await eventually("the lender to receive the retry") {
            try lender.transactions().contains { $0.previousTransactionID == retryLending }
        }
    }

    @Test func deliverySurvivesThePeerBeingDownAndOurOwnRestart() async throws {
        let (lender, borrower) = try pair(.http)
        try await borrower.start()
        // The lender is down: requests and a cancel for the first one queue up at the borrower.
        let (first, firstRequest) = try request(borrower, ["--title", "First"])
        try borrower.cli(["tx", "action", String(first), "cancel"])
        let (_, secondRequest) = try request(borrower, ["--title", "Second"])
        try await eventually("failed attempts at the borrower") { borrower.log.contains("will retry") }
        #expect(try borrower.cli(["outbox", "list"]).contains("pending"))
        // The borrower restarts too: the queue lives in its database.
        #expect(borrower.stop() == 0)
        try await borrower.start()
        try await lender.start()
        defer {
            lender.stop()
            borrower.stop()
        }
        let firstLending = try await lenderTransaction(lender, for: firstRequest)
        _ = try await lenderTransaction(lender, for: secondRequest)
        // The cancel came after its request: in order.
        try await eventually("the cancel to reach the lender after its request") { try lender.transaction(firstLending)?.cancelPending == true }
        try await eventually("the borrower's outbox to drain") { try borrower.cli(["outbox", "list"]).contains("nothing waiting") }
    }
}
