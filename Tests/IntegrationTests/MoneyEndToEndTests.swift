import Foundation
import Testing

/// Lost and damaged loans billed between two running daemons, over HTTP, with a 2021 peer and with a 1.2 peer:
/// the loss reported, CompletedWithoutReturn with the replacement cost, the charge recorded (and flagged above
/// maximumCosts) at the borrower, invoiced by the lender, recorded and approved by the borrower, paid, and both
/// statements at zero; a damaged return and a waived charge; money in the admin API's JSON only as strings.
@Suite(.serialized, .enabled(if: IllgateBinary.url != nil, "the illgate executable was not built"))
final class MoneyEndToEndTests {
    let scratch = ScratchDirectory("illgate-money-it")
    var root: URL { scratch.url }
    static let patronID = "PATRON-MONEY-0042"

    static let lenderSections = """
        [billing]
        name = "Lending Library ILL"
        address = ["1 Library Way", "Springfield"]
        tax_id = "DK12345678"
        payment_terms_days = 30

        [policy]
        timezone = "UTC"

        [policy.lending]
        auto_responder = "will_supply"
        min_processing_days = 1
        new_material_embargo_days = 0

        [policy.lending.charges]
        currency = "USD"
        loan = "0.00"
        copy = "0.00"
        lost_processing_fee = "10.00"
        damage_fee = "25.00"

        [policy.lending.charges.replacement]
        default = "40.00"
        book = "60.00"
        """

    static let holdings = """
        title,isbn,format,location,status,replacement_cost
        Moby-Dick,9780142437247,Book,Main,available,45.00 USD
        Typee,9780140434880,Book,Main,available,

        """

    func pair(edition: String) throws -> (lender: RunningDaemon, borrower: RunningDaemon) {
        let lender = try RunningDaemon(name: "lender", agency: "ISIL:DK-LEND", root: root)
        let borrower = try RunningDaemon(name: "borrower", agency: "ISIL:US-BORR", root: root)
        try lender.configure(
            prefix: "LEND", peerName: "borrower", peerAgency: "ISIL:US-BORR", peerEndpoint: borrower.endpoint(over: .http),
            peerSections: "edition = \"\(edition)\"\ncountry = \"US\"\n[peers.inbound]\nbasic_user = \"us-borr\"\nbasic_password = \"borrower-secret\"",
            extraSections: Self.lenderSections
        )
        try borrower.configure(
            prefix: "BORR", peerName: "lender", peerAgency: "ISIL:DK-LEND", peerEndpoint: lender.endpoint(over: .http),
            peerSections: "edition = \"\(edition)\"\n[peers.outbound]\nbasic_user = \"us-borr\"\nbasic_password = \"borrower-secret\""
        )
        for daemon in [lender, borrower] {
            let check = try IllgateBinary.run(["check-config", daemon.configPath])
            #expect(check.status == 0, "\(daemon.name) configuration: \(check.output) \(check.error)")
        }
        let csv = root.appendingPathComponent("holdings-\(edition).csv")
        try Self.holdings.write(to: csv, atomically: true, encoding: .utf8)
        #expect(try lender.cli(["holdings", "import", csv.path]).contains("2 imported"))
        return (lender, borrower)
    }

