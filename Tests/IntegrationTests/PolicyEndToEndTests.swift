import Foundation
import Testing

/// The lending, borrowing and copyright policy through two running daemons: a lender with a `[policy]` and
/// imported holdings answers requests by itself (refuses, offers back, supplies, holds for staff), and a
/// borrower with a `[policy]` declares and counts its copies (US-CCG, the sixth copy with a royalty).
@Suite(.serialized, .enabled(if: IllgateBinary.url != nil, "the illgate executable was not built"))
final class PolicyEndToEndTests {
    /// This suite's daemons' directories, removed with the suite.
    let scratch = ScratchDirectory("illgate-policy-it")
    var root: URL { scratch.url }
    /// A patron id that must never reach a log.
    static let patronID = "PATRON-SECRET-4711"

    // MARK: Configurations

    /// The lender answers by itself, lends and copies for free, and holds copies without a declaration.
    static let lenderPolicy = """
        [policy]
        timezone = "UTC"
        review_timeout = "10 days"

        [policy.lending]
        auto_responder = "will_supply"
        min_processing_days = 1
        new_material_embargo_days = 0
        loan_period_days = 30

        [policy.lending.charges]
        currency = "USD"
        loan = "0.00"
        copy = "0.00"

        [policy.lending.red_flags]
        same_title_per_peer_max = 20

        [policy.copyright]
        regime = "US"
        on_missing_declaration = "review"
        """

    /// The borrower counts copies under the CONTU guidelines and pays a royalty for the sixth.
    static let borrowerPolicy = """
        [policy]
        timezone = "UTC"

        [policy.copyright]
        regime = "US"

        [policy.copyright.borrowing]
        periodical_limit = 5
        window_years = 5
        on_limit = "pay_royalty"
        royalty_estimate = "12.50"
        royalty_auto_approve_max = "35.00"

        [policy.borrowing]
        default_patron_type = "faculty"

        [policy.patron_types.faculty]
        ill = true
        max_open = 50
        max_cost = "50.00"
        """

    /// What the lender holds: one book on the shelf, one out on loan, one journal.
    static let holdings = """
        title,isbn,issn,format,location,call_number,status,due_date,acquired_on
        Pierre or The Ambiguities,9780000000026,,Book,Main,PS2384 .P5,available,,2019-05-01
        Redburn His First Voyage,9780000000033,,Book,Main,PS2384 .R4,on_loan,2027-01-15,2019-05-01
        Journal of Policy Test Results,,1234-5679,Journal,Stacks,Q1 .J6,available,,2010-01-01

        """

    /// A lender (DK-LEND) with a policy and holdings, and a borrower (US-BORR), with or without a policy,
    /// reaching each other over `transport`.
    func pair(
        _ transport: RunningDaemon.Transport,
        borrowerPolicy: String? = PolicyEndToEndTests.borrowerPolicy
    ) throws -> (lender: RunningDaemon, borrower: RunningDaemon) {
        let lender = try RunningDaemon(name: "lender", agency: "ISIL:DK-LEND", root: root)
        let borrower = try RunningDaemon(name: "borrower", agency: "ISIL:US-BORR", root: root)
        let lenderChecks = transport == .http
            ? "country = \"US\"\n[peers.inbound]\nbasic_user = \"us-borr\"\nbasic_password = \"borrower-secret\""
            : "country = \"US\"\nallowed_addresses = [\"127.0.0.1/32\"]"
        let borrowerSends = transport == .http ? "[peers.outbound]\nbasic_user = \"us-borr\"\nbasic_password = \"borrower-secret\"" : ""
        try lender.configure(
            prefix: "LEND",
            peerName: "borrower",
            peerAgency: "ISIL:US-BORR",
            peerEndpoint: borrower.endpoint(over: transport),
            peerSections: lenderChecks,
            extraSections: Self.lenderPolicy
        )
        try borrower.configure(
            prefix: "BORR",
            peerName: "lender",
            peerAgency: "ISIL:DK-LEND",
            peerEndpoint: lender.endpoint(over: transport),
            peerSections: borrowerSends,
            extraSections: borrowerPolicy ?? ""
        )
        // Both configurations are valid as written.
        for daemon in [lender, borrower] {
            let check = try IllgateBinary.run(["check-config", daemon.configPath])
            #expect(check.status == 0, "\(daemon.name) configuration: \(check.output) \(check.error)")
        }
        // The lender's collection, imported before it starts.
        let csv = root.appendingPathComponent("holdings.csv")
        try Self.holdings.write(to: csv, atomically: true, encoding: .utf8)
        let imported = try lender.cli(["holdings", "import", csv.path])
        #expect(imported.contains("3 imported"), "holdings import: \(imported)")
        return (lender, borrower)
    }

