import Foundation
import Testing

/// `illgate policy explain --json` on decisions that need no stored history, written from the rule text
/// (issue 12): geography per service type (L04), UK s.41 (C04), several fixable failures in one answer (§5.3),
/// and the stable reason code in the JSON equal to the note's `[illgate:<code>]` prefix.
@Suite(.enabled(if: IllgateBinary.url != nil, "the illgate executable was not built"))
final class PolicyExplainRuleTextTests {
    let scratch = ScratchDirectory("illgate-explain-it")
    var root: URL { scratch.url }

    struct Case: Sendable, CustomTestStringConvertible {
        var description: String
        /// Extra `[policy…]` lines.
        var policy: String
        /// The peer's `country`.
        var country: String
        var serviceType: String
        /// The request's bibliographic and service extras.
        var bibliographic: String
        var serviceExtra: String = ""
        var billing: String = ""
        var delivery: String = ""
        var decision: String
        var rule: String
        var code: String
        var answer: [String: String] = [:]
        var testDescription: String { description }
    }

    static let journal = """
        <bibliographicItemId><bibliographicItemIdentifier>1234-5679</bibliographicItemIdentifier><bibliographicItemIdentifierCode>ISSN</bibliographicItemIdentifierCode></bibliographicItemId>
        <title>Journal of Policy Test Results</title><titleOfComponent>An article</titleOfComponent><pagesRequested>1-10</pagesRequested>
        """
    static let book = """
        <bibliographicItemId><bibliographicItemIdentifier>9780306406157</bibliographicItemIdentifier><bibliographicItemIdentifierCode>ISBN</bibliographicItemIdentifierCode></bibliographicItemId>
        <title>A Book About Rivers</title><titleOfComponent>Chapter 2</titleOfComponent><pagesRequested>21-40</pagesRequested>
        """

    /// The lender's collection, with the item-level columns.
    static let holdings = """
        title,isbn,issn,format,status,loan_allowed,copy_allowed,periodical_class
        Journal of Policy Test Results,,1234-5679,Journal,available,no,yes,scholarly
        A Book About Rivers,9780306406157,,Book,available,yes,yes,

        """

    static let cases: [Case] = [
        Case(
            description: "L04: a loan to a library outside loan_countries is Unfilled PolicyProblem (geography)",
            policy: "[policy.lending]\nloan_countries = [\"US\"]\n", country: "GB", serviceType: "Loan", bibliographic: book,
            decision: "unfilled", rule: "L04", code: "geography", answer: ["status": "Unfilled", "reasonUnfilled": "PolicyProblem"]
        ),
        Case(
            description: "C04 UK s.41: a book chapter is held for staff, never supplied outright",
            policy: "[policy.copyright]\nregime = \"UK\"\naccepted_codes = [\"UK-FairDealing\", \"UK-CopyRFeePaid\"]\n",
            country: "GB", serviceType: "Copy", bibliographic: book, serviceExtra: "<copyrightCompliance>UK-FairDealing</copyrightCompliance>",
            decision: "review", rule: "C04", code: "uk-s41-condition"
        ),
        Case(
            description: "§5.3: cost and need-before date both fixable: one RetryPossible, both named in the 2017 note",
            policy: "[policy.lending.charges]\ncopy = \"10.00\"\n", country: "US", serviceType: "Copy", bibliographic: journal,
            serviceExtra: "<needBeforeDate>2026-03-10T18:00:00Z</needBeforeDate><copyrightCompliance>US-CCG</copyrightCompliance>",
            billing: "<billingInfo><maximumCosts><currencyCode>USD</currencyCode><monetaryValue>5.00</monetaryValue></maximumCosts></billingInfo>",
            decision: "retry-possible", rule: "L13", code: "cost", answer: ["status": "RetryPossible", "reasonRetry": "CostExceedsMaxCost"]
        ),
    ]