    /// A loan requested with maximumCosts 20.00 USD, shipped and received: both sides' ids.
    func receivedLoan(_ lender: RunningDaemon, _ borrower: RunningDaemon, title: String, isbn: String) async throws -> (Int64, Int64, String) {
        let output = try borrower.cli(["request", "--peer", "lender", "--title", title, "--isbn", isbn, "--max-cost", "20.00 USD", "--patron-id", Self.patronID])
        let words = output.split(separator: " ")
        let borrowing = try #require(Int64(words[1].dropLast()))
        let requestID = String(try #require(words.firstIndex(of: "request").map { words[$0 + 1] }))
        try await eventually("the lender to supply \(requestID)") { try lender.transaction(requestID: requestID)?.state == "willSupply" }
        let lending = try #require(try lender.transaction(requestID: requestID)).id
        try lender.cli(["tx", "action", String(lending), "ship", "--due", "2026-12-31", "--item", "39001000123"])
        try await eventually("the borrower to see it shipped") { try borrower.transaction(borrowing)?.state == "shipped" }
        try borrower.cli(["tx", "action", String(borrowing), "markReceived"])
        try await eventually("the lender to see it received") { try lender.transaction(lending)?.state == "received" }
        return (borrowing, lending, requestID)
    }

    /// Every amount in the JSON is a string; the only numbers are ids and line numbers, and they are integers.
    static func checkNoFloats(_ json: String, _ what: String) throws {
        func walk(_ value: Any, key: String?) {
            if let object = value as? [String: Any] {
                for (childKey, child) in object { walk(child, key: childKey) }
            } else if let array = value as? [Any] {
                for child in array { walk(child, key: key) }
            } else if let number = value as? NSNumber, !(value is Bool) {
                #expect(["id", "transactionId", "line"].contains(key ?? ""), "\(what): \(key ?? "?") is the number \(number)")
                #expect(number.doubleValue == Double(number.int64Value), "\(what): \(key ?? "?") = \(number) is not an integer")
            } else if key == "amount" {
                #expect(value is String, "\(what): amount \(value) is not a string")
            }
        }
        walk(try JSONSerialization.jsonObject(with: Data(json.utf8)), key: nil)
    }

    @Test(arguments: ["2021-2", "1.2"])
    func lostItemBilledAndPaid(edition: String) async throws {
        let (lender, borrower) = try pair(edition: edition)
        try await lender.start()
        try await borrower.start()
        defer {
            lender.stop()
            borrower.stop()
        }
        let (borrowing, lending, requestID) = try await receivedLoan(lender, borrower, title: "Moby-Dick", isbn: "9780142437247")

        // The borrower reports the loss; a renewal is refused while the bill is awaited.
        try borrower.cli(["tx", "action", String(borrowing), "reportLost", "--note", "Lost by the patron"])
        // (A 2021 lender may already have answered: then the transaction is closed.)
        #expect(["awaitingBill", "completedWithoutReturn"].contains(try borrower.transaction(borrowing)?.state ?? ""))
        let renewal = try IllgateBinary.run(["tx", "action", String(borrowing), "requestRenewal", "--config", borrower.configPath])
        #expect(renewal.status != 0 && (renewal.error.contains("reported lost or damaged") || renewal.error.contains("cannot change")), "\(renewal.error)")
        #expect(try borrower.cli(["invoice", "received", "awaiting"]).contains(requestID))
        if edition == "1.2" {
            // A 1.2 peer has no Lost action: the lender is told by a Notification, and its staff mark the loss.
            try await eventually("the note to reach the lender") { try borrower.cli(["outbox", "list"]).contains("nothing waiting") }
            #expect(try lender.transaction(lending)?.state == "received")
            try lender.cli(["tx", "action", String(lending), "markLost"])
        }
        try await eventually("the lender to bill it") { try lender.transaction(lending)?.state == "completedWithoutReturn" }
        try await eventually("the borrower to see the bill") { try borrower.transaction(borrowing)?.state == "completedWithoutReturn" }

        // The borrower recorded the 55.00 USD the lender stated, flagged above its 20.00 USD maximum.
        let charges = try borrower.cli(["charge", "list", "--tx", String(borrowing), "--json"])
        try Self.checkNoFloats(charges, "charge list")
        #expect(charges.contains(#""balance":{"amount":"55.00","currency":"USD"}"#))
        #expect(charges.contains("above the 20.00 USD we accepted"))

        // The lender invoices it; the borrower records, approves and exports it; the lender records the payment.
        let created = try lender.cli(["invoice", "create", "--peer", "borrower"])
        let number = String(try #require(created.split(separator: " ").dropFirst().first))
        #expect(created.contains("total 55.00 USD"))
        let recorded = try borrower.cli([
            "invoice", "received", "record", "--peer", "lender", "--number", number, "--date", "2026-12-07", "--currency", "USD",
            "--line", "\(requestID):55.00:Replacement and processing",
        ])
        #expect(recorded.contains("55.00 USD, clean"), "\(recorded)")
        let receivedID = String(try #require(recorded.split(separator: " ").dropFirst(2).first))
        try borrower.cli(["invoice", "received", "approve", receivedID, "--by", "ann"])
        #expect(try borrower.cli(["invoice", "received", "export"]).contains("lender,\(number),2026-12-07,55.00,USD,ann"))
        #expect(try lender.cli(["invoice", "pay", number, "--amount", "55.00", "--reference", "chq-1"]).contains("balance 0.00 USD"))

        let lenderStatement = try lender.cli(["invoice", "statement", "--peer", "borrower", "--json"])
        let borrowerStatement = try borrower.cli(["invoice", "statement", "--peer", "lender", "--json"])
        #expect(lenderStatement.contains(#""receivableOutstanding":{"amount":"0.00","currency":"USD"}"#))
        #expect(borrowerStatement.contains(#""payableOutstanding":{"amount":"0.00","currency":"USD"}"#))
        let invoice = try lender.cli(["invoice", "show", number, "--json"])
        for (json, what) in [(lenderStatement, "lender statement"), (borrowerStatement, "borrower statement"), (invoice, "invoice")] {
            try Self.checkNoFloats(json, what)
        }
        // The activity report carries the money both ways, by the day it is dated, on the CLI and the admin API.
        let period = ["--from", "2026-01-01", "--to", "2099-12-31"]
        let lent = try lender.cli(["report", "activity", "--format", "csv"] + period)
        #expect(lent.hasPrefix("role,peer,requests,supplied,unfilled,conditions,cancelled,open,fill_rate,median_days_to_supply,billed,paid\n"))
        #expect(lent.contains("lending,borrower,1,1,0,0,0,0,1.0000,"), "\(lent)")
        #expect(lent.contains(",55.00 USD,55.00 USD\n"), "invoiced and paid: \(lent)")
        let borrowed = try borrower.cli(["report", "activity"] + period)
        #expect(borrowed.contains("BILLED") && borrowed.contains("55.00 USD"), "\(borrowed)")
        let token = try String(contentsOf: lender.directory.appendingPathComponent("admin.token"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let answer = try AuthenticationTests.exchange(
            port: lender.adminPort,
            "GET /v1/reports/activity?from=2026-01-01&to=2099-12-31 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nConnection: close\r\n\r\n"
        )
        #expect(answer.contains(#""billed":[{"amount":"55.00","currency":"USD"}]"#), "\(answer)")
        #expect(answer.contains(#""paid":[{"amount":"55.00","currency":"USD"}]"#), "\(answer)")

        let pdf = root.appendingPathComponent("invoice-\(edition).pdf")
        try lender.cli(["invoice", "show", number, "--pdf", pdf.path])
        #expect(try Data(contentsOf: pdf).prefix(5) == Data("%PDF-".utf8))
        #expect(!lender.log.contains(Self.patronID) && !borrower.log.contains(Self.patronID), "patron ids never reach a log")
    }

    @Test func damagedReturnAndWaivedCharge() async throws {
        let (lender, borrower) = try pair(edition: "2021-2")
        try await lender.start()
        try await borrower.start()
        defer {
            lender.stop()
            borrower.stop()
        }
        let (borrowing, lending, _) = try await receivedLoan(lender, borrower, title: "Typee", isbn: "9780140434880")
        try borrower.cli(["tx", "action", String(borrowing), "reportDamaged", "--note", "Water damage"])
        try borrower.cli(["tx", "action", String(borrowing), "shipReturn"])
        try await eventually("the lender to see the return") { try lender.transaction(lending)?.state == "returnShipped" }
        try lender.cli(["tx", "action", String(lending), "markDamaged"])
        try await eventually("the borrower to see the loan completed") { try borrower.transaction(borrowing)?.state == "completed" }
        #expect(try lender.cli(["charge", "list", "--tx", String(lending)]).contains("damageFee"))
        #expect(try borrower.cli(["charge", "list", "--tx", String(borrowing), "--json"]).contains(#""amount":"25.00""#))

        // A charge added, then waived: nothing is left to invoice but the damage fee.
        let added = try lender.cli(["charge", "add", String(lending), "--kind", "other", "--amount", "5.00", "--note", "postage"])
        let chargeID = String(try #require(added.split(separator: " ").dropFirst().first?.dropLast()))
        #expect(try lender.cli(["charge", "waive", chargeID, "--reason", "goodwill"]).contains("now 0.00 USD"))
        #expect(try lender.cli(["invoice", "create", "--peer", "borrower"]).contains("1 line, total 25.00 USD"))
        let refused = try IllgateBinary.run(["charge", "add", String(lending), "--kind", "other", "--amount", "-1.00", "--config", lender.configPath])
        #expect(refused.status != 0 && refused.error.contains("amount:"))
    }
}
