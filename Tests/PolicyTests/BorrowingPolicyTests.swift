import Foundation
import ISO18626
import Policy
import Testing

@Suite("Borrowing policy (B01–B08 with K06–K09)")
struct BorrowingPolicyTests {
    typealias Support = CopyrightTestSupport

    static let now = Support.date(2026, 3, 10, 12, zone: Support.chicago)

    /// What a case expects, compared as a whole.
    enum Expected: Sendable, Equatable {
        case send(code: String?, basis: CopyrightBasis?, royalty: Decimal? = nil, maximumCosts: String?, rota: [String])
        case hold(RuleID)
        case reject(RuleID, String)
        case route(String, code: String?, basis: CopyrightBasis?)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var rule: String
        var description: String
        var configure: @Sendable (inout PolicyConfiguration) -> Void = { _ in }
        var request: Request = Support.request()
        var patronType: String? = "faculty"
        var history = BorrowingHistory()
        var localItem = ItemFacts.notHeld
        /// The subject and its bucket count; `nil` for a loan.
        var copyright: CopyrightCount? = CopyrightCount(subject: Support.subject(), countInBucket: 0)
        var lenders: [PeerProfile] = Support.lenders
        var expected: Expected
        /// Rules that must appear in the trace with this verdict.
        var traced: [RuleID: RuleEvaluation.Verdict] = [:]
        var testDescription: String { "\(rule) \(description)" }
    }

    static func count(_ n: Int, _ subject: CopyrightSubject = Support.subject()) -> CopyrightCount {
        CopyrightCount(subject: subject, countInBucket: n)
    }

    static let loan = Support.request(serviceType: .loan, titleOfComponent: nil, volume: [], issue: nil, pages: nil, ids: [("ISBN", "0-306-40615-2")], publicationType: "Book")