    // MARK: Helpers

    /// `illgate request --peer lender ARGS`; returns the borrower's transaction id, request id and the
    /// copyright declaration the CLI reports.
    func request(_ borrower: RunningDaemon, _ arguments: [String]) throws -> (id: Int64, requestID: String, copyright: String?) {
        let output = try borrower.cli(["request", "--peer", "lender"] + arguments)
        // "transaction 1: requested, request BORR-XXXX to lender, copyright US-CCG"
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("transaction ") }, "not sent: \(output)")
        let words = line.split(separator: " ")
        let id = try #require(Int64(words[1].dropLast()))
        let requestID = String(try #require(words.firstIndex(of: "request").map { words[$0 + 1] }))
        let copyright = words.firstIndex(of: "copyright").map { String(words[$0 + 1]).trimmingCharacters(in: .punctuationCharacters.subtracting(["-"])) }
        return (id, requestID, copyright)
    }

    func lenderTransaction(_ lender: RunningDaemon, for requestID: String) async throws -> Int64 {
        try await eventually("the lender to receive \(requestID)") { try lender.transaction(requestID: requestID) != nil }
        return try #require(try lender.transaction(requestID: requestID)).id
    }

    func expectState(_ daemon: RunningDaemon, _ id: Int64, _ state: String, timeout: Double = 60) async throws {
        do {
            try await eventually("\(daemon.name) transaction \(id) to be \(state)", timeout: timeout) { try daemon.transaction(id)?.state == state }
        } catch {
            Issue.record("\(daemon.name) transaction \(id) is \((try? daemon.transaction(id)?.state) ?? "?"), not \(state)")
            throw error
        }
    }

    /// The log lines of policy decisions.
    func policyLines(_ daemon: RunningDaemon) -> [Substring] {
        daemon.log.split(separator: "\n").filter { $0.contains("event=policy") }
    }

    /// `illgate report copyright --year Y --format csv`, as rows keyed by the header.
    func copyrightReport(_ borrower: RunningDaemon, year: Int) throws -> [[String: String]] {
        let text = try borrower.cli(["report", "copyright", "--year", String(year), "--format", "csv"])
        let lines = text.split(separator: "\n").map(String.init)
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else { return [] }
        return lines.dropFirst().map { line in
            // The test's data has no commas or quotes, so a plain split is exact.
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
    }

    // MARK: Tests

    /// The lender watches its loans: a loan shipped with a due date already past is marked Overdue by the
    /// daemon's housekeeping (at start-up, then hourly) and the borrower hears it.
    @Test func aLoanPastItsDueDateIsMarkedOverdueByTheLender() async throws {
        let (lender, borrower) = try pair(.http, borrowerPolicy: nil)
        try await lender.start()
        try await borrower.start()
        defer {
            lender.stop()
            borrower.stop()
        }
        let loan = try request(borrower, ["--title", "Pierre or The Ambiguities", "--isbn", "9780000000026"])
        try await expectState(borrower, loan.id, "willSupply")
        let lending = try await lenderTransaction(lender, for: loan.requestID)
        try lender.cli(["tx", "action", String(lending), "ship", "--due", "2020-01-31"])
        try await expectState(borrower, loan.id, "shipped")
        #expect(!lender.log.contains("loan overdue"))

        #expect(lender.stop() == 0)
        try await lender.start()
        try await eventually("the lender to mark the loan overdue") { try lender.transaction(lending)?.state == "overdue" }
        try await eventually("the overdue to be logged") { lender.log.contains("loan overdue") && lender.log.contains("event=overdue") }
        try await eventually("the borrower to hear Overdue") {
            try borrower.detail(loan.id).messages.contains { $0.direction == "inbound" && ($0.body?.contains("<status>Overdue</status>") ?? false) }
        }

        // The year's statistics count it as supplied on both sides.
        let statistics = try lender.cli(["report", "activity", "--format", "csv"])
        #expect(statistics.contains("lending,borrower,1,1,0,0,0,0,1.0000,"), "\(statistics)")
        #expect(try borrower.cli(["report", "activity"]).contains("borrowing"))
    }

    /// Refuses, offers back, supplies, and declares and counts six copies of one journal.
    @Test func lenderDecidesAndBorrowerCountsCopies() async throws {
        let (lender, borrower) = try pair(.http)
        try await lender.start()
        try await borrower.start()
        defer {
            lender.stop()
            borrower.stop()
        }
        let patron = ["--patron-id", Self.patronID, "--patron-type", "faculty"]

        // 1. Refuses: not in the holdings → Unfilled NotHeld.
        let notHeld = try request(borrower, ["--title", "Israel Potter", "--isbn", "9780000000019"] + patron)
        #expect(notHeld.copyright == nil, "a loan carries no copyright declaration")
        try await expectState(borrower, notHeld.id, "unfilled")
        let notHeldLending = try await lenderTransaction(lender, for: notHeld.requestID)
        #expect(try lender.transaction(notHeldLending)?.state == "unfilled")
        let refusal = try #require(try lender.detail(notHeldLending).messages.first { $0.direction == "outbound" && $0.type == "supplyingAgencyMessage" })
        #expect(refusal.body?.contains("NotHeld") == true, "reasonUnfilled NotHeld: \(refusal.body ?? "")")
        #expect(refusal.body?.contains("Unfilled") == true)

        // 2. Offers back: on loan until 2027-01-15 → RetryPossible OnLoan, retry after the due date.
        let onLoan = try request(borrower, ["--title", "Redburn His First Voyage", "--isbn", "9780000000033"] + patron)
        try await expectState(borrower, onLoan.id, "conditionsOffered")
        let onLoanLending = try await lenderTransaction(lender, for: onLoan.requestID)
        #expect(try lender.transaction(onLoanLending)?.state == "retryPossible")
        let offer = try #require(try lender.detail(onLoanLending).messages.first { $0.direction == "outbound" && $0.type == "supplyingAgencyMessage" })
        #expect(offer.body?.contains("RetryPossible") == true)
        #expect(offer.body?.contains("OnLoan") == true, "reasonRetry OnLoan: \(offer.body ?? "")")
        #expect(offer.body?.contains("2027-01-15") == true, "retryAfter is the due date: \(offer.body ?? "")")
        #expect(try borrower.transaction(onLoan.id)?.state == "conditionsOffered")

        // 4. Supplies: held and on the shelf → WillSupply, with no staff involved.
        let available = try request(borrower, ["--title", "Pierre or The Ambiguities", "--isbn", "9780000000026"] + patron)
        try await expectState(borrower, available.id, "willSupply")
        let availableLending = try await lenderTransaction(lender, for: available.requestID)
        #expect(try lender.transaction(availableLending)?.state == "willSupply")

        // ... and renews it once by itself (R01), then refuses (R02: renewal_max defaults to 1).
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let day = { (date: Date) in
            let parts = utc.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        }
        let shippedDue = utc.date(byAdding: .day, value: 20, to: Date())!
        try lender.cli(["tx", "action", String(availableLending), "ship", "--due", day(shippedDue)])
        try await expectState(borrower, available.id, "shipped")
        let firstDue = try #require(try borrower.transaction(available.id)?.dueDate)
        #expect(firstDue.hasPrefix(day(shippedDue)))
        try borrower.cli(["tx", "action", String(available.id), "markReceived"])
        try borrower.cli(["tx", "action", String(available.id), "requestRenewal"])
        let renewedDue = day(utc.date(byAdding: .day, value: 28, to: shippedDue)!)
        try await eventually("the renewal to be granted, due \(renewedDue)") {
            try borrower.transaction(available.id)?.dueDate?.hasPrefix(renewedDue) == true
        }
        try await eventually("the borrower's renewal to be answered") { try borrower.transaction(available.id)?.renewalPending == false }
        try borrower.cli(["tx", "action", String(available.id), "requestRenewal"])
        try await eventually("the second renewal to be refused") {
            try lender.detail(availableLending, xml: false).events.contains { $0.event == "policy:refuseRenewal" }
        }
        try await eventually("the borrower to hear the refusal") { try borrower.transaction(available.id)?.renewalPending == false }
        #expect(try borrower.transaction(available.id)?.dueDate?.hasPrefix(renewedDue) == true, "a refused renewal keeps the due date")
        #expect(try lender.transaction(availableLending)?.dueDate?.hasPrefix(renewedDue) == true)

        // 5. Six copies from one journal this year: five under the guidelines, the sixth with a royalty.
        let year = utc.component(.year, from: Date())
        var copies: [(id: Int64, requestID: String, copyright: String?)] = []
        for number in 1...6 {
            let published = String(format: "%04d-%02d", year - 1 - number % 3, number + 1)
            let copy = try request(
                borrower,
                [
                    "--service", "Copy", "--title", "Journal of Policy Test Results", "--issn", "1234-5679",
                    "--article-title", "Finding number \(number) of the policy engine",
                    "--volume", String(40 + number), "--pages", "\(number * 10)-\(number * 10 + 7)", "--date", published,
                ] + patron
            )
            #expect(copy.copyright == "US-CCG", "copy \(number) is declared US-CCG, not \(copy.copyright ?? "nothing")")
            copies.append(copy)
        }
        for (number, copy) in copies.enumerated() {
            let sent = try #require(try borrower.detail(copy.id).messages.first { $0.direction == "outbound" && $0.type == "request" })
            #expect(sent.body?.contains("US-CCG") == true, "copy \(number + 1)'s request declares US-CCG")
            #expect(sent.body?.contains("copyrightCompliance") == true)
            // The lender holds the journal and the declaration is accepted: all six are supplied.
            try await expectState(borrower, copy.id, "willSupply")
        }
        // The first copy arrives: its ledger entry is kept (filled); the others stay reserved.
        let firstCopyLending = try await lenderTransaction(lender, for: copies[0].requestID)
        try lender.cli(["tx", "action", String(firstCopyLending), "sendCopy", "--url", "https://example.org/c/1.pdf", "--method", "URL", "--format", "PDF"])
        try await expectState(borrower, copies[0].id, "copyDelivered")
        try await eventually("the first copy's ledger entry to be filled") {
            try self.copyrightReport(borrower, year: year).first { $0["transaction"] == String(copies[0].id) }?["state"] == "filled"
        }
        let report = try copyrightReport(borrower, year: year).filter { $0["issns"] == "1234-5679" }
        #expect(report.count == 6, "six ledger entries: \(report)")
        #expect(report.allSatisfy { $0["counted"] == "yes" && $0["declaration"] == "US-CCG" }, "\(report)")
        #expect(report.filter { $0["state"] == "reserved" }.count == 5, "\(report.map { $0["state"] ?? "" })")
        let bases = report.map { $0["basis"] ?? "" }
        #expect(bases.filter { $0 == "guideline" }.count == 5, "\(bases)")
        let sixth = try #require(report.first { $0["transaction"] == String(copies[5].id) }, "the sixth copy's entry: \(report)")
        #expect(sixth["basis"] == "royalty")
        #expect(Decimal(string: sixth["royalty_estimate"] ?? "") == Decimal(string: "12.5"), "\(sixth)")
        for copy in copies.prefix(5) {
            #expect(report.first { $0["transaction"] == String(copy.id) }?["basis"] == "guideline")
        }
        let table = try borrower.cli(["report", "copyright", "--year", String(year)])
        #expect(table.contains("over limit"), "the table shows the title over the limit: \(table)")

        // The sixth copy arrives: its royalty is owed, and staff mark it paid in one batch.
        let sixthCopyLending = try await lenderTransaction(lender, for: copies[5].requestID)
        try lender.cli(["tx", "action", String(sixthCopyLending), "sendCopy", "--url", "https://example.org/c/6.pdf", "--method", "URL", "--format", "PDF"])
        try await expectState(borrower, copies[5].id, "copyDelivered")
        try await eventually("the sixth copy's ledger entry to be filled") {
            try self.copyrightReport(borrower, year: year).first { $0["transaction"] == String(copies[5].id) }?["state"] == "filled"
        }
        let owed = try borrower.cli(["royalties", "list", "--year", String(year), "--unpaid"])
        #expect(owed.contains("owed (arrived, not paid), estimated: 12.50"), "\(owed)")
        let now = Date()
        let today = String(format: "%04d-%02d-%02d", utc.component(.year, from: now), utc.component(.month, from: now), utc.component(.day, from: now))
        let paid = try borrower.cli(["royalties", "pay", "--batch", "CCC-2026-11", "--through", today])
        #expect(paid.contains("1 royalty marked paid"), "\(paid)")
        let paidEntry = try copyrightReport(borrower, year: year).first { $0["transaction"] == String(copies[5].id) }
        #expect(paidEntry?["royalty_paid"] == "yes" && paidEntry?["payment_batch"] == "CCC-2026-11", "\(paidEntry ?? [:])")
        #expect(try borrower.cli(["royalties", "list", "--year", String(year), "--unpaid"]).contains("no unpaid royalties"))

        // One event=policy line per decision, with its rule: 9 requests sent, 9 received, 2 renewals answered.
        try await eventually("eleven decisions in the lender's log") { self.policyLines(lender).count >= 11 }
        try await eventually("nine borrowing decisions in the borrower's log") { self.policyLines(borrower).count >= 9 }
        let lenderLines = policyLines(lender)
        let borrowing = policyLines(borrower)
        #expect(lenderLines.count == 11, "\(lenderLines.joined(separator: "\n"))")
        #expect(borrowing.count == 9, "\(borrowing.joined(separator: "\n"))")
        #expect(lenderLines.allSatisfy { $0.contains("rule=") }, "\(lenderLines)")
        let lending = lenderLines.filter { $0.contains("side=lending") }
        let renewals = lenderLines.filter { $0.contains("side=renewal") }
        #expect(lending.count == 9)
        #expect(renewals.count == 2)
        #expect(renewals.contains { $0.contains("decision=granted") && $0.contains("rule=R01") }, "\(renewals)")
        #expect(renewals.contains { $0.contains("decision=refused") && $0.contains("rule=R02") }, "\(renewals)")
        #expect(borrowing.allSatisfy { $0.contains("side=borrowing") && $0.contains("rule=") }, "\(borrowing)")
        #expect(lending.contains { $0.contains("reason=NotHeld") && $0.contains("rule=L07") && $0.split(separator: " ").contains("tx=\(notHeldLending)") }, "\(lending)")
        #expect(lending.contains { $0.contains("reason=OnLoan") && $0.contains("rule=L07") })
        #expect(lending.filter { $0.contains("rule=L17") }.count == 7, "the loan and six copies were accepted by L17: \(lending)")
        #expect(borrowing.contains { $0.contains("rules=") && $0.contains("K09") }, "the sixth copy's decision names K09: \(borrowing)")
        // No patron data in either log, though the patron id went out in the requests.
        #expect(!lender.log.contains(Self.patronID))
        #expect(!borrower.log.contains(Self.patronID))
        // SIGTERM with the policy's timers running stops promptly (they used to hold shutdown for 20 s).
        let stopping = Date()
        #expect(lender.stop() == 0)
        #expect(Date().timeIntervalSince(stopping) < 15, "the lender took \(Date().timeIntervalSince(stopping)) s to stop")
        #expect(try lender.detail(availableLending, xml: true).messages.contains { $0.body?.contains(Self.patronID) == true }, "the patron id did travel")
    }

    /// 3. Holds: a copy without a copyright declaration (from a borrower without a policy, which adds none)
    /// waits for the lender's staff; approved, it is answered WillSupply, refused, Unfilled.
    @Test(arguments: [RunningDaemon.Transport.http, .tcp])
    func copyWithoutDeclarationIsHeldForReview(over transport: RunningDaemon.Transport) async throws {
        let (lender, borrower) = try pair(transport, borrowerPolicy: nil)
        try await lender.start()
        try await borrower.start()
        defer {
            lender.stop()
            borrower.stop()
        }
        // Two articles from different issues (two from one issue would be held by the red flag L06 instead).
        let copyArguments = { (title: String, volume: String, date: String) in
            [
                "--service", "Copy", "--title", "Journal of Policy Test Results", "--issn", "1234-5679", "--article-title", title,
                "--volume", volume, "--pages", "3-9", "--date", date,
            ]
        }
        let held = try request(borrower, copyArguments("An undeclared article", "12", "2024-05") + ["--patron-id", Self.patronID])
        #expect(held.copyright == nil)
        let heldLending = try await lenderTransaction(lender, for: held.requestID)
        var reviews: [ReviewJSON] = []
        try await eventually("the lender's review queue to hold the copy") {
            reviews = try lender.reviews()
            return reviews.contains { $0.transactionID == heldLending }
        }
        let review = try #require(reviews.first { $0.transactionID == heldLending })
        #expect(review.side == "lending")
        #expect(review.rule == "C01", "held by the missing declaration rule: \(review)")
        #expect(review.state == "open")
        #expect(review.deadline != nil, "on_review_timeout = unfilled gives a deadline")
        #expect(try lender.cli(["review", "list"]).contains(String(review.id)))
        // Nothing but the confirmation went back: no status message, and the borrower still waits.
        let before = try lender.detail(heldLending)
        #expect(!before.messages.contains { $0.direction == "outbound" }, "\(before.messages)")
        #expect(before.transaction.state == "requestReceived")
        #expect(try borrower.transaction(held.id)?.state == "requested")

        let approved = try lender.cli(["review", "approve", String(review.id), "--note", "Declaration waived by staff"])
        #expect(approved.contains("approved"), "\(approved)")
        try await expectState(borrower, held.id, "willSupply")
        #expect(try lender.transaction(heldLending)?.state == "willSupply")
        #expect(try !lender.reviews().contains { $0.id == review.id }, "an approved review leaves the open queue")

        // A second one, refused.
        let refused = try request(borrower, copyArguments("Another undeclared article", "9", "2021-02"))
        let refusedLending = try await lenderTransaction(lender, for: refused.requestID)
        var second: ReviewJSON?
        try await eventually("the second review") {
            second = try lender.reviews().first { $0.transactionID == refusedLending }
            return second != nil
        }
        let secondReview = try #require(second)
        try lender.cli(["review", "refuse", String(secondReview.id), "--reason", "PolicyProblem", "--note", "Please declare US-CCG or US-CCL"])
        try await expectState(borrower, refused.id, "unfilled")
        let answer = try #require(try lender.detail(refusedLending).messages.first { $0.direction == "outbound" && $0.type == "supplyingAgencyMessage" })
        #expect(answer.body?.contains("PolicyProblem") == true)

        // The lender logged one decision per request (the review), with its rule; the borrower has no policy.
        try await eventually("two lending decisions in the log") { self.policyLines(lender).count >= 2 }
        let lines = policyLines(lender)
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.allSatisfy { $0.contains("decision=review") && $0.contains("rule=C01") }, "\(lines)")
        #expect(policyLines(borrower).isEmpty)
        #expect(!lender.log.contains(Self.patronID))
        #expect(!borrower.log.contains(Self.patronID))
    }
}