    static func request(_ testCase: Case) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" xmlns:ill="http://illtransactions.org/2013/iso18626" ill:version="1.2">
        <request><header>
        <supplyingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>DK-LEND</agencyIdValue></supplyingAgencyId>
        <requestingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>XX-PEER</agencyIdValue></requestingAgencyId>
        <timestamp>2026-03-10T12:00:00Z</timestamp><requestingAgencyRequestId>EXPLAIN-1</requestingAgencyRequestId>
        </header>
        <bibliographicInfo>\(testCase.bibliographic)</bibliographicInfo>
        <publicationInfo><publicationDate>2024</publicationDate></publicationInfo>
        <serviceInfo><requestType>New</requestType><serviceType>\(testCase.serviceType)</serviceType>\(testCase.serviceExtra)</serviceInfo>
        \(testCase.delivery)\(testCase.billing)
        </request></ISO18626Message>
        """
    }

    @Test(arguments: cases)
    func explainJSON(_ testCase: Case) throws {
        let daemon = try RunningDaemon(name: "lender-\(abs(testCase.description.hashValue))", agency: "ISIL:DK-LEND", root: root)
        try daemon.configure(
            prefix: "LEND",
            peerName: "peer",
            peerAgency: "ISIL:XX-PEER",
            peerEndpoint: "http://127.0.0.1:1/iso18626",
            peerSections: "country = \"\(testCase.country)\"",
            extraSections: "[policy]\ntimezone = \"UTC\"\n[policy.lending]\nnew_material_embargo_days = 0\n" + testCase.policy.replacingOccurrences(of: "[policy.lending]\n", with: "")
        )
        let check = try IllgateBinary.run(["check-config", daemon.configPath])
        #expect(check.status == 0, "\(check.output) \(check.error)")
        let csv = root.appendingPathComponent("holdings-\(abs(testCase.description.hashValue)).csv")
        try Self.holdings.write(to: csv, atomically: true, encoding: .utf8)
        let imported = try daemon.cli(["holdings", "import", csv.path])
        #expect(imported.contains("2 imported"), "\(imported)")
        let file = root.appendingPathComponent("request-\(abs(testCase.description.hashValue)).xml")
        try Self.request(testCase).write(to: file, atomically: true, encoding: .utf8)
        let output = try daemon.cli(["policy", "explain", "--json", "--now", "2026-03-10T12:00:00Z", file.path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
        #expect(json["decision"] as? String == testCase.decision, "\(output)")
        #expect(json["rule"] as? String == testCase.rule, "\(output)")
        #expect(json["code"] as? String == testCase.code, "\(output)")
        let answer = Dictionary(((json["answer"] as? [[String: String]]) ?? []).compactMap { fact in fact["name"].map { ($0, fact["value"] ?? "") } }, uniquingKeysWith: { first, _ in first })
        for (name, value) in testCase.answer {
            #expect(answer[name] == value, "\(name) in \(output)")
        }
        if let note = answer["note"] {
            #expect(note.hasPrefix("[illgate:\(testCase.code)] "), "\(note)")
        }
        if testCase.code == "cost" {
            #expect(answer["note"]?.contains("[illgate:need-before-date]") == true, "\(output)")
            #expect(answer["note"]?.contains("cost 10.00 USD") == true, "\(output)")
        }
    }

    @Test func explainRenewalNeedsALoan() throws {
        let daemon = try RunningDaemon(name: "renewal", agency: "ISIL:DK-LEND", root: root)
        try daemon.configure(prefix: "LEND", peerName: "peer", peerAgency: "ISIL:XX-PEER", peerEndpoint: "http://127.0.0.1:1/iso18626", extraSections: "[policy]\n")
        let missing = try IllgateBinary.run(["policy", "explain", "--renewal", "42", "--config", daemon.configPath])
        #expect(missing.status != 0)
        #expect(missing.error.contains("--renewal 42") && missing.error.contains("no lending transaction 42"), "\(missing.error)")
        let both = try IllgateBinary.run(["policy", "explain", "--renewal", "42", "request.xml", "--config", daemon.configPath])
        #expect(both.status != 0)
    }
}