    static let cases: [Case] = [
        // B01
        Case(rule: "B01", description: "a patron type without ILL is rejected", patronType: "alumni", expected: .reject(.b01, "invalid_user"), traced: [.b01: .fired, .b02: .skipped]),
        Case(rule: "B01", description: "an unknown patron type with no default is held", patronType: "visitor", expected: .hold(.b01)),
        Case(rule: "B01", description: "an unknown patron type falls back to the default", configure: { $0.borrowing.defaultPatronType = "student" }, patronType: "visitor",
             expected: .send(code: "US-CCG", basis: .guideline, maximumCosts: "20 USD", rota: ["alpha", "beta"])),
        Case(rule: "B01", description: "no patron type uses the default (case-insensitive)", configure: { $0.borrowing.defaultPatronType = "FACULTY" }, patronType: nil,
             expected: .send(code: "US-CCG", basis: .guideline, maximumCosts: "50 USD", rota: ["alpha", "gamma", "beta"])),
        // B02
        Case(rule: "B02", description: "a duplicate is held", history: BorrowingHistory(duplicateTransactionID: 42), expected: .hold(.b02), traced: [.b02: .fired]),
        // B03
        Case(rule: "B03", description: "at the open-request limit: held", patronType: "student", history: BorrowingHistory(patronOpenRequests: 25), expected: .hold(.b03)),
        Case(rule: "B03", description: "at the open-request limit with over_limit_action reject", configure: { $0.borrowing.overLimitAction = .reject }, patronType: "student",
             history: BorrowingHistory(patronOpenRequests: 30), expected: .reject(.b03, "over_limit")),
        Case(rule: "B03", description: "under the limit passes", patronType: "student", history: BorrowingHistory(patronOpenRequests: 24),
             expected: .send(code: "US-CCG", basis: .guideline, maximumCosts: "20 USD", rota: ["alpha", "beta"]), traced: [.b03: .passed]),
        // B04
        Case(rule: "B04", description: "a DVD is not borrowable for students", request: Support.request(serviceType: .loan, titleOfComponent: nil, pages: nil, itemFormat: "dvd"),
             patronType: "student", copyright: nil, expected: .reject(.b04, "format_not_borrowable")),
        Case(rule: "B04", description: "a DVD by publication type is not borrowable for students", request: Support.request(serviceType: .loan, titleOfComponent: nil, pages: nil, publicationType: "DVD"),
             patronType: "student", copyright: nil, expected: .reject(.b04, "format_not_borrowable")),
        Case(rule: "B04", description: "faculty may borrow a DVD", request: Support.request(serviceType: .loan, titleOfComponent: nil, pages: nil, itemFormat: "DVD"),
             copyright: nil, expected: .send(code: nil, basis: nil, maximumCosts: "50 USD", rota: ["alpha", "gamma", "beta"]), traced: [.b04: .passed, .b06: .skipped, .k01: .skipped]),
        // B05
        Case(rule: "B05", description: "available locally: held", localItem: ItemFacts(availability: .available), expected: .hold(.b05)),
        Case(rule: "B05", description: "available locally with cancel", configure: { $0.borrowing.locallyAvailableAction = .cancel }, localItem: ItemFacts(availability: .available),
             expected: .reject(.b05, "available_locally")),
        Case(rule: "B05", description: "on loan locally is not available", localItem: ItemFacts(availability: .onLoan(due: nil)),
             expected: .send(code: "US-CCG", basis: .guideline, maximumCosts: "50 USD", rota: ["alpha", "gamma", "beta"])),
        // B06 / K
        Case(rule: "K08", description: "4 in the bucket: guideline, US-CCG", copyright: count(4),
             expected: .send(code: "US-CCG", basis: .guideline, maximumCosts: "50 USD", rota: ["alpha", "gamma", "beta"]),
             traced: [.k01: .passed, .k02: .passed, .k04: .passed, .k05: .passed, .k07: .passed, .k08: .fired, .b06: .fired]),
        Case(rule: "K09", description: "5 in the bucket, pay_royalty: US-CCG with a royalty estimate", copyright: count(5),
             expected: .send(code: "US-CCG", basis: .royalty, royalty: 30, maximumCosts: "50 USD", rota: ["alpha", "gamma", "beta"]), traced: [.k08: .passed, .k09: .fired]),
        Case(rule: "K09", description: "pay_royalty above auto-approve: held", configure: { $0.copyright.borrowing.royaltyEstimate = 40 }, copyright: count(5), expected: .hold(.k09)),
        Case(rule: "K09", description: "document_supplier: routed, US-CCL, not counted", configure: {
            $0.copyright.borrowing.onLimit = .documentSupplier
            $0.copyright.borrowing.documentSupplier = "reprints"
        }, copyright: count(5), expected: .route("reprints", code: "US-CCL", basis: .documentSupplier), traced: [.b08: .skipped]),
        Case(rule: "K09", description: "document_supplier with none configured: held", configure: { $0.copyright.borrowing.onLimit = .documentSupplier }, copyright: count(6), expected: .hold(.k09)),
        Case(rule: "K09", description: "review: held", configure: { $0.copyright.borrowing.onLimit = .review }, copyright: count(5), expected: .hold(.k09)),
        Case(rule: "K09", description: "cancel: rejected", configure: { $0.copyright.borrowing.onLimit = .cancel }, copyright: count(5), expected: .reject(.k09, "copyright_limit")),
        Case(rule: "K05", description: "an older article is US-CCL, not counted, even over the limit", copyright: count(9, Support.subject(exemption: .older)),
             expected: .send(code: "US-CCL", basis: .older, maximumCosts: "50 USD", rota: ["alpha", "gamma", "beta"]), traced: [.k04: .fired, .k05: .fired]),
        Case(rule: "K05", description: "an owned serial is US-CCL, basis owned", copyright: count(12, Support.subject(exemption: .owned)),
             expected: .send(code: "US-CCL", basis: .owned, maximumCosts: "50 USD", rota: ["alpha", "gamma", "beta"])),
        Case(rule: "K04", description: "unknown date with unknown_date = review: held", configure: { $0.copyright.borrowing.unknownDate = .review },
             copyright: count(0, Support.subject(publication: nil)), expected: .hold(.k04)),
        Case(rule: "K04", description: "unknown date with unknown_date = count: counted", copyright: count(2, Support.subject(publication: nil)),
             expected: .send(code: "US-CCG", basis: .guideline, maximumCosts: "50 USD", rota: ["alpha", "gamma", "beta"])),
        Case(rule: "K03", description: "weak title with weak_identity = review: held", copyright: count(0, Support.subject(issns: [], titleKey: "j synth stud", weak: true)), expected: .hold(.k03)),
        Case(rule: "K03", description: "weak title with weak_identity = count: counted", configure: { $0.copyright.borrowing.weakIdentity = .count },
             copyright: count(0, Support.subject(issns: [], titleKey: "j synth stud", weak: true)),
             expected: .send(code: "US-CCG", basis: .guideline, maximumCosts: "50 USD", rota: ["alpha", "gamma", "beta"]), traced: [.k03: .passed]),
        Case(rule: "K08", description: "a work under the work limit uses nonperiodical_code", configure: {
            $0.copyright.borrowing.nonperiodicalCode = "US-CCL"
            $0.copyright.borrowing.workLimit = 3
        }, copyright: count(2, Support.subject(kind: .work, issns: [], isbn13: "9780306406157")),
             expected: .send(code: "US-CCL", basis: .guideline, maximumCosts: "50 USD", rota: ["alpha", "gamma", "beta"]), traced: [.k04: .skipped]),
        Case(rule: "K09", description: "a work at the work limit goes on_limit", configure: { $0.copyright.borrowing.workLimit = 3; $0.copyright.borrowing.onLimit = .review },
             copyright: count(3, Support.subject(kind: .work, issns: [], isbn13: "9780306406157")), expected: .hold(.k09)),
        // B07
        Case(rule: "B07", description: "the student ceiling drops the lender charging 30", patronType: "student",
             expected: .send(code: "US-CCG", basis: .guideline, maximumCosts: "20 USD", rota: ["alpha", "beta"]), traced: [.b07: .fired]),
        Case(rule: "B07", description: "the request's own lower maximum is kept", request: Support.request(maximumCosts: Costs(currencyCode: "USD", monetaryValue: 5)),
             expected: .send(code: "US-CCG", basis: .guideline, maximumCosts: "5 USD", rota: ["alpha"])),
        Case(rule: "B07", description: "a higher request maximum gives way to the patron type's", request: Support.request(maximumCosts: Costs(currencyCode: "USD", monetaryValue: 80)),
             expected: .send(code: "US-CCG", basis: .guideline, maximumCosts: "50 USD", rota: ["alpha", "gamma", "beta"])),
        Case(rule: "B07", description: "every lender charges more: held", patronType: "student",
             lenders: [PeerProfile(name: "gamma", agencyIDs: ["ISIL:US-CCC"], copyCharge: 30)], expected: .hold(.b07)),
        // B08
        Case(rule: "B08", description: "blocked, closed, loan-only and format-deflecting lenders are dropped; sorted by preference",
             request: Support.request(itemFormat: "PDF"),
             lenders: [
                PeerProfile(name: "blocked", agencyIDs: [], isBlocked: true),
                PeerProfile(name: "closed", agencyIDs: [], closedUntil: Support.date(2026, 4, 1)),
                PeerProfile(name: "reopened", agencyIDs: [], closedUntil: Support.date(2026, 3, 1), preference: 3),
                PeerProfile(name: "loans-only", agencyIDs: [], lends: [.loan]),
                PeerProfile(name: "no-pdf", agencyIDs: [], formatsNotLent: ["pdf"]),
                PeerProfile(name: "second", agencyIDs: [], lends: [.copy], preference: 2),
                PeerProfile(name: "first", agencyIDs: [], lends: [.copyOrLoan], preference: 1),
                PeerProfile(name: "also-second", agencyIDs: [], preference: 2),
             ],
             expected: .send(code: "US-CCG", basis: .guideline, maximumCosts: "50 USD", rota: ["first", "second", "also-second", "reopened"]), traced: [.b08: .passed]),
        Case(rule: "B08", description: "an empty rota is held", lenders: [PeerProfile(name: "blocked", agencyIDs: [], isBlocked: true)], expected: .hold(.b08), traced: [.b08: .fired]),
        Case(rule: "B08", description: "no lenders at all is held", lenders: [], expected: .hold(.b08)),
    ]