extension PolicyEndToEndTests {
    /// 5b. A copy over the limit held for staff (`on_limit = "review"`): nothing is sent until staff approve,
    /// then it goes out with US-CCG and counts with basis royalty.
    @Test func copyOverTheLimitHeldThenApproved() async throws {
        let policy = Self.borrowerPolicy
            .replacingOccurrences(of: "periodical_limit = 5", with: "periodical_limit = 1")
            .replacingOccurrences(of: "on_limit = \"pay_royalty\"", with: "on_limit = \"review\"")
        let (lender, borrower) = try pair(.http, borrowerPolicy: policy)
        try await lender.start()
        try await borrower.start()
        defer {
            lender.stop()
            borrower.stop()
        }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let year = utc.component(.year, from: Date())
        let copy = { (number: Int) in
            [
                "--service", "Copy", "--title", "Journal of Policy Test Results", "--issn", "1234-5679",
                "--article-title", "Limit study \(number)", "--volume", String(number), "--pages", "1-5",
                "--date", "\(year - 2)-0\(number)", "--patron-id", Self.patronID,
            ]
        }
        let first = try request(borrower, copy(1))
        #expect(first.copyright == "US-CCG")
        try await expectState(borrower, first.id, "willSupply")

        let output = try borrower.cli(["request", "--peer", "lender"] + copy(2))
        #expect(output.contains("held for review"), "\(output)")
        let held = try #require(try borrower.reviews().first { $0.side == "borrowing" })
        #expect(held.rule == "K09", "\(held)")
        #expect(held.transactionID == nil, "nothing was sent")
        #expect(try borrower.transactions().count == 1, "nothing was sent")

        let approved = try borrower.cli(["review", "approve", String(held.id), "--note", "royalty approved"])
        #expect(approved.contains("approved"), "\(approved)")
        try await eventually("the approved copy to be sent") { try borrower.transactions().count == 2 }
        let sent = try #require(try borrower.transactions().first { $0.id != first.id })
        let body = try #require(try borrower.detail(sent.id).messages.first { $0.direction == "outbound" && $0.type == "request" }?.body)
        #expect(body.contains("US-CCG"))
        try await expectState(borrower, sent.id, "willSupply")
        let report = try copyrightReport(borrower, year: year).filter { $0["issns"] == "1234-5679" }
        #expect(report.map { $0["basis"] ?? "" }.sorted() == ["guideline", "royalty"], "\(report)")
        #expect(report.first { $0["transaction"] == String(sent.id) }?["basis"] == "royalty")
        #expect(borrower.log.split(separator: "\n").contains { $0.contains("event=policy") && $0.contains("decision=hold") && $0.contains("rule=K09") })
        #expect(!borrower.log.contains(Self.patronID))
        #expect(!lender.log.contains(Self.patronID))
    }
}

// MARK: JSON the tests read

struct MessageJSON: Decodable {
    var id: Int64
    var direction: String
    var type: String?
    var summary: String
    var body: String?
}

struct EventJSON: Decodable {
    var event: String
    var fromState: String
    var toState: String
    var detail: String?
}

struct TransactionDetailJSON: Decodable {
    var transaction: TransactionJSON
    var events: [EventJSON]
    var messages: [MessageJSON]
}

struct ReviewJSON: Decodable {
    var id: Int64
    var side: String
    var transactionID: Int64?
    var rule: String
    var why: String
    var state: String
    var deadline: String?
}

extension RunningDaemon {
    /// `illgate tx show --json --xml ID`.
    func detail(_ id: Int64, xml: Bool = true) throws -> TransactionDetailJSON {
        try JSONDecoder().decode(TransactionDetailJSON.self, from: Data(cli(["tx", "show", String(id), "--json"] + (xml ? ["--xml"] : [])).utf8))
    }

    /// `illgate review list --json`: the open reviews.
    func reviews() throws -> [ReviewJSON] {
        try JSONDecoder().decode([ReviewJSON].self, from: Data(cli(["review", "list", "--json"]).utf8))
    }
}