    @Test(arguments: cases)
    func decide(_ testCase: Case) {
        let configuration = Support.configuration(testCase.configure)
        let input = BorrowingInput(
            request: testCase.request,
            patronType: testCase.patronType,
            history: testCase.history,
            localItem: testCase.localItem,
            copyright: testCase.copyright,
            lenders: testCase.lenders,
            now: Self.now
        )
        let decision = BorrowingPolicy(configuration: configuration).decide(input)
        #expect(Self.summary(decision.outcome) == testCase.expected)

        // Every B rule appears exactly once, in order.
        let bRules = decision.trace.map(\.rule).filter { $0.rawValue.hasPrefix("B") }
        #expect(bRules == [.b01, .b02, .b03, .b04, .b05, .b06, .b07, .b08])
        for (rule, verdict) in testCase.traced {
            #expect(decision.trace.contains { $0.rule == rule && $0.verdict == verdict }, "\(rule) \(verdict) in \(decision.trace)")
        }
    }

    @Test("trace details carry no patron data")
    func traceHasNoPatronData() {
        var request = Support.request()
        request.patronInfo = PatronInfo(patronID: "P-SECRET-77", surname: "Secretname")
        let input = BorrowingInput(request: request, patronType: "faculty", history: BorrowingHistory(), localItem: .notHeld, copyright: Self.count(5), lenders: Support.lenders, now: Self.now)
        let decision = BorrowingPolicy(configuration: Support.configuration()).decide(input)
        #expect(!decision.trace.contains { $0.detail.contains("SECRET") || $0.detail.contains("Secretname") })
        #expect(decision.trace.firedRules.contains(.k09))
    }

    static func summary(_ outcome: BorrowingOutcome) -> Expected {
        switch outcome {
        case .send(let plan):
            return .send(code: plan.copyrightCompliance, basis: plan.ledger?.basis, royalty: plan.ledger?.royaltyEstimate,
                         maximumCosts: plan.maximumCosts.map { "\($0.monetaryValue) \($0.currencyCode.value)" }, rota: plan.rota)
        case .hold(let rule, _):
            return .hold(rule)
        case .reject(let rule, let reason):
            return .reject(rule, reason)
        case .orderFromDocumentSupplier(let peer, let plan):
            return .route(peer, code: plan.copyrightCompliance, basis: plan.ledger?.basis)
        }
    }
}
